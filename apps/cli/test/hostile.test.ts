/**
 * Hostile submissions (`test/hostile/*.ts`, each says what it tries): every one scores 0 or is
 * refused at compile time, under both isolations (namespaces where this machine has them, and
 * the JS lockdown alone), and leaves the grader alive — this test process is the grader, so a
 * signal that reached it would end the run. The same submissions go to a running
 * `curriculum serve` (in process, and the real command in a child process) together with requests
 * that used to crash it; after each, an honest solution still grades 100% on the same server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLesson } from '@gradkit/course';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CurriculumServer, serveCurriculum } from '../src/curriculum/serve.js';
import { type GradeReport, gradeFile, gradeSource } from '../src/grader/index.js';
import { launcher } from '../src/grader/sandbox.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const hostileDir = join(here, 'hostile');
const honest = readFileSync(
  join(root, 'packages', 'solutions', 'lessons', '5-1-least-squares-loss.ts'),
  'utf8',
);
const lossI = getLesson('loss-i');

interface Expectation {
  /** The compile-time refusal (every exercise `error` with this in its message). */
  compile?: string;
  /** The exercises' statuses, when it compiles. */
  status?: [string, string];
  /** In the first exercise's message or first failure's message. */
  message?: string;
  /** In the output (what the submission printed about its attempts). */
  output?: RegExp;
}

const DENIED_KILL =
  /kill\(ppid\): TypeError, kill\(0\): TypeError, kill\(-1\): TypeError, _kill: TypeError, _debugProcess: TypeError/;

/** What each hostile submission gets. A new file without a line here fails the test. */
const EXPECTED: Record<string, Expectation> = {
  'code-generation.ts': {
    status: ['fail', 'fail'],
    output:
      /code-generation: new Function: EvalError, Function\(\): EvalError, eval: EvalError, AsyncFunction: EvalError/,
  },
  'computed-import.ts': { compile: 'graded code may not use import() with a computed specifier' },
  'course-import.ts': { compile: 'graded code may not import the course package (@gradkit/course)' },
  'forge-report.ts': {
    status: ['fail', 'fail'],
    output: /forge-report: send: TypeError, channel: TypeError, send: TypeError, channel: TypeError/,
  },
  'flood-result.ts': { status: ['error', 'error'], message: "the solution's results take" },
  'huge-result.ts': { status: ['type', 'type'] },
  'kill-grader.ts': { status: ['fail', 'fail'], output: DENIED_KILL },
  'network.ts': {
    status: ['fail', 'fail'],
    output:
      /network: fetch: ReferenceError, stdout socket: TypeError, console socket: TypeError, getBuiltinModule: TypeError, binding: TypeError/,
  },
  'patch-math.ts': { status: ['fail', 'fail'], output: /patch-math: Math\.abs\(-5\) = 0/ },
  'reachable.ts': { status: ['fail', 'fail'], output: /reachable: \d+ objects, dangerous: none/ },
  'read-json.ts': {
    compile: `graded code may import only files inside the solution's folder, received "../../../../packages/solutions/package.json"`,
  },
  'read-passwd.ts': {
    compile: 'graded code may not use import attributes: "/etc/passwd" with { type: "text" }',
  },
  'reexport-reference.ts': {
    status: ['error', 'error'],
    message:
      "the submission imports normalPdf from @gradkit/losses, which computes this exercise's answer (hidden while exercise normal-pdf runs)",
  },
  'reference-namespace.ts': {
    status: ['error', 'error'],
    message:
      'threw Error: normalLogPdf of @gradkit/losses computes the answer of exercise normal-pdf: it is hidden from the submission while that exercise runs',
  },
  'solutions-import.ts': {
    compile:
      'graded code may not import the reference solutions (@gradkit/solutions/lessons/5-1-least-squares-loss.ts)',
  },
  'workers-report.ts': {
    status: ['fail', 'fail'],
    output: /workers-report: worker: TypeError, report: TypeError/,
  },
};

const files = readdirSync(hostileDir)
  .filter((f) => f.endsWith('.ts'))
  .sort();

/** A local service the network submission tries to reach; counts connections. */
let service: Server;
let servicePort = 0;
let connections = 0;
beforeAll(async () => {
  service = createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((ok) => service.listen(0, '127.0.0.1', ok));
  servicePort = (service.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((ok) => service.close(() => ok())));

/** A hostile file's source, with the network submission pointed at the local service. */
const source = (name: string) =>
  readFileSync(join(hostileDir, name), 'utf8').replace('const PORT = 8080;', `const PORT = ${servicePort};`);

function check(name: string, r: GradeReport): void {
  const e = EXPECTED[name]!;
  const where = `${name} (${r.sandbox})`;
  expect(r.score, where).toBe(0);
  expect(r.passed, where).toBe(0);
  const first = r.exercises[0]!;
  if (e.compile) {
    for (const x of r.exercises) {
      expect(x.status, where).toBe('error');
      expect(x.message, where).toContain('the solution file does not compile');
      expect(x.message, where).toContain(e.compile);
    }
  }
  // the submissions attack through normalPdf and normalNll (the lesson's other exercises find no
  // export of theirs, or the same refusal): those two statuses are the ones each file earns
  if (e.status)
    expect(
      r.exercises.filter((x) => x.id === 'normal-pdf' || x.id === 'normal-nll').map((x) => x.status),
      where,
    ).toEqual(e.status);
  if (e.message) expect(first.message ?? first.failures[0]?.message, where).toContain(e.message);
  if (e.output) expect(r.output, where).toMatch(e.output);
  // Nothing of the files it tried to read came back.
  const text = JSON.stringify(r);
  expect(text, where).not.toContain('root:x:0:0');
  expect(text, where).not.toContain('Instructor-only');
}

it('has an expectation for every hostile submission', () => {
  expect(files).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(['auto', 'process'] as const)('with isolation %s', (isolation) => {
  it('scores every hostile submission 0 (or refuses it at compile time), and the grader lives on', async () => {
    const before = connections;
    for (const name of files) {
      const path = join(hostileDir, name);
      const r =
        name === 'network.ts'
          ? await gradeSource(lossI, source(name), { isolation })
          : await gradeFile(lossI, path, { isolation });
      check(name, r);
      if (isolation === 'process') expect(r.sandbox).toBe('process');
      else expect(r.sandbox).toBe(launcher().isolation);
      if (name === 'kill-grader.ts' && r.sandbox === 'namespaces') expect(r.output).toContain('ppid=0,');
    }
    expect(connections - before).toBe(0);
    // Still here, and still grading.
    const ok = await gradeSource(lossI, honest, { isolation });
    expect(ok.score).toBe(100);
  });
});

/** POST a submission to a curriculum server. */
async function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(new URL('api/grade', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** Send raw bytes to host:port and read the answer until the server closes (or 2 s). */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((ok) => {
    const s = netConnect(port, '127.0.0.1');
    let out = '';
    s.on('data', (d) => {
      out += String(d);
    });
    s.on('error', () => ok(out));
    s.on('close', () => ok(out));
    s.write(bytes);
    setTimeout(() => {
      s.destroy();
      ok(out);
    }, 2000).unref();
  });
}

function siteDir(): string {
  const site = mkdtempSync(join(tmpdir(), 'gradkit-hostile-site-'));
  writeFileSync(join(site, 'curriculum.json'), JSON.stringify({ title: 'hostile', lessons: ['loss'] }));
  writeFileSync(join(site, 'index.html'), '<h1>course</h1>');
  return site;
}

/** Requests that used to crash `curriculum serve`, and ones it must refuse politely. */
async function badRequests(url: string): Promise<void> {
  const port = Number(new URL(url).port);
  expect((await fetch(new URL('/%E0%A4%A', url))).status).toBe(400);
  expect((await fetch(new URL('/%00', url))).status).toBe(400);
  expect(await raw(port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
  expect(await raw(port, `GET /${'%'.repeat(3)} HTTP/1.1\r\nHost: x\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
  expect((await fetch(new URL('api/grade', url))).status).toBe(405);
  expect((await post(url, '{not json')).status).toBe(400);
  expect((await post(url, 'null')).status).toBe(400);
  expect((await post(url, { lesson: 'nope', source: '' })).json.error.message).toContain(
    '"lesson" must be one of 5-1-least-squares-loss',
  );
  expect((await post(url, { lesson: 'loss-i', source: 'x'.repeat((1 << 20) + 1) })).status).toBe(413);
  expect((await fetch(new URL('/../../../etc/passwd', url))).status).toBe(404);
  expect(await (await fetch(url)).text()).toBe('<h1>course</h1>');
}

describe('curriculum serve', () => {
  let server: CurriculumServer;
  let site: string;
  beforeAll(async () => {
    site = siteDir();
    server = await serveCurriculum(site, { port: 0 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(site, { recursive: true, force: true });
  });

  it('answers 400 to bad paths and malformed requests, and keeps serving', async () => {
    await badRequests(server.url);
  });

  it('grades every hostile submission 0, and an honest one 100 after each, on the same server', async () => {
    for (const name of files) {
      const bad = await post(server.url, { lesson: 'loss-i', source: source(name) });
      expect(bad.status, name).toBe(200);
      check(name, bad.json as GradeReport);
      const good = await post(server.url, { lesson: 'loss', source: honest });
      expect(good.status, name).toBe(200);
      expect(good.json.score, name).toBe(100);
    }
  });
});

describe('curriculum serve, when grading itself fails', () => {
  it('answers 500 and keeps serving', async () => {
    const site = siteDir();
    // A limit the grader refuses: every grading throws (a RangeError), as an internal error would.
    const broken = await serveCurriculum(site, { port: 0, timeLimitMs: 2 ** 31 });
    try {
      const r = await post(broken.url, { lesson: 'loss-i', source: honest });
      expect(r.status).toBe(500);
      expect(r.json.error.message).toContain('internal error: timeLimitMs must be an integer');
      expect(await (await fetch(broken.url)).text()).toBe('<h1>course</h1>');
      expect((await post(broken.url, { lesson: 'loss-i', source: honest })).status).toBe(500);
    } finally {
      await broken.close();
      rmSync(site, { recursive: true, force: true });
    }
  });
});

describe('gradkit curriculum serve (the command)', () => {
  let proc: ChildProcess;
  let site: string;
  let url: string;
  beforeAll(async () => {
    site = siteDir();
    proc = spawn(
      process.execPath,
      [
        '--conditions=@gradkit/source',
        '--import',
        'tsx',
        join(root, 'apps', 'cli', 'src', 'main.ts'),
        'curriculum',
        'serve',
        site,
        '--port',
        '0',
        '--json',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    url = await new Promise<string>((ok, fail) => {
      let out = '';
      proc.stdout!.on('data', (d) => {
        out += String(d);
        const m = /"url":"([^"]+)"/.exec(out);
        if (m) ok(m[1]!);
      });
      proc.on('exit', (code) => fail(new Error(`curriculum serve exited (${code})`)));
    });
  });
  afterAll(() => {
    proc.kill('SIGTERM');
    rmSync(site, { recursive: true, force: true });
  });

  it('survives bad requests and the submissions that try to kill it, reach it or read its files', async () => {
    await badRequests(url);
    for (const name of [
      'kill-grader.ts',
      'network.ts',
      'read-passwd.ts',
      'forge-report.ts',
      'reexport-reference.ts',
    ]) {
      const bad = await post(url, { lesson: 'loss-i', source: source(name) });
      expect(bad.status, name).toBe(200);
      check(name, bad.json as GradeReport);
      const good = await post(url, { lesson: 'loss-i', source: honest });
      expect(good.json.score, name).toBe(100);
    }
    expect(proc.exitCode).toBeNull();
    expect(proc.signalCode).toBeNull();
  });
});
