/**
 * Lessons as data: every package's lessons form one catalog (unique ids, seed notebooks that
 * exist), every exercise has a typed starter stub whose untouched form is reported as `todo`, and
 * every reference solution of the private `@gradkit/solutions` package passes every exercise
 * (the fixed cases and the randomized property checks), while typical wrong answers fail with
 * expected vs received and the exercise's hint.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convLessons } from '@gradkit/conv';
import {
  checkExercise,
  coreLessons,
  type Exercise,
  type Lesson,
  lessonStarter,
  summarizeLesson,
} from '@gradkit/core';
import { datasetsLessons } from '@gradkit/datasets';
import { lossesLessons } from '@gradkit/losses';
import { nnLessons } from '@gradkit/nn';
import { optimizersLessons } from '@gradkit/optimizers';
import { solutionFile, solvedLessons } from '@gradkit/solutions';
import { transformersLessons } from '@gradkit/transformers';
import { afterAll, describe, expect, it } from 'vitest';

// The catalog in course order, as `gradkit lessons` lists it.
const lessons: Lesson[] = [
  ...coreLessons,
  ...lossesLessons,
  ...nnLessons,
  ...optimizersLessons,
  ...convLessons,
  ...datasetsLessons,
  ...transformersLessons,
];
const withExercises = lessons.filter((l) => l.exercises.length > 0);
const seeds = join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
const tmp = mkdtempSync(join(import.meta.dirname, '..', '.lessons-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Import a TypeScript source (a starter or a hand-written wrong answer) as a module. */
let counter = 0;
async function importSource(source: string): Promise<Record<string, unknown>> {
  const file = join(tmp, `m${counter++}.ts`);
  writeFileSync(file, source);
  return (await import(file)) as Record<string, unknown>;
}

function exercise(lessonId: string, exerciseId: string): Exercise {
  const ex = lessons.find((l) => l.id === lessonId)?.exercises.find((e) => e.id === exerciseId);
  if (!ex) throw new Error(`no exercise ${lessonId}/${exerciseId}`);
  return ex;
}

describe('the lesson catalog', () => {
  it('lists the 21 seed-notebook lessons with unique ids and the JSON-able summary', () => {
    expect(lessons.length).toBe(21);
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    for (const l of lessons) {
      expect(l.id).toMatch(/^[a-z0-9-]+$/);
      expect(l.package).toMatch(/^@gradkit\/[a-z]+$/);
      expect(l.seed).toMatch(/\.md$/);
      expect(l.goals.length).toBeGreaterThan(0);
      const s = summarizeLesson(l);
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      expect(s.exercises.map((e) => e.id)).toEqual(l.exercises.map((e) => e.id));
    }
    expect(lessons.reduce((n, l) => n + l.exercises.length, 0)).toBeGreaterThanOrEqual(25);
  });

  it.skipIf(!existsSync(seeds))('names seed notebooks that exist', () => {
    for (const l of lessons) expect(existsSync(join(seeds, l.seed)), l.seed).toBe(true);
  });

  it('gives every exercise a typed stub exporting the checked function', () => {
    for (const l of withExercises)
      for (const e of l.exercises) {
        expect(e.starter, `${l.id}/${e.id}`).toMatch(new RegExp(`export function ${e.check.export}\\(`));
        expect(e.starter).toContain("throw new Error('TODO");
        expect(e.prompt.length).toBeGreaterThan(20);
        expect(e.check.hint.length).toBeGreaterThan(10);
      }
  });
});

describe('reference solutions (@gradkit/solutions)', () => {
  it('exist for exactly the lessons that have exercises', () => {
    expect(solvedLessons()).toEqual(withExercises.map((l) => l.id).sort());
  });

  for (const lesson of withExercises) {
    it(`${lesson.id}: the reference solution passes every case, the untouched starter is "todo"`, async () => {
      const solution = (await import(solutionFile(lesson.id))) as Record<string, unknown>;
      const starter = await importSource(lessonStarter(lesson));
      for (const ex of lesson.exercises) {
        const report = checkExercise(ex, solution);
        expect(report.failures, `${lesson.id}/${ex.id}`).toEqual([]);
        expect(report.status).toBe('pass');
        expect(report.passed).toBe(report.total);
        // Every exercise also checks randomized cases beyond the notebook's own inputs.
        if (ex.check.property) expect(report.total).toBeGreaterThan(ex.check.property.trials);
        const todo = checkExercise(ex, starter);
        expect(todo.status, `${lesson.id}/${ex.id} starter`).toBe('todo');
        expect(todo.passed).toBe(0);
      }
    });
  }
});

describe('typical wrong answers fail with expected vs received and the hint', () => {
  const wrong: [lesson: string, exercise: string, source: string, passedAtMost: number][] = [
    // σ where σ² belongs (the Loss I hint)
    [
      'loss-i',
      'normal-pdf',
      'export const normalPdf = (y: number, mu: number, s: number) => Math.exp(-((y - mu) ** 2) / (2 * s)) / Math.sqrt(2 * Math.PI * s);',
      1, // sigma = 1 happens to be right
    ],
    // no max subtraction: exp(1000) overflows to NaN; the small cases still pass
    [
      'loss-iii',
      'softmax',
      'export const softmax = (z: number[]) => { const e = z.map(Math.exp); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); };',
      Number.POSITIVE_INFINITY,
    ],
    // examples in rows instead of columns
    [
      'loss-iii',
      'categorical-nll',
      'export const categoricalNll = (y: number[], lam: number[][]) => -y.reduce((a, k, i) => a + Math.log(lam[i]?.[k] ?? 1), 0);',
      0,
    ],
    // ReLU's derivative at 0 is taken as 1 in the notebook
    [
      'gradients-ii',
      'indicator',
      'export const indicatorFunction = (f: number[]) => f.map((v) => (v > 0 ? 1 : 0));',
      Number.POSITIVE_INFINITY,
    ],
    // Adam without bias correction
    [
      'gd-variants',
      'adam-step',
      `export function adamStep(p: number[], g: number[], m: number[], v: number[], step: number, lr: number, b1: number, b2: number, eps: number) {
        const m2 = m.map((x, i) => b1 * x + (1 - b1) * g[i]!);
        const v2 = v.map((x, i) => b2 * x + (1 - b2) * g[i]! ** 2);
        return { param: p.map((x, i) => x - (lr * m2[i]!) / (Math.sqrt(v2[i]!) + eps)), m: m2, v: v2 };
      }`,
      0,
    ],
    // the kept probabilities are not renormalised
    [
      'transformers',
      'top-k',
      'export const topKFilter = (p: number[], k: number) => { const t = [...p].sort((a, b) => b - a)[k - 1]!; return p.map((x) => (x < t ? 0 : x)); };',
      Number.POSITIVE_INFINITY,
    ],
  ];
  for (const [lessonId, exerciseId, source, passedAtMost] of wrong) {
    it(`${lessonId}/${exerciseId}`, async () => {
      const ex = exercise(lessonId, exerciseId);
      const report = checkExercise(ex, await importSource(source));
      expect(report.status).toBe('fail');
      expect(report.passed).toBeLessThan(report.total);
      expect(report.passed).toBeLessThanOrEqual(passedAtMost);
      expect(report.hint).toBe(ex.check.hint);
      expect(report.failures.length).toBeGreaterThan(0);
      expect(report.failures[0]!.message).toMatch(/expected|must be|not/);
      expect(report.failures[0]!.expected).toBeDefined();
    });
  }

  it('reports wrong types, exceptions, a missing export and async functions without throwing', async () => {
    const ex = exercise('loss-i', 'normal-nll');
    const type = checkExercise(ex, await importSource('export const normalNll = () => "12.5";'));
    expect(type.status).toBe('type');
    expect(type.failures[0]!.message).toContain('expected a number, received string');
    const thrown = checkExercise(
      ex,
      await importSource(
        'export const normalNll = (y: number[]) => { throw new RangeError("bad " + y.length); };',
      ),
    );
    expect(thrown.status).toBe('error');
    expect(thrown.failures[0]!.message).toContain('threw RangeError: bad 5');
    const missing = checkExercise(ex, await importSource('export const normalNLL = 1;'));
    expect(missing.status).toBe('missing');
    expect(missing.message).toContain('"normalNll"');
    const promise = checkExercise(ex, await importSource('export const normalNll = async () => 1;'));
    expect(promise.status).toBe('type');
    expect(promise.failures[0]!.message).toContain('Promise');
    const rejected = checkExercise(
      ex,
      await importSource('export const normalNll = async () => { throw new Error("late"); };'),
    );
    expect(rejected.status).toBe('type');
    await new Promise((r) => setTimeout(r, 10)); // an unhandled rejection would fail the test run here
  });
});

describe('@gradkit/solutions stays private', () => {
  const rootDir = join(import.meta.dirname, '..', '..');
  const manifests = ['packages', 'apps', join('apps', 'examples')].flatMap((group) =>
    existsSync(join(rootDir, group))
      ? readdirSync(join(rootDir, group))
          .map((name) => join(rootDir, group, name, 'package.json'))
          .filter((f) => existsSync(f))
      : [],
  );

  it('is private, and no package or app (the course site included) depends on it', () => {
    const own = JSON.parse(readFileSync(join(rootDir, 'packages', 'solutions', 'package.json'), 'utf8'));
    expect(own).toMatchObject({ name: '@gradkit/solutions', private: true });
    expect(manifests.length).toBeGreaterThan(8);
    for (const file of manifests) {
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.name === '@gradkit/solutions') continue;
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'])
        expect(Object.keys(pkg[field] ?? {}), `${pkg.name} ${field}`).not.toContain('@gradkit/solutions');
    }
  });

  it('is imported by no source file outside the tests', () => {
    const offenders: string[] = [];
    const scan = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (
          ['node_modules', 'dist', '.vitepress', 'test', 'solutions'].includes(entry.name) &&
          entry.isDirectory()
        ) {
          if (entry.name === '.vitepress') scan(join(dir, entry.name, 'theme'));
          continue;
        }
        const path = join(dir, entry.name);
        if (entry.isDirectory()) scan(path);
        else if (
          /\.(ts|mts|js|mjs|vue)$/.test(entry.name) &&
          /from\s+['"]@gradkit\/solutions/.test(readFileSync(path, 'utf8'))
        )
          offenders.push(path);
      }
    };
    for (const group of ['packages', 'apps']) scan(join(rootDir, group));
    expect(offenders).toEqual([]);
  });
});

describe('checkExercise', () => {
  it('reports a broken checker as an internal error instead of blaming the solution', () => {
    const ex = exercise('loss-i', 'normal-pdf');
    const broken: Exercise = {
      ...ex,
      check: {
        ...ex.check,
        cases: () => {
          throw new RangeError('reference blew up');
        },
      },
    };
    const report = checkExercise(broken, { normalPdf: () => 0 });
    expect(report.status).toBe('error');
    expect(report.message).toBe(
      'internal error: the checker of exercise "normal-pdf" failed to build its reference cases (RangeError: reference blew up)',
    );
  });
});
