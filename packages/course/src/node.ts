/**
 * `@gradkit/course/node`: the files of a lesson folder, read from disk (Node only) — the
 * student's starter (`starter.ts`), the page text (`page.md`), the harness the grader bundles
 * (`harness.ts`), the page's code example (`example.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '@gradkit/core/node';
import { getLesson } from './registry.js';
import type { Lesson } from './types.js';

let root: string | null = null;

/** The `@gradkit/course` package folder (the one with `lessons/`), from sources or from dist. */
export function courseRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (
      existsSync(pj) &&
      (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === '@gradkit/course'
    ) {
      root = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir)
      throw new Error('@gradkit/course: cannot find the package folder (package.json) above this module');
    dir = up;
  }
}

const resolveLesson = (lesson: Lesson | string) => (typeof lesson === 'string' ? getLesson(lesson) : lesson);

/** The lesson's folder: `<package>/lessons/<id>/`. */
export function lessonDir(lesson: Lesson | string): string {
  return join(courseRoot(), 'lessons', resolveLesson(lesson).id);
}

/** The path of one file of a lesson's folder, or `null` when the lesson has none. */
export function lessonFile(
  lesson: Lesson | string,
  name: 'starter.ts' | 'page.md' | 'harness.ts' | 'example.ts',
): string | null {
  const file = join(lessonDir(lesson), name);
  return existsSync(file) ? file : null;
}

function read(lesson: Lesson | string, name: 'starter.ts' | 'page.md' | 'example.ts'): string {
  const file = lessonFile(lesson, name);
  if (!file) throw new Error(`lesson ${resolveLesson(lesson).id} has no ${name}`);
  return readFileSync(file, 'utf8');
}

/**
 * The student's starter file of a lesson (typed stubs that throw `TODO`), as `gradkit lessons
 * <id> --starter` writes it; `null` for a lesson without graded exercises.
 */
export function starterSource(lesson: Lesson | string): string | null {
  const l = resolveLesson(lesson);
  return l.exercises.length ? read(l, 'starter.ts') : null;
}

/** The page text (Markdown) of a lesson, as the course site renders it. */
export function pageSource(lesson: Lesson | string): string {
  return read(lesson, 'page.md');
}

/** The code example shown on a lesson's page, or `null`. */
export function exampleSource(lesson: Lesson | string): string | null {
  return lessonFile(lesson, 'example.ts') ? read(lesson, 'example.ts') : null;
}

/**
 * Writes a lesson's `recorded-run.ts` beside `scriptUrl` (a `record-run.ts`'s `import.meta.url`):
 * the data of figures that take too long to compute in a reader's browser (minutes of training),
 * made by the lesson's own code, as `export const RECORDED_RUN = …` under a header that says how
 * (`description`, one line per entry) and that the file is generated.
 */
export function writeRecordedRun(scriptUrl: string, description: readonly string[], run: unknown): void {
  const file = fileURLToPath(new URL('./recorded-run.ts', scriptUrl));
  const header = ['Written by ./record-run.ts: do not edit by hand.', ...description].map((l) => `// ${l}`);
  writeFileAtomic(file, `${header.join('\n')}\nexport const RECORDED_RUN = ${JSON.stringify(run)};\n`);
}
