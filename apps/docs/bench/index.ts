/**
 * The course site's browser benchmark (`pnpm bench docs`): the coursework playground's training
 * run (TrainDemo.vue's web worker, `.vitepress/theme/train-worker.ts`: the coursework MLP
 * 40-100-100-10 on MNIST-1D, SGD with momentum, StepLR, the whole training and validation sets
 * evaluated after every epoch) for 50 epochs, in headless Chromium as a student's tab runs it,
 * against the same `playgroundTrainer` in this Node process, in one run.
 *
 * The worker is bundled here with esbuild (the packages' TypeScript sources, as the site's Vite
 * build takes them), served by `@gradkit/tests`' static server and driven by playwright-core on
 * Debian's Chromium (`/usr/bin/chromium`). Each side trains the same run three times in the same
 * worker / process; the first run includes compiling the WebAssembly kernels and JIT warm-up (what
 * a student waits for on the first click), the best of the three is the steady state. The worker's
 * own clock times `trainer.fit()` (not the page's messaging). The kernels in Chromium are the
 * relaxed-SIMD (FMA) build where Chromium validates it; Node 20 loads the plain build unless
 * started with `--experimental-wasm-relaxed-simd`.
 *
 * The page is served twice: as a plain static host serves it (not cross-origin isolated: the
 * worker's GEMMs run on one thread), and with the cross-origin-isolation headers that the course
 * site's service worker adds (the worker's large products start @gradkit/core's threads by
 * themselves). In the isolated page a second worker times a float32 GEMM at n = 1024 on one thread
 * and on two (`setNumThreads`), best of three each.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmFma, wasmStatus } from '@gradkit/core';
import { mnist1dData } from '@gradkit/course/lessons/coursework-ii/notebook';
import { hasChromium, launchChromium } from '@gradkit/tests/browser';
import { CROSS_ORIGIN_ISOLATION, serveStatic } from '@gradkit/tests/static-server';
import { build } from 'esbuild';
import { PLAYGROUND_DEFAULTS, playgroundTrainer } from '../.vitepress/theme/train-run.js';

const EPOCHS = Number(process.env.GRADKIT_BENCH_EPOCHS ?? 50);
const RUNS = 3;
const settings = { ...PLAYGROUND_DEFAULTS, epochs: EPOCHS };
const here = dirname(fileURLToPath(import.meta.url));
const load = () =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(' ');

console.log(
  `coursework MLP in the page: ${EPOCHS} epochs (2 × 100 ReLU, batches of 100, full evaluation every epoch), ${RUNS} runs each`,
);
console.log(`machine: ${cpus()[0]?.model ?? 'CPU'}, ${cpus().length} cores; load average ${load()} before`);

// Node: the same trainer, same data, same settings
const data = mnist1dData();
const node: number[] = [];
let nodeError = Number.NaN;
for (let r = 0; r < RUNS; r++) {
  const { trainer } = playgroundTrainer(data, settings);
  const t0 = performance.now();
  const history = await trainer.fit();
  node.push((performance.now() - t0) / 1000);
  nodeError = history.at(-1)!.valError;
}
console.log(
  `Node ${process.versions.node}  runs ${node.map((s) => s.toFixed(2)).join(', ')} s  (kernels: ${wasmStatus()}${wasmFma() ? ', FMA' : ''}; final validation error ${nodeError.toFixed(2)} %)`,
);

if (!hasChromium) {
  console.log(`Chromium  not run: /usr/bin/chromium is missing (apt-get install chromium)`);
  process.exit(0);
}

const out = mkdtempSync(join(tmpdir(), 'gradkit-bench-page-'));
const common = {
  bundle: true,
  format: 'esm' as const,
  platform: 'browser' as const,
  target: 'es2022',
  conditions: ['@gradkit/source'],
  logLevel: 'error' as const,
};
await build({
  ...common,
  entryPoints: [join(here, '..', '.vitepress', 'theme', 'train-worker.ts')],
  outfile: join(out, 'worker.js'),
});
// the GEMM worker: n = 1024 float32, best of three on `threads` threads
await build({
  ...common,
  stdin: {
    contents: `
import { getNumThreads, RandomState, setNumThreads } from '@gradkit/core';
import { gemm } from '@gradkit/core/kernels';
const n = 1024;
const rs = new RandomState(0);
const a = Float32Array.from(rs.uniform(-1, 1, [n * n]).data);
const b = Float32Array.from(rs.uniform(-1, 1, [n * n]).data);
const c = new Float32Array(n * n);
self.onmessage = async ({ data: threads }) => {
  await setNumThreads(threads);
  const times = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    gemm('NN', a, 0, b, 0, c, 0, n, n, n, false);
    times.push((performance.now() - t0) / 1000);
  }
  self.postMessage({ threads: getNumThreads(), seconds: Math.min(...times) });
};
self.postMessage('ready');
`,
    resolveDir: here,
    loader: 'ts',
  },
  outfile: join(out, 'gemm.js'),
});
writeFileSync(
  join(out, 'index.html'),
  `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
const worker = new Worker('./worker.js', { type: 'module' });
const ready = new Promise((resolve) => worker.addEventListener('message', (e) => e.data.type === 'ready' && resolve(), { once: false }));
window.train = async (settings, run) => {
  await ready;
  return new Promise((resolve, reject) => {
    const on = (e) => {
      const m = e.data;
      if (m.run !== run) return;
      if (m.type === 'done') { worker.removeEventListener('message', on); resolve({ seconds: m.seconds, threads: m.threads }); }
      else if (m.type === 'error') { worker.removeEventListener('message', on); reject(new Error(m.message)); }
      else if (m.type === 'epoch') window.lastError = m.valError;
    };
    worker.addEventListener('message', on);
    worker.postMessage({ type: 'train', run, settings });
  });
};
const gemmWorker = new Worker('./gemm.js', { type: 'module' });
const gemmReady = new Promise((resolve) => gemmWorker.addEventListener('message', (e) => e.data === 'ready' && resolve(), { once: true }));
window.gemm = async (threads) => {
  await gemmReady;
  return new Promise((resolve) => {
    gemmWorker.addEventListener('message', (e) => resolve(e.data), { once: true });
    gemmWorker.postMessage(threads);
  });
};
</script>`,
);
const plain = await serveStatic(out);
const isolated = await serveStatic(out, {}, { headers: CROSS_ORIGIN_ISOLATION });
const browser = await launchChromium();
type PageWindow = {
  train: (s: unknown, r: number) => Promise<{ seconds: number; threads: number }>;
  gemm: (threads: number) => Promise<{ seconds: number; threads: number }>;
  lastError: number;
};
try {
  const version = browser.version();
  const inPage: Record<string, number[]> = {};
  for (const [name, server] of [
    ['one core (not isolated)', plain],
    ['cross-origin isolated', isolated],
  ] as const) {
    const page = await browser.newPage();
    await page.goto(`${server.url}/index.html`);
    const runs: number[] = [];
    let threads = 1;
    for (let r = 0; r < RUNS; r++) {
      const res = await page.evaluate(([s, run]) => (window as unknown as PageWindow).train(s, run), [
        settings,
        r + 1,
      ] as const);
      runs.push(res.seconds);
      threads = res.threads;
    }
    const pageError = await page.evaluate(() => (window as unknown as PageWindow).lastError);
    inPage[name] = runs;
    console.log(
      `Chromium ${version}, ${name}: runs ${runs.map((s) => s.toFixed(2)).join(', ')} s on ${threads} thread${threads > 1 ? 's' : ''} (final validation error ${pageError.toFixed(2)} %; goal <= 1.5 s)`,
    );
    console.log(
      `  page / Node: first ${(runs[0]! / node[0]!).toFixed(2)}x, best ${(Math.min(...runs) / Math.min(...node)).toFixed(2)}x`,
    );
    if (server === isolated) {
      const one = await page.evaluate(() => (window as unknown as PageWindow).gemm(1));
      const two = await page.evaluate(() => (window as unknown as PageWindow).gemm(2));
      const gflops = (s: number) => ((2 * 1024 ** 3) / s / 1e9).toFixed(1);
      console.log(
        `  float32 GEMM n = 1024 in a worker: 1 thread ${(one.seconds * 1000).toFixed(0)} ms (${gflops(one.seconds)} GFLOP/s), ${two.threads} threads ${(two.seconds * 1000).toFixed(0)} ms (${gflops(two.seconds)} GFLOP/s): ${(one.seconds / two.seconds).toFixed(2)}x (goal >= 1.8x)`,
      );
    }
    await page.close();
  }
  const [a, b] = Object.values(inPage);
  console.log(`isolated / one core: best ${(Math.min(...b!) / Math.min(...a!)).toFixed(2)}x`);
} finally {
  await browser.close();
  await plain.close();
  await isolated.close();
  rmSync(out, { recursive: true, force: true });
}
console.log(`load average ${load()} after`);
