/**
 * The grader's module API (`gradeFile`, `gradeSource`), in process: every way a solution can go
 * wrong is reported per exercise without crashing the grader — an infinite loop (time limit), a
 * memory blow-up (the worker's heap limit, and a cap on typed arrays outside the heap), an exception, a module that hangs while loading,
 * `process.exit`, code that does not compile, and imports the grader refuses (Node built-ins, the
 * reference solutions) — while `Tensor` results from `@gradkit/core` are graded like plain arrays;
 * and code that gets past the import gate at run time (`new Function`, `process.getBuiltinModule`,
 * `process.binding`, a computed `import()`, `module.createRequire`) cannot read the reference
 * solutions, write files or start processes (Node's permission model in the grading child).
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Lesson } from '@gradkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../src/grader/catalog.js';
import { type GradeReport, gradeFile, gradeSource } from '../src/grader/index.js';
import { readableDirs } from '../src/grader/sandbox.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'gradkit-grader-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lessons = await loadLessons();
const lesson = (id: string): Lesson => lessons.find((l) => l.id === id)!;

function file(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

const statuses = (r: GradeReport) => Object.fromEntries(r.exercises.map((e) => [e.id, e.status]));

describe('gradeFile', () => {
  it('reports an infinite loop, a memory blow-up and an exception per exercise and keeps grading the rest', async () => {
    const path = file(
      'coursework-iv.ts',
      `export function distanceRatio(x: number[][]): number {
  for (;;) {}
}
export function volumeOfHypersphere(diameter: number, dimensions: number): number {
  const hog: number[][] = [];
  for (;;) hog.push(new Array(100000).fill(diameter));
}
export function propOfVolumeInOuter1Percent(dimension: number): number {
  if (dimension > 1) throw new RangeError('not yet for ' + dimension);
  return 1 - 0.99 ** dimension;
}`,
    );
    const report = await gradeFile(lesson('coursework-iv'), path, { timeLimitMs: 1000, memoryLimitMb: 64 });
    expect(statuses(report)).toEqual({
      'distance-ratio': 'timeout',
      'hypersphere-volume': 'memory',
      'outer-shell': 'error',
    });
    expect(report).toMatchObject({ passed: 0, total: 3, score: 0 });
    expect(report.exercises[0]!.message).toBe(
      'exercise distance-ratio did not finish within 1000 ms (an infinite loop?)',
    );
    expect(report.exercises[1]!.message).toMatch(
      /^ran out of memory \((the grader's heap limit is 64 MiB|more than 320 MiB, typed arrays included)\)$/,
    );
    expect(report.exercises[1]!.hint).toContain('radius');
    const shell = report.exercises[2]!;
    expect(shell.passed).toBe(1); // the 1-D case
    expect(shell.failures[0]!.message).toBe('threw RangeError: not yet for 2');
  });

  it('stops a blow-up of typed arrays (memory outside the V8 heap) as a memory error', async () => {
    // Up to 3.2 GB of touched Float64Arrays if nothing stopped it.
    const source = `export function sigmoid(z: number): number {
  const keep: Float64Array[] = [];
  for (let i = 0; i < 40; i++) keep.push(new Float64Array(1e7).fill(z));
  return keep.length;
}
export const bernoulliNll = () => 0;
`;
    const report = await gradeSource(lesson('loss-ii'), source, { memoryLimitMb: 64 });
    expect(statuses(report)).toEqual({ sigmoid: 'memory', 'bernoulli-nll': 'fail' });
    expect(report.exercises[0]!.message).toBe('ran out of memory (more than 320 MiB, typed arrays included)');
  });

  it('refuses imports of Node built-ins and of the reference solutions, and reports code that does not compile or imports at run time', async () => {
    const solutions = join(root, 'packages', 'solutions', 'lessons', 'loss-ii.ts');
    const sources = [
      `import { readFileSync } from 'node:fs';\nexport const sigmoid = (z: number) => readFileSync(String(z)).length;\n`,
      `export { sigmoid, bernoulliNll } from '@gradkit/solutions/lessons/loss-ii.ts';\n`,
      `export * from ${JSON.stringify(solutions)};\n`,
      `import { sigmoid as s } from 'left-pad';\nexport const sigmoid = s;\n`,
      `export function sigmoid(z: number): number {\n  return 1 / (1 + Math.exp(-z);\n}\n`,
      `const name = ['node', 'fs'].join(':');\nexport const sigmoid = async () => (await import(name)).readFileSync('/etc/hostname').length;\n`,
    ];
    const reports = await Promise.all(
      sources.map((s, i) => gradeFile(lesson('loss-ii'), file(`import${i}.ts`, s))),
    );
    for (const r of reports) expect(statuses(r)).toEqual({ sigmoid: 'error', 'bernoulli-nll': 'error' });
    const messages = reports.map((r) => r.exercises[0]!.message!);
    expect(messages[0]).toContain(
      'graded code may only import @gradkit packages and its own files, received "node:fs"',
    );
    expect(messages[1]).toContain(
      'graded code may not import the reference solutions (@gradkit/solutions/lessons/loss-ii.ts)',
    );
    expect(messages[2]).toContain('graded code may not import the reference solutions');
    expect(messages[3]).toContain('received "left-pad"');
    expect(messages[4]).toMatch(
      /^the solution file does not compile:\n.*import4\.ts:2:\d+: Expected "\)" but found ";"/,
    );
    expect(messages[5]).toBe(
      'the solution file does not compile:\ngraded code may not use import() with a computed specifier',
    );
  });

  it('grades Tensor results, an untouched stub, a missing export, a module that hangs while loading and process.exit', async () => {
    const tensors = `import { tensor, type Tensor } from '@gradkit/core';
export function softmax(z: number[]): Tensor {
  const t = tensor(z);
  const e = t.sub(t.max()).exp();
  return e.div(e.sum());
}
export function categoricalNll(y: number[], lambda: number[][]): number {
  throw new Error('TODO');
}`;
    const [t, m, h, x] = await Promise.all([
      gradeSource(lesson('loss-iii'), tensors),
      gradeSource(
        lesson('transformers'),
        'export function greedy(probs: number[]): number {\n  return 0;\n}\n',
      ),
      gradeSource(lesson('loss-ii'), 'while (true) {}\nexport const sigmoid = (z: number) => z;\n', {
        timeLimitMs: 1000,
      }),
      gradeSource(
        lesson('loss-ii'),
        'export function sigmoid(z: number): number {\n  process.exit(0);\n}\nexport const bernoulliNll = () => 1;\n',
      ),
    ]);
    expect(statuses(t)).toEqual({ softmax: 'pass', 'categorical-nll': 'todo' });
    expect(t.file).toBe('loss-iii.ts');
    expect(statuses(m)).toEqual({ greedy: 'missing', 'top-k': 'missing' });
    expect(m.exercises[0]!.message).toContain('does not export a function "greedyToken"');
    expect(statuses(h)).toEqual({ sigmoid: 'timeout', 'bernoulli-nll': 'timeout' });
    expect(h.exercises[0]!.message).toBe(
      'loading the solution file did not finish within 3000 ms (an infinite loop?)',
    );
    expect(x.exercises[0]!.status).toBe('error');
    expect(x.exercises[0]!.message).toContain('process.exit');
    // The worker that exited is replaced: the next exercise is still graded.
    expect(x.exercises[1]!.status).toBe('fail');
  });
});

describe('the sandbox (Node permission model in the grading child)', () => {
  const solutionPath = join(root, 'packages', 'solutions', 'lessons', 'loss-ii.ts');
  // Lines of the reference solution that no report may contain.
  const secret = readFileSync(solutionPath, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 25);
  const leaks = (r: GradeReport) =>
    secret.filter((l) => JSON.stringify(r).includes(JSON.stringify(l).slice(1, -1)));
  // The same file through the symbolic links that point at it.
  const links = [
    join(root, 'tests', 'node_modules', '@gradkit', 'solutions', 'lessons', 'loss-ii.ts'),
    join(root, 'node_modules', '.pnpm', 'node_modules', '@gradkit', 'solutions', 'lessons', 'loss-ii.ts'),
  ].filter((p) => existsSync(p));
  const q = JSON.stringify;

  it('denies reads of the reference solutions however the code reaches fs, and nothing of them reaches the report', async () => {
    expect(secret.length).toBeGreaterThan(0);
    const targets = [solutionPath, ...links];
    const reach = [
      // A function built from a string reaches the real process object.
      (p: string) => `new Function('return process')().getBuiltinModule('fs').readFileSync(${q(p)}, 'utf8')`,
      (p: string) => `(globalThis as any).process.getBuiltinModule('node:fs').readFileSync(${q(p)}, 'utf8')`,
      // import() with a specifier built at run time (esbuild cannot fold the join).
      (p: string) =>
        `(await new Function('s', ['return imp', 'ort(s)'].join(''))(['node', 'fs'].join(':'))).readFileSync(${q(p)}, 'utf8')`,
      (p: string) => `process.getBuiltinModule('module').createRequire(import.meta.url)(${q(p)})`,
      (p: string) =>
        `Object.keys(await new Function('s', ['return imp', 'ort(s)'].join(''))(${q(pathToFileURL(p).href)}))`,
    ];
    const sources = targets.flatMap((p) =>
      reach.map(
        (r) => `let leaked = '';
try {
  leaked = String(await (async () => ${r(p)})());
} catch (e) {
  leaked = 'denied: ' + (e as Error).message;
}
console.log(leaked);
export function sigmoid(z: number): number {
  throw new Error(leaked);
}
export const bernoulliNll = () => leaked.length;
`,
      ),
    );
    const reports = await Promise.all(sources.map((s) => gradeSource(lesson('loss-ii'), s)));
    for (const r of reports) {
      expect(statuses(r)).toEqual({ sigmoid: 'error', 'bernoulli-nll': 'fail' });
      expect(r.exercises[0]!.failures[0]!.message).toMatch(
        /^threw Error: denied: .*(Access to this API has been restricted|ERR_ACCESS_DENIED)/,
      );
      expect(r.output).toMatch(/^denied: /);
      expect(leaks(r)).toEqual([]);
    }
  });

  it('denies process.binding, writing files and starting processes', async () => {
    const written = join(dir, 'written-by-student.txt');
    const [binding, write, child] = await Promise.all([
      gradeSource(
        lesson('loss-ii'),
        `export const sigmoid = (z: number) => (globalThis as any).process.binding('fs').open(${q(solutionPath)}, 0, 0);
export const bernoulliNll = () => 0;
`,
      ),
      gradeSource(
        lesson('loss-ii'),
        `export function sigmoid(z: number): number {
  process.getBuiltinModule('fs').writeFileSync(${q(written)}, String(z));
  return 1 / (1 + Math.exp(-z));
}
export const bernoulliNll = () => 0;
`,
      ),
      gradeSource(
        lesson('loss-ii'),
        `export const sigmoid = (z: number) => new Function('return process')().getBuiltinModule('child_process').execFileSync('cat', [${q(solutionPath)}]).toString();
export const bernoulliNll = () => 0;
`,
      ),
    ]);
    for (const r of [binding, write, child]) {
      expect(statuses(r)).toEqual({ sigmoid: 'error', 'bernoulli-nll': 'fail' });
      expect(leaks(r)).toEqual([]);
    }
    expect(binding.exercises[0]!.failures[0]!.message).toContain('process.binding');
    expect(write.exercises[0]!.failures[0]!.message).toContain('Access to this API has been restricted');
    expect(child.exercises[0]!.failures[0]!.message).toContain('Access to this API has been restricted');
    expect(existsSync(written)).toBe(false);
  });

  it('allows no folder that is, contains, or links into the reference solutions', () => {
    const solutions = realpathSync(join(root, 'packages', 'solutions'));
    const dirs = readableDirs();
    expect(dirs).toContain(realpathSync(join(root, 'packages', 'core')));
    for (const d of dirs) {
      expect(solutions.startsWith(`${d}/`) || solutions === d || d.startsWith(`${solutions}/`), d).toBe(
        false,
      );
      for (const link of links) expect(link.startsWith(`${d}/`), `${d} holds ${link}`).toBe(false);
    }
  });
});
