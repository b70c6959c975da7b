/**
 * The Transformers lesson's section of `gradkit demo` (formerly `decoding`): the practical's
 * decoding strategies on the offline default GPT-2 of @gradkit/transformers (a tiny GPT-2 trained
 * on public-domain Shakespeare, TypeScript forward pass with a KV cache): greedy, nucleus sampling
 * (seeded), the k-th most likely token (k = 1, the practical's example of why greedy-like rules go
 * wrong) and beam search.
 */
import type { GenerationConfig } from '@gradkit/transformers';
import { importNodeModule } from '../../src/node-import.js';
import { defineSection } from '../../src/types.js';

/** One decoded continuation. */
export interface DecodedText {
  strategy: string;
  settings: string;
  text: string;
  tokens: number[];
  /** Σ log p of the generated tokens under the model. */
  logProb: number;
}

/** Numbers of the decoding section. */
export interface DecodingResult {
  prompt: string;
  promptTokens: number[];
  provider: string;
  maxNewTokens: number;
  outputs: DecodedText[];
}

const PROMPT = 'Shall I compare thee';
const MAX_NEW_TOKENS = 12;

/** The strategies shown, in order. */
const RUNS: { settings: string; config: GenerationConfig }[] = [
  { settings: '', config: { strategy: 'greedy' } },
  {
    settings: 'p = 0.9, temperature 1.5, seed 1',
    config: { strategy: 'top-p', topP: 0.9, temperature: 1.5, seed: 1 },
  },
  { settings: 'k = 1: always the second most likely token', config: { strategy: 'kth', kth: 1 } },
  { settings: '3 beams', config: { strategy: 'beam', numBeams: 3 } },
];

/** Greedy, nucleus, k-th token and beam search from "Shall I compare thee", 12 new tokens each. */
export const section = defineSection<DecodingResult>({
  title: 'Transformers: decoding with the offline GPT-2',
  aliases: ['decoding'],
  async run(ctx) {
    const { defaultModelDir, generate, loadGpt2, loadTokenizerFor } = await importNodeModule<
      typeof import('@gradkit/transformers/node')
    >('@gradkit/transformers/node');
    const dir = defaultModelDir();
    const model = loadGpt2(dir);
    try {
      const tokenizer = await loadTokenizerFor(dir, model.vocabSize);
      const promptTokens = tokenizer.encode(PROMPT);
      ctx.log(`model ${dir} (${model.provider}), prompt: ${promptTokens.length} tokens`);
      const outputs: DecodedText[] = [];
      for (const run of RUNS) {
        const r = await generate(
          model,
          promptTokens,
          { ...run.config, maxNewTokens: MAX_NEW_TOKENS },
          tokenizer,
        );
        const text = r.text ?? tokenizer.decode(r.sequence);
        ctx.log(`${r.strategy}: ${JSON.stringify(text)}`);
        outputs.push({
          strategy: r.strategy,
          settings: run.settings,
          text,
          tokens: r.tokens,
          logProb: r.logProb,
        });
      }
      return {
        prompt: PROMPT,
        promptTokens,
        provider: model.provider,
        maxNewTokens: MAX_NEW_TOKENS,
        outputs,
      };
    } finally {
      await model.dispose();
    }
  },
  render(r) {
    const lines = [
      `Prompt "${r.prompt}" (${r.promptTokens.length} tokens), ${r.maxNewTokens} new tokens, backend ${r.provider}`,
    ];
    for (const o of r.outputs) {
      lines.push(`${o.strategy}${o.settings ? ` (${o.settings})` : ''}, log-prob ${o.logProb.toFixed(3)}:`);
      lines.push(...o.text.split('\n').map((l) => `  | ${l}`));
    }
    return lines;
  },
});
