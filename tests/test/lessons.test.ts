/**
 * The lesson registry of @gradkit/course: every lesson is one complete folder (metadata, notebook,
 * page, starter when it has exercises), ids and aliases are unique, figure names too; every
 * starter is a real TypeScript file whose exports have exactly the signatures of the private
 * reference solution (@gradkit/solutions), whose untouched stubs report `todo`, while the
 * solution passes every exercise (the fixed cases and the randomized property checks); typical
 * wrong answers fail with expected vs received and the exercise's hint. The library packages hold
 * no lesson code and no grader vocabulary any more.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  checkExercise,
  curricula,
  type Exercise,
  getLesson,
  lessons,
  summarizeLesson,
} from '@gradkit/course';
import { lessonDir, lessonFile, starterSource } from '@gradkit/course/node';
import { solutionFile, solvedLessons } from '@gradkit/solutions';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const rootDir = join(import.meta.dirname, '..', '..');
const shared = join(rootDir, '..', 'shared');
const withExercises = lessons.filter((l) => l.exercises.length > 0);
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
  const ex = getLesson(lessonId).exercises.find((e) => e.id === exerciseId);
  if (!ex) throw new Error(`no exercise ${lessonId}/${exerciseId}`);
  return ex;
}

describe('the lesson registry', () => {
  it('gives every lesson a unique id and unique aliases, and a JSON-able summary', () => {
    const names = lessons.flatMap((l) => [l.id, ...l.aliases]);
    expect(new Set(names).size).toBe(names.length);
    for (const l of lessons) {
      expect(l.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(l.goals.length).toBeGreaterThan(0);
      expect(l.packages.length).toBeGreaterThan(0);
      const s = summarizeLesson(l);
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      expect(s.exercises.map((e) => e.id)).toEqual(l.exercises.map((e) => e.id));
      for (const e of l.exercises) {
        expect(e.prompt.length, `${l.id}/${e.id}`).toBeGreaterThan(20);
        expect(e.check.hint.length).toBeGreaterThan(10);
      }
    }
  });

  it('has one complete folder per lesson (index, notebook, its test, page; a starter iff exercises)', () => {
    const folders = readdirSync(join(rootDir, 'packages', 'course', 'lessons'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual(lessons.map((l) => l.id).sort());
    for (const l of lessons) {
      const dir = lessonDir(l);
      for (const f of ['index.ts', 'notebook.ts', 'notebook.test.ts', 'page.md'])
        expect(existsSync(join(dir, f)), `${l.id}/${f}`).toBe(true);
      expect(lessonFile(l, 'starter.ts') !== null, `${l.id}/starter.ts`).toBe(l.exercises.length > 0);
      expect(lessonFile(l, 'harness.ts') !== null, `${l.id}/harness.ts`).toBe(l.harness !== undefined);
      expect(existsSync(join(dir, 'figures.ts')), `${l.id}/figures.ts`).toBe(l.figureModule !== undefined);
      expect(existsSync(join(dir, 'demo.ts')), `${l.id}/demo.ts`).toBe(l.demoModule !== undefined);
    }
  });

  it('lists every curriculum lesson, in the book chapter order for udl', () => {
    for (const c of Object.values(curricula)) for (const id of c.lessons) expect(getLesson(id).id).toBe(id);
    const chapters = curricula.udl!.lessons.map((id) => id.split('-').slice(0, 2).map(Number));
    const sorted = [...chapters].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(chapters).toEqual(sorted);
  });

  it.skipIf(!existsSync(shared))('names notebooks that exist', () => {
    for (const l of lessons)
      expect(existsSync(join(shared, l.notebook.collection, l.notebook.file)), l.id).toBe(true);
  });

  it('draws every listed figure, and each figure name belongs to one lesson', async () => {
    const owners = new Map<string, string>();
    for (const l of lessons) {
      const figures = l.figureModule ? (await l.figureModule()).figures : {};
      expect(Object.keys(figures).sort(), l.id).toEqual([...l.figures].sort());
      for (const name of l.figures) {
        expect(owners.get(name), `figure ${name}`).toBeUndefined();
        owners.set(name, l.id);
      }
    }
  });
});

describe('starters and reference solutions (@gradkit/solutions)', () => {
  it('exist for exactly the lessons that have exercises', () => {
    expect(solvedLessons()).toEqual(withExercises.map((l) => l.id).sort());
  });

  it('every starter exports each checked function with the signature of the solution (both ways)', () => {
    const files: string[] = [];
    for (const l of withExercises) {
      const starter = lessonFile(l, 'starter.ts')!;
      const solution = solutionFile(l.id);
      const lines = [
        `import type * as S from ${JSON.stringify(starter)};`,
        `import type * as R from ${JSON.stringify(solution)};`,
      ];
      for (const e of l.exercises) {
        const name = e.check.export;
        lines.push(`export const s_${name}: typeof S.${name} = null as unknown as typeof R.${name};`);
        lines.push(`export const r_${name}: typeof R.${name} = null as unknown as typeof S.${name};`);
      }
      const file = join(tmp, `signatures-${l.id}.ts`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      files.push(file);
    }
    const program = ts.createProgram({
      rootNames: files,
      options: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        allowImportingTsExtensions: true,
        customConditions: ['@gradkit/source'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      },
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter(
        (d) =>
          !d.file ||
          files.includes(d.file.fileName) ||
          /starter\.ts$|solutions\/lessons/.test(d.file.fileName),
      )
      .map(
        (d) =>
          `${d.file ? relative(rootDir, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(diagnostics).toEqual([]);
  }, 120_000);

  for (const lesson of withExercises) {
    it(`${lesson.id}: the reference solution passes every case, the untouched starter is "todo"`, async () => {
      const solution = (await import(solutionFile(lesson.id))) as Record<string, unknown>;
      const starter = await importSource(starterSource(lesson)!);
      for (const ex of lesson.exercises) {
        const report = checkExercise(ex, solution, lesson.harness);
        expect(report.failures, `${lesson.id}/${ex.id}`).toEqual([]);
        expect(report.status).toBe('pass');
        expect(report.passed).toBe(report.total);
        // Every exercise also checks randomized cases beyond the notebook's own inputs.
        if (ex.check.property) expect(report.total).toBeGreaterThan(ex.check.property.trials);
        const todo = checkExercise(ex, starter, lesson.harness);
        expect(todo.status, `${lesson.id}/${ex.id} starter`).toBe('todo');
        expect(todo.passed).toBe(0);
      }
    });
  }

  it('name in check.reference only exports their packages have', async () => {
    for (const l of withExercises)
      for (const e of l.exercises)
        for (const [pkg, names] of Object.entries(e.check.reference ?? {})) {
          const mod = (await import(pkg)) as Record<string, unknown>;
          for (const n of names)
            expect(Object.hasOwn(mod, n), `${l.id}/${e.id}: ${pkg} exports ${n}`).toBe(true);
        }
  });
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
    // ReLU's derivative at 0 is taken as 0 in the book notebook (7.2)
    [
      '7-2-backpropagation',
      'indicator',
      'export const indicatorFunction = (f: number[]) => f.map((v) => (v >= 0 ? 1 : 0));',
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
      const report = checkExercise(ex, await importSource(source), getLesson(lessonId).harness);
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

describe('the library packages hold library code only', () => {
  const libraries = ['core', 'losses', 'nn', 'optimizers', 'conv', 'datasets', 'transformers', 'plot'];
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    );

  it('no lessons folder or lessons.ts remains in them', () => {
    for (const p of libraries) {
      const src = join(rootDir, 'packages', p, 'src');
      const lessonFiles = files(src).filter((f) => /[/\\]lessons([/\\]|\.ts$)/.test(f));
      expect(lessonFiles, p).toEqual([]);
    }
  });

  it("@gradkit/core's sources (its published files) contain no grader vocabulary", () => {
    const vocabulary =
      /\b(checkExercise|Exercise|ExerciseReport|starterFile|lessonStarter|CheckSpec|grader|summarizeLesson)\b/;
    const src = join(rootDir, 'packages', 'core', 'src');
    const offenders = files(src).filter(
      (f) => statSync(f).isFile() && vocabulary.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => relative(rootDir, f))).toEqual([]);
  });
});

describe('@gradkit/solutions stays private', () => {
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
          !entry.name.endsWith('.test.ts') &&
          /from\s+['"]@gradkit\/solutions/.test(readFileSync(path, 'utf8'))
        )
          offenders.push(path);
      }
    };
    for (const group of ['packages', 'apps']) scan(join(rootDir, group));
    expect(offenders).toEqual([]);
  });
});
