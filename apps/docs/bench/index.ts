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
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmFma, wasmStatus } from '@gradkit/core';
import { mnist1dData } from '@gradkit/course/lessons/coursework-ii/notebook';
import { hasChromium, launchChromium } from '@gradkit/tests/browser';
import { serveStatic } from '@gradkit/tests/static-server';
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
await build({
  entryPoints: [join(here, '..', '.vitepress', 'theme', 'train-worker.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['@gradkit/source'],
  outfile: join(out, 'worker.js'),
  logLevel: 'error',
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
      if (m.type === 'done') { worker.removeEventListener('message', on); resolve({ seconds: m.seconds, epochs: window.epochs }); }
      else if (m.type === 'error') { worker.removeEventListener('message', on); reject(new Error(m.message)); }
      else if (m.type === 'epoch') window.lastError = m.valError;
    };
    worker.addEventListener('message', on);
    worker.postMessage({ type: 'train', run, settings });
  });
};
</script>`,
);
const server = await serveStatic(out);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const version = browser.version();
  await page.goto(`${server.url}/index.html`);
  const inPage: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const res = await page.evaluate(
      ([s, run]) =>
        (window as unknown as { train: (s: unknown, r: number) => Promise<{ seconds: number }> }).train(
          s,
          run,
        ),
      [settings, r + 1] as const,
    );
    inPage.push(res.seconds);
  }
  const pageError = await page.evaluate(() => (window as unknown as { lastError: number }).lastError);
  const best = Math.min(...inPage);
  console.log(
    `Chromium ${version}  runs ${inPage.map((s) => s.toFixed(2)).join(', ')} s  (final validation error ${pageError.toFixed(2)} %; goal <= 1.5 s)`,
  );
  console.log(
    `page / Node: first ${(inPage[0]! / node[0]!).toFixed(2)}x, best ${(best / Math.min(...node)).toFixed(2)}x`,
  );
} finally {
  await browser.close();
  await server.close();
  rmSync(out, { recursive: true, force: true });
}
console.log(`load average ${load()} after`);
