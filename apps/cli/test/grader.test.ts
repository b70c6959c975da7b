/**
 * The grader's module API (`gradeFile`, `gradeSource`), in process: every way a solution can go
 * wrong is reported per exercise without crashing the grader — an infinite loop (time limit), a
 * memory blow-up (the child's heap limit, and a cap on typed arrays outside the heap), an
 * exception, a module that hangs while loading, `process.exit`, code that does not compile, and
 * imports the compile-time gate refuses (Node built-ins, other packages, the course package, the
 * reference solutions, files outside the solution's folder or through a link, non-code files,
 * import attributes, computed `import()`); `Tensor` results and arguments cross the process
 * boundary as the library's own `Tensor`; the limits are checked; the protocol's parser bounds
 * and validates what a child sends. Hostile submissions have their own file (`hostile.test.ts`),
 * and every registered lesson's reference solution its own (`solutions.test.ts`).
 */
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import { tensor } from '@gradkit/core';
import { defineLesson, type Exercise, getLesson, harnessCall, type Lesson } from '@gradkit/course';
import { afterAll, describe, expect, it } from 'vitest';
import { compileSolution } from '../src/grader/compile.js';
import { type GradeReport, gradeFile, gradeSource } from '../src/grader/index.js';
import {
  cleanOutcomes,
  cleanValue,
  FrameReader,
  frame,
  MAX_DEPTH,
  MAX_FRAME_BYTES,
  readChildMessage,
} from '../src/grader/protocol.js';
import { buildRuntime, encodeArgs, hiddenNames, libraryNamespaces } from '../src/grader/runtime.js';
import { childCommand, launcher } from '../src/grader/sandbox.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const solutionPath = join(root, 'packages', 'solutions', 'lessons', '5-1-least-squares-loss.ts');
const dir = mkdtempSync(join(tmpdir(), 'gradkit-grader-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lesson51 = getLesson('loss-i');
/** The fixture of the sandbox tests: lesson 5.1 graded on two of its exercises, normalPdf and normalNll. */
const lossI: Lesson = {
  ...lesson51,
  exercises: lesson51.exercises.filter((e) => e.id === 'normal-pdf' || e.id === 'normal-nll'),
};

function file(name: string, source: string): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, source);
  return path;
}

const statuses = (r: GradeReport) => Object.fromEntries(r.exercises.map((e) => [e.id, e.status]));

const PDF = `export function normalPdf(y: number, mu: number, sigma: number): number {
  return Math.exp(-((y - mu) ** 2) / (2 * sigma * sigma)) / Math.sqrt(2 * Math.PI * sigma * sigma);
}
`;
const NLL = `export function normalNll(y: number[], mu: number[], sigma: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += 0.5 * Math.log(2 * Math.PI * sigma * sigma) + (y[i]! - mu[i]!) ** 2 / (2 * sigma * sigma);
  return s;
}
`;

/** A lesson made up for a test (not in the registry). */
function testLesson(exercises: Exercise[]): Lesson {
  return defineLesson({
    id: 'grader-test',
    title: 'A lesson of the grader tests',
    notebook: { collection: 'seeds', file: 'none.md', title: 'none' },
    packages: ['@gradkit/core'],
    summary: '',
    goals: [],
    exercises,
    notebookModule: async () => ({ run() {} }),
  });
}

describe('gradeFile', () => {
  it('reports an exercise that never returns and a memory blow-up per exercise, each with its own limit, and keeps grading', async () => {
    // normalPdf never returns but sleeps instead of spinning: a busy loop would take one of CI's
    // two cores from the other test files for the whole limit.
    const path = file(
      'loop-and-hog.ts',
      `export function normalPdf(y: number, mu: number, sigma: number): number {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0);
}
export function normalNll(y: number[], mu: number[], sigma: number): number {
  const hog: number[][] = [];
  for (;;) hog.push(new Array(1000000).fill(sigma));
}`,
    );
    // The blow-up must reach the heap limit within the time limit. It takes 0.2 s alone, but on a
    // loaded machine (CI's two cores shared with the other test files and a site build) it took
    // more than 1 s, and once more than 3 s: the limit is 10 s, which the sleeping exercise waits
    // out without using the CPU.
    const report = await gradeFile(lossI, path, { timeLimitMs: 10_000, memoryLimitMb: 64 });
    expect(statuses(report)).toEqual({ 'normal-pdf': 'timeout', 'normal-nll': 'memory' });
    expect(report).toMatchObject({ passed: 0, total: 2, score: 0 });
    expect(report.exercises[0]!.message).toBe(
      'exercise normal-pdf did not finish within 10000 ms (an infinite loop?)',
    );
    expect(report.exercises[1]!.message).toMatch(
      /^ran out of memory \((the grader's heap limit is 64 MiB|more than 320 MiB, typed arrays included)\)$/,
    );
    expect(report.exercises[1]!.hint).toContain('log N');
  });

  it('stops a blow-up of typed arrays (memory outside the V8 heap) as a memory error', async () => {
    // Up to 3.2 GB of touched Float64Arrays if nothing stopped it.
    const source = `export function normalPdf(y: number): number {
  const keep: Float64Array[] = [];
  for (let i = 0; i < 40; i++) keep.push(new Float64Array(1e7).fill(y));
  return keep.length;
}
${NLL}`;
    const report = await gradeSource(lossI, source, { memoryLimitMb: 64 });
    expect(statuses(report)).toEqual({ 'normal-pdf': 'memory', 'normal-nll': 'pass' });
    expect(report.exercises[0]!.message).toBe('ran out of memory (more than 320 MiB, typed arrays included)');
  });

  it('grades Tensor results, exceptions, an untouched stub, a missing export, a module that hangs while loading and process.exit', async () => {
    const tensors = `import { tensor, type Tensor } from '@gradkit/core';
export function normalPdf(y: number, mu: number, sigma: number): Tensor {
  const v = tensor(sigma * sigma);
  return tensor(-((y - mu) ** 2)).div(v.mul(2)).exp().div(v.mul(2 * Math.PI).sqrt());
}
export function normalNll(y: number[], mu: number[], sigma: number): number {
  throw new RangeError('not yet for ' + y.length);
}`;
    const [t, m, h, x] = await Promise.all([
      gradeSource(lossI, tensors),
      gradeSource(
        lossI,
        'export function normalDensity(y: number): number {\n  return y;\n}\nexport const normalNll = 3;\n',
      ),
      gradeSource(lossI, `while (true) {}\n${PDF}`, { timeLimitMs: 1000 }),
      gradeSource(lossI, `export function normalPdf(y: number): number {\n  process.exit(0);\n}\n${NLL}`),
    ]);
    expect(statuses(t)).toEqual({ 'normal-pdf': 'pass', 'normal-nll': 'error' });
    expect(t.file).toBe('5-1-least-squares-loss.ts');
    expect(t.exercises[1]!.failures[0]!.message).toBe('threw RangeError: not yet for 5');
    expect(statuses(m)).toEqual({ 'normal-pdf': 'missing', 'normal-nll': 'missing' });
    expect(m.exercises[0]!.message).toContain('does not export a function "normalPdf" (received nothing)');
    expect(m.exercises[1]!.message).toContain('(received number)');
    expect(statuses(h)).toEqual({ 'normal-pdf': 'timeout', 'normal-nll': 'timeout' });
    expect(h.exercises[0]!.message).toBe(
      'loading the solution file did not finish within 3000 ms (an infinite loop?)',
    );
    expect(x.exercises[0]!.status).toBe('error');
    expect(x.exercises[0]!.message).toContain('process.exit');
    // Each exercise has a child of its own: the next one is still graded.
    expect(x.exercises[1]!.status).toBe('pass');
  });

  it('grades the untouched starter as todo', async () => {
    const starter = readFileSync(
      join(root, 'packages', 'course', 'lessons', '5-1-least-squares-loss', 'starter.ts'),
      'utf8',
    );
    const r = await gradeSource(lesson51, starter);
    expect(statuses(r)).toEqual({
      'normal-pdf': 'todo',
      'normal-likelihood': 'todo',
      'normal-nll': 'todo',
      'sum-of-squares': 'todo',
    });
    expect(r.exercises[0]!.message).toBe('the stub still throws TODO');
  });

  it('loads the solution once per exercise and labels the output of each', async () => {
    const r = await gradeSource(lossI, `console.log('loaded');\n${PDF}${NLL}`);
    expect(r.score).toBe(100);
    expect(r.output).toBe('--- normal-pdf ---\nloaded\n--- normal-nll ---\nloaded\n');
  });

  it('passes tensors and typed arrays as arguments (the library Tensor in the child) and rebuilds nothing else', async () => {
    const lesson = testLesson([
      {
        id: 'tensor-args',
        title: 'Tensor arguments',
        prompt: '',
        check: {
          export: 'total',
          cases: () => [
            {
              name: 'a tensor, a typed array, a nested object',
              args: [
                tensor([
                  [1, 2],
                  [3, 4],
                ]),
                new Float64Array([1, 2]),
                { deep: [tensor([5])] },
              ],
              expected: [true, 10, 3, 5],
            },
          ],
          hint: 'sum them',
        },
      },
    ]);
    const r = await gradeSource(
      lesson,
      `import { Tensor } from '@gradkit/core';
export const total = (t: Tensor, a: Float64Array, o: { deep: Tensor[] }) =>
  [t instanceof Tensor && o.deep[0] instanceof Tensor, t.sum().item(), a[0]! + a[1]!, o.deep[0]!.item()];
`,
    );
    expect(r.exercises[0]).toMatchObject({ status: 'pass', passed: 1, total: 1 });
  });

  it('reports an exercise whose cases cannot be built, or that passes a bare function, as an internal error', async () => {
    const lesson = testLesson([
      {
        id: 'broken',
        title: 'Broken reference',
        prompt: '',
        check: {
          export: 'f',
          cases: () => {
            throw new Error('no reference');
          },
          hint: '',
        },
      },
      {
        id: 'closure',
        title: 'A closure as an argument',
        prompt: '',
        check: { export: 'f', cases: () => [{ name: 'c', args: [(x: number) => x], expected: 1 }], hint: '' },
      },
      {
        id: 'harness',
        title: 'A harness this lesson does not have',
        prompt: '',
        check: {
          export: 'f',
          cases: () => [{ name: 'c', args: [harnessCall('nope')], expected: 1 }],
          hint: '',
        },
      },
    ]);
    const r = await gradeSource(lesson, 'export const f = () => 1;\n');
    expect(statuses(r)).toEqual({ broken: 'error', closure: 'error', harness: 'error' });
    expect(r.exercises[0]!.message).toContain('failed to build its reference cases (Error: no reference)');
    expect(r.exercises[1]!.message).toContain('harnessCall');
    expect(r.exercises[2]!.message).toContain('lesson grader-test has no harness.ts');
  });

  it('bounds the limits to what timers and V8 can express, and applies a long one as given', async () => {
    await expect(gradeSource(lossI, PDF, { timeLimitMs: 2 ** 31 })).rejects.toThrow(
      'timeLimitMs must be an integer in [100, 2147483647], received 2147483648',
    );
    await expect(gradeSource(lossI, PDF, { memoryLimitMb: 2 ** 21 })).rejects.toThrow(RangeError);
    // 2^31 - 1 ms is the longest timer: a correct solution passes (a longer delay would fire after 1 ms).
    const r = await gradeSource(lossI, PDF + NLL, { timeLimitMs: 2 ** 31 - 1 });
    expect(r.score).toBe(100);
  });

  it('records the isolation that ran: namespaces where unshare works here, process when asked', async () => {
    const [auto, plain] = await Promise.all([
      gradeSource(lossI, PDF + NLL),
      gradeSource(lossI, PDF + NLL, { isolation: 'process' }),
    ]);
    expect(auto.sandbox).toBe(launcher().isolation);
    expect(plain.sandbox).toBe('process');
    expect([auto.score, plain.score]).toEqual([100, 100]);
    if (process.platform === 'linux' && launcher().unshare) expect(auto.sandbox).toBe('namespaces');
  });
});

describe('the compile-time import gate', () => {
  const compileError = async (name: string, source: string) => {
    const r = await compileSolution(file(name, source));
    expect(r.ok, name).toBe(false);
    return (r as { message: string }).message;
  };

  it('refuses Node built-ins, other packages, the course package, the reference solutions and the packages’ subpaths', async () => {
    expect(
      await compileError(
        'gate/builtin.ts',
        `import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n`,
      ),
    ).toContain('graded code may only import @gradkit packages and its own files, received "node:fs"');
    expect(
      await compileError('gate/npm.ts', `import pad from 'left-pad';\nexport const f = pad;\n`),
    ).toContain('received "left-pad"');
    expect(
      await compileError(
        'gate/course.ts',
        `import { getLesson } from '@gradkit/course';\nexport const f = getLesson;\n`,
      ),
    ).toContain('graded code may not import the course package (@gradkit/course)');
    expect(
      await compileError(
        'gate/solutions.ts',
        `export * from '@gradkit/solutions/lessons/5-1-least-squares-loss.ts';\n`,
      ),
    ).toContain(
      'graded code may not import the reference solutions (@gradkit/solutions/lessons/5-1-least-squares-loss.ts)',
    );
    expect(
      await compileError(
        'gate/subpath.ts',
        `import { load } from '@gradkit/nn/node';\nexport const f = load;\n`,
      ),
    ).toContain('received "@gradkit/nn/node"');
    expect(
      await compileError('gate/plot.ts', `import * as p from '@gradkit/plot';\nexport const f = p;\n`),
    ).toContain('received "@gradkit/plot"');
  });

  it('refuses files outside the folder (by path or through a link), non-code files and import attributes', async () => {
    expect(await compileError('gate/abs.ts', `export * from ${JSON.stringify(solutionPath)};\n`)).toContain(
      `graded code may import only files inside the solution's folder, received ${JSON.stringify(solutionPath)}`,
    );
    symlinkSync(solutionPath, join(dir, 'gate', 'linked.ts'));
    expect(await compileError('gate/via-link.ts', `export * from './linked.ts';\n`)).toContain(
      `received "./linked.ts" (a link to a file outside it)`,
    );
    file('gate/data.json', '{"secret": 1}');
    file('gate/notes.txt', 'secret');
    expect(
      await compileError('gate/json.ts', `import d from './data.json';\nexport const f = () => d;\n`),
    ).toContain(
      'graded code may import only JavaScript/TypeScript files (.ts .tsx .mts .cts .js .jsx .mjs .cjs), received "./data.json"',
    );
    expect(
      await compileError(
        'gate/text.ts',
        `import d from './notes.txt' with { type: 'text' };\nexport const f = () => d;\n`,
      ),
    ).toContain('graded code may not use import attributes: "./notes.txt" with { type: "text" }');
    expect(
      await compileError(
        'gate/attr.ts',
        `import d from './data.json' with { type: 'json' };\nexport const f = () => d;\n`,
      ),
    ).toContain('with { type: "json" }');
    const passwd = await compileError(
      'gate/passwd.ts',
      `import p from '/etc/passwd';\nexport const f = () => p;\n`,
    );
    expect(passwd).toContain(
      `graded code may import only files inside the solution's folder, received "/etc/passwd"`,
    );
    expect(passwd).not.toContain('root:');
  });

  it('refuses computed import() and reads no tsconfig.json (whose extends could name any file)', async () => {
    expect(
      await compileError(
        'gate/computed.ts',
        `const n = ['node', 'fs'].join(':');\nexport const f = () => import(n);\n`,
      ),
    ).toBe('the solution file does not compile:\ngraded code may not use import() with a computed specifier');
    file(
      'tsc/tsconfig.json',
      JSON.stringify({ extends: '/etc/passwd', compilerOptions: { paths: { x: ['/etc/passwd'] } } }),
    );
    const r = await compileSolution(file('tsc/ok.ts', PDF));
    expect(r.ok).toBe(true);
  });

  it('bundles its own files (TypeScript’s ./x.js naming ./x.ts), keeps library imports for the facades, and drops type-only imports', async () => {
    file('own/helper.ts', 'export const square = (x: number) => x * x;\n');
    const r = await compileSolution(
      file(
        'own/main.ts',
        `import type { Lesson } from '@gradkit/course';
import { square } from './helper.js';
import { tensor } from '@gradkit/core';
import * as losses from '@gradkit/losses';
export const f = (l: Lesson) => [square(2), tensor([1]), losses, l];
`,
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.packages.sort()).toEqual(['@gradkit/core', '@gradkit/losses']);
    expect(r.named).toEqual([{ pkg: '@gradkit/core', name: 'tensor' }]);
    expect(r.code).not.toContain('@gradkit/course');
  });

  it('reports a syntax error with the line of the solution', async () => {
    expect(
      await compileError(
        'gate/syntax.ts',
        `export function f(z: number): number {\n  return 1 / (1 + Math.exp(-z);\n}\n`,
      ),
    ).toMatch(
      /^the solution file does not compile:\n.*syntax\.ts:2:\d+: Expected "\)" but found ";"\n\s+return 1/,
    );
  });
});

describe('the runtime bundle', () => {
  it("bundles each library package and the harnesses (one may re-export another lesson's), and leaves out a harness that imports anything else", async () => {
    const good = file(
      'harness/good/harness.ts',
      `import { tensor } from '@gradkit/core';\nexport const ones = (n: number) => () => tensor(new Array(n).fill(1));\n`,
    );
    const bad = file(
      'harness/bad/harness.ts',
      `import { readFileSync } from 'node:fs';\nexport const leak = () => () => readFileSync('/etc/passwd', 'utf8');\n`,
    );
    // a lesson that grades another's exercises re-exports that lesson's harness
    const again = file('harness/again/harness.ts', `export * from '../good/harness.js';\n`);
    // Where a lesson folder would find the library: a node_modules beside the harnesses.
    mkdirSync(join(dir, 'harness', 'node_modules', '@gradkit'), { recursive: true });
    symlinkSync(join(root, 'packages', 'core'), join(dir, 'harness', 'node_modules', '@gradkit', 'core'));
    const rt = await buildRuntime(
      new Map([
        ['good', realpathSync(good)],
        ['again', realpathSync(again)],
        ['bad', realpathSync(bad)],
      ]),
    );
    try {
      expect([...rt.harness.keys()].sort()).toEqual(['again', 'good']);
      expect(rt.harnessErrors.get('bad')).toBe(
        `lessons/bad/harness.ts may import only the library packages (@gradkit/core, @gradkit/losses, @gradkit/nn, @gradkit/optimizers, @gradkit/conv, @gradkit/datasets, @gradkit/transformers) and other lessons' harness.ts, not "node:fs"`,
      );
      expect([...rt.packages.keys()]).toHaveLength(7);
      expect(rt.packages.get('@gradkit/losses')!.exports).toContain('normalPdf');
      // Nothing of the course package (lessons, checkers, reference cases) is in it.
      const all = readdirSync(rt.dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
        .join('\n');
      expect(all).not.toContain('defineLesson');
      expect(all).not.toContain('buildCases');
    } finally {
      rmSync(rt.dir, { recursive: true, force: true });
    }
  });
});

describe('hidden names', () => {
  it('hides the exercise export everywhere and the reference names with every re-export of them', async () => {
    const ns = await libraryNamespaces();
    const hidden = hiddenNames(lossI.exercises[0]!, ns);
    expect([...hidden.get('@gradkit/losses')!]).toEqual(
      expect.arrayContaining(['normalPdf', 'normalLogPdf']),
    );
    for (const names of hidden.values()) expect(names.has('normalPdf')).toBe(true);
    // Whatever else is hidden in a package is the same function as a reference one.
    const losses = ns.get('@gradkit/losses')!;
    for (const n of hidden.get('@gradkit/core')!)
      if (n !== 'normalPdf' && Object.hasOwn(ns.get('@gradkit/core')!, n))
        expect([losses.normalPdf, losses.normalLogPdf]).toContain(ns.get('@gradkit/core')![n]);
  });

  it('reports an import of a hidden name for that exercise only, with a message naming it', async () => {
    const r = await gradeSource(
      lossI,
      `import { normalPdf as pdf } from '@gradkit/losses';\nexport const normalPdf = (y: number, m: number, s: number) => pdf(y, m, s).item();\n${NLL}`,
    );
    expect(statuses(r)).toEqual({ 'normal-pdf': 'error', 'normal-nll': 'pass' });
    expect(r.exercises[0]!.message).toBe(
      "the submission imports normalPdf from @gradkit/losses, which computes this exercise's answer (hidden while exercise normal-pdf runs)",
    );
  });
});

describe('the protocol (what the grader accepts from a child)', () => {
  it('splits frames, and refuses a frame or a stream too large before buffering it', () => {
    const reader = new FrameReader();
    const a = frame(serialize({ t: 'ready' }));
    const b = frame(serialize({ t: 'loaded' }));
    const both = Buffer.concat([a, b]);
    expect(reader.push(both.subarray(0, 3))).toEqual([]);
    const frames = reader.push(both.subarray(3));
    expect(frames).toHaveLength(2);
    const big = Buffer.alloc(4);
    big.writeUInt32BE(MAX_FRAME_BYTES + 1, 0);
    const bad = new FrameReader();
    expect(bad.push(big)).toEqual([]);
    expect(bad.error).toBe(
      `the solution's results take ${MAX_FRAME_BYTES + 1} bytes, more than the ${MAX_FRAME_BYTES} bytes the grader accepts`,
    );
    // A smaller cap (the grader's, from the size of the expected values), and a cap on the total.
    const small = new FrameReader(10, 100);
    expect(small.push(frame(serialize('x'.repeat(20))))).toEqual([]);
    expect(small.error).toContain('more than the 10 bytes');
    const total = new FrameReader(50, 60);
    total.push(frame(serialize('x'.repeat(30))));
    total.push(frame(serialize('x'.repeat(30))));
    expect(total.error).toBe("the solution's results take more than 60 bytes");
  });

  it('keeps only the known messages and fields, and validates outcomes', () => {
    expect(readChildMessage({ t: 'report', report: { status: 'pass' } })).toBeNull();
    expect(readChildMessage({ t: 'ready', status: 'pass' })).toEqual({ t: 'ready' });
    expect(readChildMessage(null)).toBeNull();
    expect(readChildMessage({ t: 'too-large', bytes: 5, status: 'pass' })).toEqual({
      t: 'too-large',
      bytes: 5,
    });
    expect(readChildMessage({ t: 'too-large', bytes: '5' })).toBeNull();
    expect(cleanOutcomes([{ kind: 'pass' }], 1)).toBeNull();
    expect(
      cleanOutcomes(
        [
          { kind: 'value', value: 1 },
          { kind: 'value', value: 2 },
        ],
        1,
      ),
    ).toBeNull();
    expect(cleanOutcomes([{ kind: 'missing', received: 'x' }], 3)).toEqual([
      { kind: 'missing', received: 'nothing' },
    ]);
    expect(cleanOutcomes([{ kind: 'threw', message: 7, todo: 'yes', status: 'pass' }], 1)).toEqual([
      { kind: 'threw', message: '(no message)', todo: false },
    ]);
  });

  it('copies received values into bounded plain data', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    let v = cleanValue(deep, { nodes: 1e6 });
    for (let i = 0; i < MAX_DEPTH; i++) v = (v as unknown[])[0];
    expect(v).toBe(`[nested deeper than ${MAX_DEPTH} levels]`);
    expect(cleanValue(new Float32Array([1.5, 2]), { nodes: 10 })).toEqual([1.5, 2]);
    expect(cleanValue(new Array(100).fill(0), { nodes: 10 })).toBe('[value too large]');
    expect(cleanValue(new Map(), { nodes: 10 })).toBe('[Map]');
    const o = cleanValue(JSON.parse('{"__proto__": {"polluted": 1}}'), { nodes: 10 }) as object;
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  it('encodes tensors and harness markers as data, and refuses a bare function', () => {
    const [t, h] = encodeArgs([tensor([1, 2]), harnessCall('f', tensor([3]))]) as [
      Record<string, { shape: number[] }>,
      { $harness: string; params: unknown[] },
    ];
    expect(t.$gradkitTensor!.shape).toEqual([2]);
    expect(h.$harness).toBe('f');
    expect(Object.keys(h.params[0] as object)).toEqual(['$gradkitTensor']);
    expect(() => encodeArgs([() => 1])).toThrow('harnessCall');
  });
});

describe('the sandbox', () => {
  const secret = readFileSync(solutionPath, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 25);
  const leaks = (r: GradeReport) =>
    secret.filter((l) => JSON.stringify(r).includes(JSON.stringify(l).slice(1, -1)));
  const q = JSON.stringify;

  it('denies reads of the reference solutions and the course however the code tries, and nothing of them reaches the report', async () => {
    expect(secret.length).toBeGreaterThan(0);
    const lessonIndex = join(root, 'packages', 'course', 'lessons', '5-1-least-squares-loss', 'index.ts');
    const reach = [
      (p: string) => `(globalThis as any).process.getBuiltinModule('node:fs').readFileSync(${q(p)}, 'utf8')`,
      (p: string) => `new Function('return process')().getBuiltinModule('fs').readFileSync(${q(p)}, 'utf8')`,
      (p: string) => `(process as any).binding('fs').open(${q(p)}, 0, 0)`,
      (p: string) => `(process as any).stdout.constructor.prototype.constructor.name + ${q(p)}.slice(0, 0)`,
    ];
    const sources = [solutionPath, lessonIndex].flatMap((p) =>
      reach.map(
        (r) => `let leaked = '';
try {
  leaked = String(await (async () => ${r(p)})());
} catch (e) {
  leaked = 'denied: ' + (e as Error).constructor.name;
}
console.log(leaked);
export function normalPdf(y: number): number {
  throw new Error(leaked);
}
export const normalNll = () => leaked.length;
`,
      ),
    );
    const reports = await Promise.all(sources.map((s) => gradeSource(lossI, s)));
    for (const r of reports) {
      expect(statuses(r)).toEqual({ 'normal-pdf': 'error', 'normal-nll': 'fail' });
      expect(r.output).toMatch(/^--- normal-pdf ---\n(denied: (TypeError|EvalError)|Object)\n/);
      expect(leaks(r)).toEqual([]);
    }
  });

  it('runs the child with no view of the grader (ppid 0) and no network interface, where namespaces ran', async () => {
    const r = await gradeSource(lossI, `console.log('ppid', process.ppid);\n${PDF}${NLL}`);
    expect(r.score).toBe(100);
    if (r.sandbox === 'namespaces') expect(r.output).toContain('ppid 0\n');
    else expect(r.output).not.toContain('ppid 0\n');
  });

  it("denies, by the child's command line alone (no JS lockdown), reads outside its folders, writes, processes, threads, addons and eval", async () => {
    const box = realpathSync(mkdtempSync(join(tmpdir(), 'gradkit-grader-box-')));
    const service = createServer((c) => c.destroy());
    await new Promise<void>((ok) => service.listen(0, '127.0.0.1', ok));
    const port = (service.address() as { port: number }).port;
    try {
      writeFileSync(
        join(box, 'probe.mjs'),
        `import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { connect } from 'node:net';
const r = { ppid: process.ppid };
const t = (name, f) => { try { f(); r[name] = 'allowed'; } catch (e) { r[name] = e.code ?? e.name; } };
t('read', () => readFileSync(${q(solutionPath)}));
t('readOwn', () => readFileSync(new URL(import.meta.url)));
t('write', () => writeFileSync(${q(join(box, 'written.txt'))}, 'x'));
t('spawn', () => { const x = spawnSync('/bin/true'); if (x.error) throw x.error; });
t('worker', () => new Worker('0', { eval: true }));
t('eval', () => eval('1'));
t('addon', () => process.dlopen({ exports: {} }, '/nonexistent.node'));
await new Promise((ok) => { const s = connect(${port}, '127.0.0.1'); s.on('connect', () => { r.net = 'connected'; s.destroy(); ok(); }); s.on('error', (e) => { r.net = e.code; ok(); }); });
console.log(JSON.stringify(r));
`,
      );
      const l = launcher();
      const { command, args } = childCommand(l, {
        runtimeDir: box,
        exerciseDir: box,
        worker: join(box, 'probe.mjs'),
        job: 'none',
        memoryLimitMb: 64,
        cpuSeconds: 60,
      });
      const out = await new Promise<string>((ok) => {
        const p = spawn(command, args, {
          env: {},
          stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
          detached: true,
        });
        let text = '';
        p.stdout!.on('data', (d) => {
          text += String(d);
        });
        p.on('close', () => ok(text));
      });
      const r = JSON.parse(out);
      expect(r).toMatchObject({
        read: 'ERR_ACCESS_DENIED',
        readOwn: 'allowed',
        write: 'ERR_ACCESS_DENIED',
        spawn: 'ERR_ACCESS_DENIED',
        worker: 'ERR_ACCESS_DENIED',
        eval: 'EvalError',
      });
      expect(r.addon).not.toBe('allowed');
      if (l.isolation === 'namespaces') {
        expect(r.ppid).toBe(0);
        expect(r.net).not.toBe('connected');
      }
    } finally {
      service.close();
      rmSync(box, { recursive: true, force: true });
    }
  });
});
