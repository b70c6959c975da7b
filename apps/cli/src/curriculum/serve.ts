/**
 * `gradkit curriculum serve DIR`: serve a built curriculum site over HTTP and grade submissions.
 * Static files come from DIR (no directory listing, no path outside DIR); `POST api/grade` with
 * `{"lesson": "<id>", "source": "<the solution file's text>"}` grades the source against one of
 * the curriculum's lessons (found in the `@gradkit/course` registry, by id or alias) with the same
 * grader as `gradkit grade` (a sandboxed child process per exercise, time and heap limits) and
 * answers the `GradeReport` as JSON. Submissions are graded one at a time.
 *
 * The site is a `gradkit curriculum build` (the course site's pages): each HTML page it serves
 * carries `<meta name="gradkit-grading" content="{…settings}">`, which shows the exercise editor's
 * "Submit to your instructor" button (the same site on static hosting has no such tag and no
 * button); `GET api/grading` answers the same settings. With `records` (`--records FILE`) a
 * submission must name its student (`"student"`, 1 to {@link MAX_STUDENT} characters) and each
 * graded submission is appended to FILE as one JSON line: `{"time", "student", "lesson", "score",
 * "passed", "total", "exercises": [{"id", "status"}], "source"}`.
 *
 * The server survives any request: a path that is not valid percent-encoding answers 400, a
 * malformed request is answered 400 by the `clientError` handler, any handler error answers 500
 * (the server keeps serving), and a submission cannot reach the server's process (see the grader).
 */
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { findLesson, type Lesson } from '@gradkit/course';
import { type GradeOptions, gradeSource, warmGrader } from '../grader/index.js';
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
  '.mjs': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  // the course site's fonts, and its WebAssembly (compiled while it streams only as application/wasm)
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Largest accepted submission, in bytes. */
const MAX_BODY = 1 << 20;
/** Longest accepted student name, in characters. */
export const MAX_STUDENT = 100;

/** What a page learns of the server behind it (`GET api/grading`, the pages' meta tag). */
export interface GradingSettings {
  grading: true;
  /** Whether submissions are recorded for the instructor (then each names its student). */
  records: boolean;
  lessons: string[];
}

/** One line of the records file. */
export interface SubmissionRecord {
  time: string;
  student: string;
  lesson: string;
  score: number;
  passed: number;
  total: number;
  exercises: { id: string; status: string }[];
  source: string;
}

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

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    let refused = false;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > MAX_BODY) {
        refused = true;
        chunks.length = 0;
        reject(new BodyTooLarge(`the submission is larger than ${MAX_BODY} bytes`));
        // Let the 413 answer go out; the rest of the body is read and dropped.
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
  options: GradeOptions & { port?: number; host?: string; records?: string } = {},
): Promise<CurriculumServer> {
  const root = resolve(dir);
  const records = options.records === undefined ? undefined : resolve(options.records);
  if (records !== undefined) {
    if (!existsSync(dirname(records)) || (existsSync(records) && !statSync(records).isFile()))
      throw new UsageError(
        `--records expects a file in an existing folder (created if absent, appended to), received ${JSON.stringify(options.records)}`,
      );
    try {
      closeSync(openSync(records, 'a'));
    } catch (e) {
      throw new UsageError(
        `--records expects a file this process can append to, received ${JSON.stringify(options.records)} (${(e as Error).message})`,
      );
    }
  }
  const manifest = join(root, 'curriculum.json');
  if (!existsSync(manifest))
    throw new UsageError(
      `<dir> expects a folder built by gradkit curriculum build, received ${JSON.stringify(dir)} (no curriculum.json)`,
    );
  let ids: string[];
  try {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { lessons?: unknown };
    ids = Array.isArray(parsed.lessons)
      ? parsed.lessons.filter((x): x is string => typeof x === 'string')
      : [];
  } catch (e) {
    throw new UsageError(`<dir> has a curriculum.json that is not JSON: ${(e as Error).message}`);
  }
  // The curriculum's lessons, by their ids and aliases (ids the registry does not know are left out).
  const lessons = new Map<string, Lesson>();
  for (const id of ids) {
    const lesson = findLesson(id);
    if (lesson) for (const key of [id, lesson.id, ...lesson.aliases]) lessons.set(key, lesson);
  }
  const names = [...new Set([...lessons.values()].map((l) => l.id))];
  const settings: GradingSettings = { grading: true, records: records !== undefined, lessons: names };
  const meta = `<meta name="gradkit-grading" content="${JSON.stringify(settings).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}">`;
  let queue: Promise<unknown> = Promise.resolve();

  const fail500 = (res: ServerResponse, e: unknown) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, 500, {
      error: { type: 'Error', message: `internal error: ${e instanceof Error ? e.message : String(e)}` },
    });
  };

  const grade = async (req: IncomingMessage, res: ServerResponse) => {
    let body: { lesson?: unknown; source?: unknown; student?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch (e) {
      const tooLarge = e instanceof BodyTooLarge;
      return sendJson(res, tooLarge ? 413 : 400, {
        error: {
          type: 'UsageError',
          message: tooLarge
            ? (e as Error).message
            : `the body must be JSON {"lesson", "source"}: ${(e as Error).message}`,
        },
      });
    }
    if (!body || typeof body !== 'object')
      return sendJson(res, 400, {
        error: { type: 'UsageError', message: 'the body must be a JSON object {"lesson", "source"}' },
      });
    const lesson = typeof body.lesson === 'string' ? lessons.get(body.lesson) : undefined;
    if (!lesson)
      return sendJson(res, 400, {
        error: {
          type: 'UsageError',
          message: `"lesson" must be one of ${names.join('|')}, received ${JSON.stringify(body.lesson)}`,
        },
      });
    if (!lesson.exercises.length)
      return sendJson(res, 400, {
        error: { type: 'UsageError', message: `lesson ${lesson.id} has no graded exercises` },
      });
    if (typeof body.source !== 'string')
      return sendJson(res, 400, {
        error: { type: 'UsageError', message: '"source" must be the solution file as a string' },
      });
    const student = typeof body.student === 'string' ? body.student.trim() : undefined;
    if (
      records !== undefined &&
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a name holds no control characters
      (!student || student.length > MAX_STUDENT || /[\u0000-\u001f\u007f]/.test(student))
    )
      return sendJson(res, 400, {
        error: {
          type: 'UsageError',
          message: `"student" must be your name or student id (1 to ${MAX_STUDENT} characters, no control characters), received ${JSON.stringify(body.student ?? null)}`,
        },
      });
    const source = body.source;
    // One submission at a time: each waits for the one before, whatever became of it.
    const job = queue.then(async () => {
      const report = await gradeSource(lesson, source, options);
      if (records === undefined) return report;
      const record: SubmissionRecord = {
        time: new Date().toISOString(),
        student: student!,
        lesson: lesson.id,
        score: report.score,
        passed: report.passed,
        total: report.total,
        exercises: report.exercises.map((e) => ({ id: e.id, status: e.status })),
        source,
      };
      appendFileSync(records, `${JSON.stringify(record)}\n`);
      return { ...report, recorded: { time: record.time, student: record.student } };
    });
    queue = job.catch(() => undefined);
    sendJson(res, 200, await job);
  };

  const serveFile = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'method not allowed');
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      return send(
        res,
        400,
        'text/plain; charset=utf-8',
        'bad request: the path is not valid percent-encoding',
      );
    }
    if (decoded.includes('\0')) return send(res, 400, 'text/plain; charset=utf-8', 'bad request');
    let path = normalize(decoded);
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile())
      return send(res, 404, 'text/plain; charset=utf-8', `not found: ${url.pathname}`);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (extname(file) !== '.html') return send(res, 200, type, readFileSync(file));
    // the pages learn that a grader is behind them (the editor's "Submit to your instructor")
    const html = readFileSync(file, 'utf8');
    const head = /<head[^>]*>/i.exec(html);
    send(
      res,
      200,
      type,
      head
        ? `${html.slice(0, head.index + head[0].length)}${meta}${html.slice(head.index + head[0].length)}`
        : html,
    );
  };

  const server = createServer((req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/api/grading') {
        if (req.method !== 'GET' && req.method !== 'HEAD')
          return sendJson(res, 405, { error: { type: 'UsageError', message: 'GET the grading settings' } });
        return sendJson(res, 200, settings);
      }
      if (url.pathname === '/api/grade') {
        if (req.method !== 'POST')
          return sendJson(res, 405, {
            error: { type: 'UsageError', message: 'POST a JSON body {"lesson", "source"}' },
          });
        grade(req, res).catch((e: unknown) => fail500(res, e));
        return;
      }
      serveFile(req, res, url);
    } catch (e) {
      fail500(res, e);
    }
  });
  // A request Node cannot parse: answer 400 and close, never an uncaught error.
  server.on('clientError', (_err, socket) => {
    if (socket.writable && !socket.destroyed)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  // The grader's one-time work (isolation probe, runtime bundle) before the first submission.
  warmGrader().catch(() => undefined);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        // Keep-alive connections with no request in flight would hold the close up.
        server.closeIdleConnections();
      }),
  };
}
