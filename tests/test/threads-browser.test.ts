// Worker-thread GEMMs in a browser: @gradkit/core bundled into a module Web Worker (esbuild, as an
// app's bundler would), served with and without the cross-origin-isolation headers and run in
// headless Chromium. In an isolated page's dedicated worker, `setNumThreads(2)` starts a Web
// Worker over shared WebAssembly memory and the product equals the one-thread product bit for bit;
// an unpinned worker starts its threads by itself after its first large product; without
// isolation, or on the page's main thread, `setNumThreads(2)` is refused with a ValueError that
// says why.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.js';
import { CROSS_ORIGIN_ISOLATION, type StaticServer, serveStatic } from '../support/static-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const core = join(here, '..', '..', 'packages', 'core', 'src', 'index.ts');

// esbuild comes with tsx (a root dev dependency)
const esbuild = createRequire(createRequire(join(here, '..', '..', 'package.json')).resolve('tsx'))('esbuild') as {
  build(options: Record<string, unknown>): Promise<unknown>;
};

// the worker: answers each job ('pinned' | 'automatic' | 'refused') with a JSON-able result
const worker = `
import { getNumThreads, matmul, RandomState, setNumThreads, ValueError } from ${JSON.stringify(core)};
const rs = new RandomState(7);
const a = rs.uniform(-1, 1, [300, 260]).astype('float32');
const b = rs.uniform(-1, 1, [260, 310]).astype('float32');
const bits = (t) => Array.from(new Uint32Array(new Float32Array(t.data).buffer));
self.onmessage = async ({ data: job }) => {
  const out = { isolated: self.crossOriginIsolated, before: getNumThreads() };
  try {
    if (job === 'pinned') {
      await setNumThreads(1);
      const one = bits(matmul(a, b));
      await setNumThreads(2);
      out.threads = getNumThreads();
      const two = bits(matmul(a, b));
      out.length = two.length;
      out.differing = two.filter((v, i) => v !== one[i]).length;
      await setNumThreads(1);
      out.after = getNumThreads();
    } else if (job === 'automatic') {
      // 300·260·310 ≈ 2.4e7 multiply-adds: large enough that the automatic threads start
      matmul(a, b);
      const t0 = performance.now();
      while (getNumThreads() === 1 && performance.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 20));
      out.threads = getNumThreads();
      out.cores = navigator.hardwareConcurrency;
    } else {
      try {
        await setNumThreads(2);
        out.error = 'accepted';
      } catch (e) {
        out.error = (e instanceof ValueError ? 'ValueError: ' : 'other: ') + e.message;
      }
    }
  } catch (e) {
    out.failure = String(e && e.stack || e);
  }
  self.postMessage(out);
};
self.postMessage('ready');
`;

const page = `<!doctype html><meta charset="utf-8"><title>threads</title><script type="module">
import { setNumThreads } from './main.js';
window.job = (job) => new Promise((resolve) => {
  const w = new Worker('./worker.js', { type: 'module' });
  w.onerror = (e) => resolve({ failure: e.message });
  w.onmessage = (e) => { if (e.data === 'ready') w.postMessage(job); else { resolve(e.data); w.terminate(); } };
});
window.mainThread = () => setNumThreads(2).then(() => 'accepted', (e) => e.constructor.name + ': ' + e.message);
window.loaded = true;
</script>`;

const suite = hasChromium ? describe : describe.skip;
suite('worker-thread GEMMs in headless Chromium (Web Workers over shared WebAssembly memory)', () => {
  let dir: string;
  let isolated: StaticServer;
  let plain: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gradkit-threads-browser-'));
    writeFileSync(join(dir, 'worker-entry.js'), worker);
    writeFileSync(join(dir, 'main-entry.js'), `export { setNumThreads } from ${JSON.stringify(core)};`);
    const common = {
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['@gradkit/source'],
      logLevel: 'error',
    };
    await esbuild.build({ ...common, entryPoints: [join(dir, 'worker-entry.js')], outfile: join(dir, 'worker.js') });
    await esbuild.build({ ...common, entryPoints: [join(dir, 'main-entry.js')], outfile: join(dir, 'main.js') });
    writeFileSync(join(dir, 'index.html'), page);
    isolated = await serveStatic(dir, {}, { headers: CROSS_ORIGIN_ISOLATION });
    plain = await serveStatic(dir);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await isolated?.close();
    await plain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(server: StaticServer, job: string) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    try {
      await tab.goto(`${server.url}/index.html`);
      await tab.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded === true);
      return await tab.evaluate(
        (j) => (window as unknown as { job(j: string): Promise<Record<string, unknown>> }).job(j),
        job,
      );
    } finally {
      await context.close();
    }
  }

  it('in an isolated page, setNumThreads(2) in a worker splits the product and changes no bit', async () => {
    const out = await run(isolated, 'pinned');
    expect(out.failure).toBeUndefined();
    expect(out.isolated).toBe(true);
    expect(out.threads).toBe(2);
    expect(out.length).toBe(300 * 310);
    expect(out.differing).toBe(0);
    expect(out.after).toBe(1);
  }, 60_000);

  it("an unpinned worker starts the cores' threads after its first large product", async () => {
    const out = await run(isolated, 'automatic');
    expect(out.failure).toBeUndefined();
    expect(out.before).toBe(1);
    expect(out.threads).toBe(Math.min(out.cores as number, 4));
  }, 60_000);

  it('without isolation, or on the main thread, setNumThreads(2) is refused and says why', async () => {
    const out = await run(plain, 'refused');
    expect(out.isolated).toBe(false);
    expect(out.error).toMatch(/^ValueError: setNumThreads: received 2: .*SharedArrayBuffer.*crossOriginIsolated is false/);
    const context = await browser.newContext();
    const tab = await context.newPage();
    try {
      await tab.goto(`${isolated.url}/index.html`);
      await tab.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded === true);
      const main = await tab.evaluate(() => (window as unknown as { mainThread(): Promise<string> }).mainThread());
      expect(main).toMatch(/^ValueError: setNumThreads: received 2: .*dedicated Web Worker.*Atomics\.wait/);
    } finally {
      await context.close();
    }
  }, 60_000);
});
