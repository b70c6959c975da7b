// Child process of test/webgpu-node.test.ts (started with VK_ICD_FILENAMES / LD_LIBRARY_PATH set, which
// the Vulkan loader reads at start-up): export a checkpoint, load it with the ort backend asking for
// ['webgpu', 'cpu'], compare with the ts backend, print one JSON line.
import {
  beamSearch,
  exportGpt2Onnx,
  generate,
  type KVCache,
  loadGpt2,
  loadOrtModel,
  probeProvider,
  providerStatus,
} from '../../src/node.js';

const [checkpoint, out] = process.argv.slice(2) as [string, string];
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

exportGpt2Onnx(checkpoint, out);
const status = providerStatus('webgpu');
const probe = await probeProvider('webgpu');
const fallbacks: string[] = [];
const model = await loadOrtModel(out, { providers: ['webgpu', 'cpu'], onFallback: (m) => fallbacks.push(m) });
const ts = loadGpt2(checkpoint);
const prompt = [5, 17, 42, 8];
const a = await model.forward([prompt], null, { allLogits: true });
const b = await ts.forward([prompt], null, { allLogits: true });
const noCache = maxDiff(a.allLogits!, b.allLogits!);
let pa: KVCache | null = null;
let pb: KVCache | null = null;
let cached = 0;
for (const t of [...prompt, 11, 29, 61]) {
  const ra = await model.forward([[t]], pa);
  const rb = await ts.forward([[t]], pb);
  cached = Math.max(cached, maxDiff(ra.logits, rb.logits));
  pa = ra.present;
  pb = rb.present;
}
const greedy = { strategy: 'greedy' as const, maxNewTokens: 8, eosTokenId: null };
const result = {
  status,
  probe,
  provider: model.provider,
  report: model.providerReport,
  fallbacks,
  noCache,
  cached,
  greedy: (await generate(model, prompt, greedy)).tokens,
  greedyTs: (await generate(ts, prompt, greedy)).tokens,
  beams: (await beamSearch(model, prompt, { numBeams: 3, maxNewTokens: 4, eosTokenId: null })).beams!.map(
    (x) => x.tokens,
  ),
  beamsTs: (await beamSearch(ts, prompt, { numBeams: 3, maxNewTokens: 4, eosTokenId: null })).beams!.map(
    (x) => x.tokens,
  ),
};
await model.dispose();
console.log(JSON.stringify(result));
