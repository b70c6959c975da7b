// The WebAssembly kernels load in a browser: @gradkit/core is bundled for the browser (esbuild,
// ESM with top-level await, as an app's bundler would) into a page that headless Chromium
// (Debian's /usr/bin/chromium, as in CI's .ci/run) opens from a file; the page runs the SIMD GEMM
// and matmul on both backends (and a float32 GEMM of the relaxed-SIMD build, which Chromium loads)
// and prints the results into the DOM, which --dump-dom returns.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, '..', 'src', 'index.ts');
const kernelsEntry = join(here, '..', 'src', 'kernels', 'index.ts');
const wasmEntry = join(here, '..', 'src', 'kernels', 'wasm.ts');

// esbuild comes with tsx (a root dev dependency); resolved from there rather than added to core
interface Esbuild {
  buildSync(options: Record<string, unknown>): { outputFiles: { text: string }[] };
}
function loadEsbuild(): Esbuild | null {
  try {
    const req = createRequire(join(here, '..', '..', '..', 'package.json'));
    return createRequire(req.resolve('tsx'))('esbuild');
  } catch {
    return null;
  }
}
const esbuild = loadEsbuild();
const ready = existsSync(CHROMIUM) && esbuild !== null;

const page = `
import { getBackend, matmul, RandomState, setNumThreads, wasmStatus, withBackend } from ${JSON.stringify(entry)};
import { gemmJs, gemmWasmSimd } from ${JSON.stringify(kernelsEntry)};
import { wasmFma } from ${JSON.stringify(wasmEntry)};
const out = { backend: getBackend(), status: wasmStatus(), fma: wasmFma() };
const c = new Float32Array(4);
gemmWasmSimd('NN', new Float32Array([1, 2, 3, 4]), 0, new Float32Array([5, 6, 7, 8]), 0, c, 0, 2, 2, 2);
out.gemm = Array.from(c);
const rs = new RandomState(3);
const a = rs.uniform(-1, 1, [37, 29]);
const b = rs.uniform(-1, 1, [29, 41]);
const w = withBackend('wasm', () => matmul(a, b)).data;
const j = withBackend('js', () => matmul(a, b)).data;
out.maxDiff = Math.max(...w.map((v, i) => Math.abs(v - j[i])));
// float32: Chromium has relaxed SIMD, so this is the FMA build (other last bits than 'js')
const a32 = Float32Array.from(a.data);
const b32 = Float32Array.from(b.data);
const w32 = new Float32Array(37 * 41);
const j32 = new Float32Array(37 * 41);
gemmWasmSimd('NN', a32, 0, b32, 0, w32, 0, 37, 29, 41, false);
gemmJs('NN', a32, 0, b32, 0, j32, 0, 37, 29, 41, false);
out.maxDiff32 = Math.max(...w32.map((v, i) => Math.abs(v - j32[i])));
try {
  await setNumThreads(2);
  out.threads = 'accepted';
} catch (e) {
  out.threads = e.message;
}
const pre = document.createElement('pre');
pre.id = 'out';
pre.textContent = JSON.stringify(out);
document.body.append(pre);
`;

const suite = ready ? describe : describe.skip;
suite('WebAssembly kernels in headless Chromium', () => {
  it('load, default to the wasm backend, and agree with the js backend; setNumThreads > 1 is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradkit-kernels-browser-'));
    try {
      const built = esbuild!.buildSync({
        stdin: { contents: page, resolveDir: here, loader: 'ts' },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
      });
      const js = built.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
      const html = join(dir, 'index.html');
      writeFileSync(html, `<!doctype html><html><body><script type="module">${js}</script></body></html>`);
      const r = spawnSync(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          `--user-data-dir=${join(dir, 'profile')}`,
          '--virtual-time-budget=30000',
          '--dump-dom',
          pathToFileURL(html).href,
        ],
        { encoding: 'utf8', timeout: 90_000 },
      );
      const m = /<pre id="out">(.*?)<\/pre>/s.exec(r.stdout ?? '');
      expect(m, `no result in the page (exit ${r.status}): ${r.stderr?.slice(-2000)}`).not.toBeNull();
      const out = JSON.parse(
        m![1]!
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>'),
      );
      expect(out.status).toBe('loaded');
      expect(out.backend).toBe('wasm');
      expect(out.gemm).toEqual([19, 22, 43, 50]);
      expect(out.maxDiff).toBeLessThan(1e-12);
      // Chromium enables WebAssembly relaxed SIMD: the FMA build loads, its float32 GEMM agrees
      // with the 'js' kernel to rounding (no bits pinned: FMA rounds once per multiply-add)
      expect(out.fma).toBe(true);
      expect(out.maxDiff32).toBeLessThan(1e-5);
      // a page's main thread cannot block on Atomics.wait (tests/test/threads-browser.test.ts runs threads in a worker)
      expect(out.threads).toMatch(/setNumThreads: received 2: worker-thread GEMMs need Node or a dedicated Web Worker/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

if (!ready)
  describe('WebAssembly kernels in headless Chromium (prerequisites)', () => {
    it.skip(`needs ${CHROMIUM} (apt-get install chromium) and esbuild (via tsx)`, () => {});
  });
