// A tiny static file server for a built site or page (node:http), bound to 127.0.0.1 on a free
// port: what the browser tests of apps/docs and the example apps open in headless Chromium.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A running {@link serveStatic} server: its base URL (no trailing slash) and how to stop it. */
export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * The response headers that make a page cross-origin isolated (`crossOriginIsolated` true, so it
 * has `SharedArrayBuffer` and its workers can share WebAssembly memory), as a host that can set
 * headers sends them; the course site's service worker (`public/coi-sw.js`) adds them where a host
 * cannot.
 */
export const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

/** Options of {@link serveStatic}. */
export interface ServeOptions {
  /** Headers sent with every file, e.g. {@link CROSS_ORIGIN_ISOLATION}. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Serves the files under `dir` at `http://127.0.0.1:<free port>`: `/a/` serves `a/index.html`,
 * `/a` serves `a.html` when `a` does not exist (VitePress' clean URLs), paths outside `dir` get
 * 403 and missing files 404. Files under `/assets/` (VitePress's content-hashed bundles) are sent
 * with `cache-control: public, max-age=31536000, immutable`, as a static host serves them.
 * `extra` serves more files at fixed paths (path → file), cached the same way: a test's own script
 * (axe-core, say) that the browser then fetches and compiles once for every page that adds it.
 * `options.headers` go with every file (not with 403 and 404 answers).
 *
 * @example
 * const server = await serveStatic(out);
 * await page.goto(`${server.url}/index.html`);
 * await server.close();
 */
export async function serveStatic(
  dir: string,
  extra: Record<string, string> = {},
  options: ServeOptions = {},
): Promise<StaticServer> {
  const headers = options.headers ?? {};
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const fixed = Object.hasOwn(extra, path) ? extra[path] : undefined;
    if (fixed) {
      res.writeHead(200, {
        ...headers,
        'content-type': TYPES[extname(fixed)] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
      });
      createReadStream(fixed).pipe(res);
      return;
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    else if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      // VitePress's content-hashed bundles, cached as its deployment guide asks of a host (each web
      // worker's modules are then fetched once per page, not once per worker)
      ...(path.startsWith('/assets/') ? { 'cache-control': 'public, max-age=31536000, immutable' } : {}),
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
