// The onnxruntime-web backend (`loadOrtWebModel`) in headless Chromium (Debian's /usr/bin/chromium
// through playwright-core): the offline default model exported with exportGpt2Onnx, served over
// http://127.0.0.1 with onnxruntime-web's files, the page bundled from test/browser/entry.ts with
// esbuild. In the page, the ort-web logits are compared with the TypeScript backend's on the same
// weights (1e-4, without and with the cache); greedy tokens and beams must match.
// - WebGPU: Chromium's software Vulkan device (SwiftShader, `--use-webgpu-adapter=swiftshader`)
//   gives a real WebGPU adapter without a GPU, so onnxruntime-web's WebGPU execution provider runs
//   its shaders here; on a machine with a GPU the same page runs on the GPU.
// - No GPU (`--disable-gpu`): webgpu is skipped with the reason, and the model runs on wasm.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelDir, exportGpt2Onnx } from '../src/node.js';

const CHROMIUM = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
const TOL = 1e-4;
/** The PyTorch-made tiny GPT-2 of tests/fixtures (vocab 100, n_embd 16): small enough for WebGPU on a software adapter. */
const TINY = join(here, '..', '..', '..', 'tests', 'fixtures', 'tiny-gpt2');
const hasChromium = existsSync(CHROMIUM);
const suite = hasChromium ? describe : describe.skip;
if (!hasChromium)
  describe('ort-web backend in a browser', () => {
    it.skip(`needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`, () => {});
  });

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Serve `routes` (URL prefix → folder) on 127.0.0.1 (a secure context, as WebGPU requires). */
async function serve(routes: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(routes)
      .sort((a, b) => b.length - a.length)
      .find((p) => path.startsWith(p));
    const root = prefix !== undefined ? routes[prefix]! : '';
    const file = prefix !== undefined ? normalize(join(root, path.slice(prefix.length) || 'index.html')) : '';
    if (!prefix || !file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    import('node:fs').then(({ createReadStream }) => createReadStream(file).pipe(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const BASE_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const WEBGPU_ARGS = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
];

suite('ort-web backend (onnxruntime-web) in headless Chromium', () => {
  let tmp: string;
  let http: { url: string; server: Server };
  const browsers: Browser[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'gradkit-ortweb-'));
    exportGpt2Onnx(defaultModelDir(), join(tmp, 'model'));
    exportGpt2Onnx(TINY, join(tmp, 'tiny'));
    const site = join(tmp, 'site');
    mkdirSync(site);
    const { build } = await import('esbuild');
    await build({
      entryPoints: [join(here, 'browser', 'entry.ts')],
      outfile: join(site, 'app.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['@gradkit/source'],
      external: ['onnxruntime-web', '@huggingface/transformers'],
      logLevel: 'silent',
    });
    writeFileSync(
      join(site, 'index.html'),
      `<!doctype html><html><head><meta charset="utf-8"><script type="importmap">{"imports":{"onnxruntime-web":"/ort/ort.bundle.min.mjs"}}</script><script type="module" src="/app.js"></script></head><body>gradkit ort-web</body></html>`,
    );
    const ortDist = dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
    http = await serve({
      '/ort/': ortDist,
      '/model/': join(tmp, 'model'),
      '/ts/': defaultModelDir(),
      '/tiny/': join(tmp, 'tiny'),
      '/tiny-ts/': TINY,
      '/': site,
    });
  }, 120_000);

  afterAll(async () => {
    for (const b of browsers) await b.close();
    http?.server.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function page(args: string[]) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, ...args] });
    browsers.push(browser);
    const p = await browser.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.goto(`${http.url}/`, { waitUntil: 'load' });
    await p.waitForFunction(
      () => (globalThis as { gradkitReady?: boolean }).gradkitReady === true,
      undefined,
      { timeout: 30_000 },
    );
    return { p, errors };
  }

  type RunResult = {
    provider: string;
    report: { provider: string; skipped: { provider: string; reason: string }[]; message: string };
    fallbacks: string[];
    noCache: number;
    cached: number;
    greedy: number[];
    greedyTs: number[];
    text?: string;
    beams: number[][];
    beamsTs: number[][];
    tokensPerSecond: number;
    tooLong: string;
  };

  function checkParity(r: RunResult, greedyTokens: number, context: number): void {
    expect(r.noCache).toBeLessThan(TOL);
    expect(r.cached).toBeLessThan(TOL);
    expect(r.greedy).toEqual(r.greedyTs);
    expect(r.greedy.length).toBe(greedyTokens);
    expect(r.beams).toEqual(r.beamsTs);
    expect(r.tooLong).toContain(
      `ValueError: generate: prompt too long for the context: ${context - 3} prompt tokens + maxNewTokens 10 = ${context + 7} > the model's ${context} positions`,
    );
  }

  const run = (p: Awaited<ReturnType<typeof page>>['p'], options: Record<string, unknown>) =>
    p.evaluate(
      (o) => (globalThis as unknown as { gradkitRun(o: unknown): Promise<unknown> }).gradkitRun(o),
      options,
    ) as Promise<RunResult>;

  it('WebGPU execution provider (SwiftShader adapter, tiny GPT-2): ts logits to 1e-4 with and without the cache, same greedy tokens and beams', async (ctx) => {
    const { p, errors } = await page(WEBGPU_ARGS);
    const adapter = await p.evaluate(async () => {
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return Boolean(gpu && (await gpu.requestAdapter()));
    });
    if (!adapter) ctx.skip(); // a Chromium build without SwiftShader's Vulkan: nothing to test here
    const r = await run(p, {
      providers: ['webgpu', 'wasm'],
      onnx: '/tiny/',
      checkpoint: '/tiny-ts/',
      prompt: [5, 17, 42, 8],
      greedyTokens: 6,
      beamTokens: 3,
    });
    console.log(
      `ort-web webgpu (SwiftShader): max |ort-web − ts| ${r.noCache.toExponential(2)} (no cache), ${r.cached.toExponential(2)} (cache); greedy ${r.tokensPerSecond.toFixed(0)} tokens/s`,
    );
    expect(r.provider).toBe('ort-web:webgpu');
    expect(r.report.skipped).toEqual([]);
    checkParity(r, 6, 32);
    expect(errors).toEqual([]);
  });

  it('without a GPU: webgpu is skipped with the reason and wasm runs the default model; bad inputs name the URL or file', async () => {
    const { p, errors } = await page(['--disable-gpu']);
    const prompt = 'Shall I compare thee to a summer';
    const r = await run(p, {
      providers: ['webgpu', 'wasm'],
      onnx: '/model/',
      checkpoint: '/ts/',
      prompt,
      greedyTokens: 12,
      beamTokens: 4,
    });
    console.log(
      `ort-web wasm: max |ort-web − ts| ${r.noCache.toExponential(2)} (no cache), ${r.cached.toExponential(2)} (cache); greedy ${r.tokensPerSecond.toFixed(0)} tokens/s`,
    );
    expect(r.provider).toBe('ort-web:wasm');
    expect(r.report.skipped).toHaveLength(1);
    expect(r.report.skipped[0]!.provider).toBe('webgpu');
    expect(r.report.skipped[0]!.reason).toMatch(
      /requestAdapter\(\) returned null|navigator\.gpu is undefined/,
    );
    expect(r.fallbacks).toEqual([r.report.message]);
    expect(r.report.message).toMatch(/^running on wasm \(skipped webgpu: /);
    checkParity(r, 12, 128);
    expect(r.text!.startsWith(prompt)).toBe(true);
    expect(r.text!.length).toBeGreaterThan(prompt.length + 12);

    const e = (await p.evaluate(() =>
      (globalThis as unknown as { gradkitErrors(): Promise<unknown> }).gradkitErrors(),
    )) as Record<string, string>;
    expect(e.missingFolder).toMatch(
      /ValueError: loadOrtWebModel: \/nope\/config\.json answered 404 Not Found; expected the model's Hugging Face config\.json/,
    );
    expect(e.missingOnnx).toMatch(
      /ValueError: loadOrtWebModel: \/ts\/ holds no decoder ONNX file: tried onnx\/decoder_model_merged\.onnx \(404\), onnx\/model\.onnx \(404\)/,
    );
    expect(e.badBytes).toMatch(
      /ValueError: loadOrtWebModel: no execution provider could run garbage\.onnx: wasm: the session failed to start: /,
    );
    expect(e.wrongConfig).toMatch(
      /ValueError: loadOrtWebModel: model\.onnx does not match the decoder-with-past contract .*input "past_key_values\.0\.key" has size 4 on axis 1 .*expected 8 from config\.json/,
    );
    expect(e.noProvider).toMatch(
      /no execution provider could run .*model\/onnx\/model\.onnx: nope: the session failed to start: /,
    );
    expect(errors).toEqual([]);
  });
});
