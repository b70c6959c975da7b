/**
 * `gradkit curriculum serve DIR`: serve a built curriculum site over HTTP and grade submissions.
 * Static files come from DIR (no directory listing, no path outside DIR); `POST api/grade` with
 * `{"lesson": "<id>", "source": "<the solution file's text>"}` grades the source against one of
 * the curriculum's lessons with the same grader as `gradkit grade` (isolated worker, time and
 * heap limits) and answers the `GradeReport` as JSON. Submissions are graded one at a time.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Lesson } from '@gradkit/core';
import { loadLessons } from '../grader/catalog.js';
import { type GradeOptions, gradeSource } from '../grader/index.js';
import { UsageError } from '../util.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Largest accepted submission, in bytes. */
const MAX_BODY = 1 << 20;

/** A running curriculum server. */
export interface CurriculumServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, TYPES['.json']!, JSON.stringify(value));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error(`the submission is larger than ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Start serving `dir` (a `gradkit curriculum build` output) on `host:port` (port 0 picks a free
 * one). Resolves once listening.
 */
export async function serveCurriculum(
  dir: string,
  options: GradeOptions & { port?: number; host?: string } = {},
): Promise<CurriculumServer> {
  const root = resolve(dir);
  const manifest = join(root, 'curriculum.json');
  if (!existsSync(manifest))
    throw new UsageError(
      `<dir> expects a folder built by gradkit curriculum build, received ${JSON.stringify(dir)} (no curriculum.json)`,
    );
  const ids = (JSON.parse(readFileSync(manifest, 'utf8')) as { lessons: string[] }).lessons;
  const all = await loadLessons();
  const lessons = new Map<string, Lesson>(ids.map((id) => [id, all.find((l) => l.id === id)!]));
  let queue: Promise<unknown> = Promise.resolve();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/grade') {
      if (req.method !== 'POST')
        return sendJson(res, 405, {
          error: { type: 'UsageError', message: 'POST a JSON body {"lesson", "source"}' },
        });
      void (async () => {
        let body: { lesson?: unknown; source?: unknown };
        try {
          body = JSON.parse(await readBody(req)) as typeof body;
        } catch (e) {
          return sendJson(res, 400, {
            error: {
              type: 'UsageError',
              message: `the body must be JSON {"lesson", "source"}: ${(e as Error).message}`,
            },
          });
        }
        const lesson = typeof body.lesson === 'string' ? lessons.get(body.lesson) : undefined;
        if (!lesson)
          return sendJson(res, 400, {
            error: {
              type: 'UsageError',
              message: `"lesson" must be one of ${ids.join('|')}, received ${JSON.stringify(body.lesson)}`,
            },
          });
        if (typeof body.source !== 'string')
          return sendJson(res, 400, {
            error: { type: 'UsageError', message: '"source" must be the solution file as a string' },
          });
        const source = body.source;
        const job = queue.then(() => gradeSource(lesson, source, options));
        queue = job.catch(() => undefined);
        try {
          sendJson(res, 200, await job);
        } catch (e) {
          sendJson(res, 500, { error: { type: 'Error', message: (e as Error).message } });
        }
      })();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'method not allowed');
    let path = normalize(decodeURIComponent(url.pathname));
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile())
      return send(res, 404, 'text/plain; charset=utf-8', `not found: ${url.pathname}`);
    send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    server,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
