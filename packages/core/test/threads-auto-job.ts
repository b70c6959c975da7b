// The measurement of threads-auto-child.ts, a module of its own so that a parallelMap worker can
// run it: the thread count before and after a small, a thin and a large GEMM (each followed by a
// wait for workers to start: half a second where none may start, up to ten seconds where the
// caller expects them), and whether the large product's bits repeat.
import { getNumThreads } from '../src/index.js';
import { gemmWasmSimd } from '../src/kernels/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits up to `ms` for the thread count to leave 1 (a start takes a few hundred ms). */
async function settle(ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (getNumThreads() === 1 && Date.now() < end) await sleep(50);
}

export async function measure(expectStart = false) {
  const before = getNumThreads();
  const s = new Float32Array(64 * 64).fill(1);
  gemmWasmSimd('NN', s, 0, s, 0, new Float32Array(64 * 64), 0, 64, 64, 64, false);
  await settle(500);
  const afterSmall = getNumThreads();
  // 16 M multiply-adds but k = 40: too thin for threads to pay
  const t = new Float32Array(4000 * 40).fill(0.5);
  const w = new Float32Array(100 * 40).fill(0.25);
  gemmWasmSimd('NT', t, 0, w, 0, new Float32Array(4000 * 100), 0, 4000, 40, 100, false);
  await settle(500);
  const afterThin = getNumThreads();
  const n = 200; // 8 M multiply-adds, every dimension 200: threads pay
  const x = Float32Array.from({ length: n * n }, (_, i) => Math.sin(0.37 * i));
  const first = new Float32Array(n * n);
  gemmWasmSimd('NN', x, 0, x, 0, first, 0, n, n, n, false);
  await settle(expectStart ? 10_000 : 500);
  const afterLarge = getNumThreads();
  const again = new Float32Array(n * n);
  gemmWasmSimd('NN', x, 0, x, 0, again, 0, n, n, n, false);
  const same = first.every((v, i) => Object.is(v, again[i]));
  return { before, afterSmall, afterThin, afterLarge, same };
}
