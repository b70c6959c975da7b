/**
 * @gradkit/transformers benchmark, on the offline default model (GPT-2 architecture, vocab 50257,
 * n_embd 64, 2 layers) with the `ts` backend. Ratios measured in one run:
 * 1. greedy decoding tokens/s with the KV cache vs re-running the whole sequence (no cache);
 * 2. beam search (5 beams, 10 tokens): the batched implementation with the KV cache vs the
 *    notebook's n_beam² algorithm (forward passes and seconds; the beams must be the same).
 * Then `backends.ts`: greedy tokens/s of the ort (onnxruntime-node), ts and transformers
 * (transformers.js) backends against a bare onnxruntime-node session loop, and beam search on
 * the ort backend.
 */
import { beamSearch, beamSearchNotebook, generate, loadDefaultModel } from '../src/node.js';

const { model, tokenizer } = loadDefaultModel();
const prompt = tokenizer.encode('Shall I compare thee to a summer');

async function time<T>(fn: () => Promise<T>, reps = 3): Promise<{ s: number; value: T }> {
  let value = await fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    value = await fn();
    best = Math.min(best, performance.now() - t);
  }
  return { s: best / 1000, value };
}

const N = 100;
const cached = await time(() =>
  generate(model, prompt, { strategy: 'greedy', maxNewTokens: N, eosTokenId: null }),
);
const uncached = await time(() =>
  generate(model, prompt, { strategy: 'greedy', maxNewTokens: N, eosTokenId: null, useCache: false }),
);
const same = cached.value.tokens.join() === uncached.value.tokens.join();
console.log(`greedy decoding, ${N} tokens after a ${prompt.length}-token prompt (ts backend):`);
console.log(`  with KV cache     ${(N / cached.s).toFixed(0).padStart(7)} tokens/s`);
console.log(`  without cache     ${(N / uncached.s).toFixed(0).padStart(7)} tokens/s`);
console.log(`  ratio             ${(uncached.s / cached.s).toFixed(1).padStart(7)}x  (same tokens: ${same})`);

const cfg = { numBeams: 5, maxNewTokens: 10 };
const batched = await time(() => beamSearch(model, prompt, cfg));
const notebook = await time(() => beamSearchNotebook(model, prompt, cfg), 1);
const sameBeams =
  JSON.stringify(batched.value.beams!.map((b) => b.tokens)) ===
  JSON.stringify(notebook.value.beams!.map((b) => b.tokens));
console.log(`beam search, 5 beams, 10 tokens:`);
console.log(
  `  batched + KV cache ${batched.value.forwardPasses.toString().padStart(5)} forward passes  ${(batched.s * 1000).toFixed(1).padStart(8)} ms`,
);
console.log(
  `  notebook (n_beam²) ${notebook.value.forwardPasses.toString().padStart(5)} forward passes  ${(notebook.s * 1000).toFixed(1).padStart(8)} ms`,
);
console.log(
  `  ratio             ${(notebook.s / batched.s).toFixed(1).padStart(7)}x faster (goal >= 10x), same beams: ${sameBeams}`,
);
console.log(`  best beam: ${JSON.stringify(tokenizer.decode(batched.value.sequence))}`);
if (!same || !sameBeams) process.exitCode = 1;

await import('./backends.js');
