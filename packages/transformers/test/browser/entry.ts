// Page code for test/browser.test.ts, bundled with esbuild (onnxruntime-web stays an import
// resolved by the page's import map). Loads the exported default model with the onnxruntime-web
// backend (`loadOrtWebModel`) and the same checkpoint with the TypeScript backend, both in the
// browser, and reports how far their logits are apart (no cache: every position; with the cache:
// step by step), their greedy tokens and beams, and the errors of bad inputs.
import {
  beamSearch,
  type CausalLM,
  Gpt2Tokenizer,
  generate,
  gpt2FromBytes,
  type KVCache,
  loadOrtWebModel,
} from '../../src/index.js';

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

async function tsModel(base: string): Promise<CausalLM> {
  const [cfg, weights] = await Promise.all([
    fetch(`${base}config.json`).then((r) => r.text()),
    fetch(`${base}model.safetensors`).then((r) => r.arrayBuffer()),
  ]);
  return gpt2FromBytes(cfg, new Uint8Array(weights));
}

async function errorOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'no error';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** What to run: the ONNX folder and checkpoint folder URLs, the prompt (ids or text), and how many tokens to decode. */
interface RunOptions {
  providers: string[];
  onnx: string;
  checkpoint: string;
  prompt: number[] | string;
  greedyTokens: number;
  beamTokens: number;
}

async function run(o: RunOptions) {
  const tok = new Gpt2Tokenizer();
  const prompt = typeof o.prompt === 'string' ? tok.encode(o.prompt) : o.prompt;
  const fallbacks: string[] = [];
  const model = await loadOrtWebModel(o.onnx, {
    providers: o.providers,
    onFallback: (m) => fallbacks.push(m),
  });
  const ts = await tsModel(o.checkpoint);
  // no cache: logits at every position, and the present cache
  const a = await model.forward([prompt], null, { allLogits: true });
  const b = await ts.forward([prompt], null, { allLogits: true });
  let noCache = maxDiff(a.allLogits!, b.allLogits!);
  for (let l = 0; l < a.present.key.length; l++)
    noCache = Math.max(
      noCache,
      maxDiff(a.present.key[l]!, b.present.key[l]!),
      maxDiff(a.present.value[l]!, b.present.value[l]!),
    );
  // with the cache: one token at a time, each backend feeding its own present back (a zero-length past on the first step)
  let pa: KVCache | null = null;
  let pb: KVCache | null = null;
  let cached = 0;
  const ids = [...prompt, 11, 29, 61];
  for (const t of ids) {
    const ra = await model.forward([[t]], pa);
    const rb = await ts.forward([[t]], pb);
    cached = Math.max(cached, maxDiff(ra.logits, rb.logits));
    pa = ra.present;
    pb = rb.present;
  }
  const greedy = { strategy: 'greedy' as const, maxNewTokens: o.greedyTokens, eosTokenId: null };
  const t0 = performance.now();
  const g = await generate(model, prompt, greedy, typeof o.prompt === 'string' ? tok : undefined);
  const tokensPerSecond = (o.greedyTokens / (performance.now() - t0)) * 1000; // informative only
  const gts = await generate(ts, prompt, greedy);
  const beams = await beamSearch(model, prompt, {
    numBeams: 3,
    maxNewTokens: o.beamTokens,
    eosTokenId: null,
  });
  const beamsTs = await beamSearch(ts, prompt, { numBeams: 3, maxNewTokens: o.beamTokens, eosTokenId: null });
  const tooLong = await errorOf(() =>
    generate(model, new Array(model.maxPositions - 3).fill(13), { maxNewTokens: 10 }),
  );
  await model.dispose();
  return {
    provider: model.provider,
    report: model.providerReport,
    fallbacks,
    noCache,
    cached,
    greedy: g.tokens,
    greedyTs: gts.tokens,
    text: g.text,
    beams: beams.beams!.map((x) => x.tokens),
    beamsTs: beamsTs.beams!.map((x) => x.tokens),
    tokensPerSecond,
    tooLong,
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ?? false,
  };
}

async function errors() {
  return {
    missingFolder: await errorOf(() => loadOrtWebModel('/nope/', { providers: ['wasm'] })),
    missingOnnx: await errorOf(() => loadOrtWebModel('/ts/', { providers: ['wasm'] })),
    badBytes: await errorOf(() =>
      loadOrtWebModel(
        {
          model: new Uint8Array([1, 2, 3, 4]),
          config: {
            model_type: 'gpt2',
            vocab_size: 50257,
            n_positions: 128,
            n_embd: 64,
            n_layer: 2,
            n_head: 4,
          },
          name: 'garbage.onnx',
        },
        { providers: ['wasm'] },
      ),
    ),
    wrongConfig: await errorOf(async () => {
      const bytes = new Uint8Array(await (await fetch('/model/onnx/model.onnx')).arrayBuffer());
      return loadOrtWebModel(
        {
          model: bytes,
          config: {
            model_type: 'gpt2',
            vocab_size: 50257,
            n_positions: 128,
            n_embd: 64,
            n_layer: 3,
            n_head: 8,
          },
          name: 'model.onnx',
        },
        { providers: ['wasm'] },
      );
    }),
    noProvider: await errorOf(() => loadOrtWebModel('/model/', { providers: ['nope'] })),
  };
}

Object.assign(globalThis, { gradkitRun: run, gradkitErrors: errors });
(globalThis as { gradkitReady?: boolean }).gradkitReady = true;
