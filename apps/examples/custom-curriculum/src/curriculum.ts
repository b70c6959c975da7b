/**
 * A course assembled from the lessons three gradkit packages export (`lossesLessons` from
 * `@gradkit/losses`, `optimizersLessons` from `@gradkit/optimizers`, `transformersLessons` from
 * `@gradkit/transformers`), described by a `curriculum.json`:
 *
 * ```json
 * { "title": "…", "lessons": ["loss-i", "gd-variants", "transformers"],
 *   "pages": [{ "title": "Welcome", "file": "pages/welcome.md" }] }
 * ```
 *
 * `resolveCurriculum` turns the ids into the packages' `Lesson` objects (in the file's order);
 * `buildCourse` writes a static outline (`index.html`, `course.json`, the extra pages) and a
 * starter-exercise folder for students (`exercises/NN-<lesson>.ts`, one per lesson, made by
 * `lessonStarter` from `@gradkit/core`); `gradeLesson` checks a solution module in-process with
 * `checkExercise` (the CLI's `gradkit grade` runs the same checks isolated in a worker).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  checkExercise,
  type ExerciseReport,
  type Lesson,
  type LessonSummary,
  lessonStarter,
  summarizeLesson,
} from '@gradkit/core';
import { lossesLessons } from '@gradkit/losses';
import { optimizersLessons } from '@gradkit/optimizers';
import { transformersLessons } from '@gradkit/transformers';

/** Every lesson the three packages serve, by id. */
export const CATALOG: ReadonlyMap<string, Lesson> = new Map(
  [...lossesLessons, ...optimizersLessons, ...transformersLessons].map((l) => [l.id, l]),
);

/** The file format. */
export interface Curriculum {
  title: string;
  /** Lesson ids in course order. */
  lessons: string[];
  /** Extra Markdown pages, paths relative to the curriculum file. */
  pages?: { title: string; file: string }[];
}

/** A curriculum with its lessons and pages found. */
export interface ResolvedCurriculum {
  title: string;
  lessons: Lesson[];
  pages: { title: string; file: string; markdown: string }[];
}

const fail = (message: string): never => {
  throw new Error(`curriculum: ${message}`);
};

/** Check the shape of a parsed `curriculum.json`; errors name the field, what came and what was expected. */
export function validateCurriculum(json: unknown): Curriculum {
  if (!json || typeof json !== 'object' || Array.isArray(json))
    fail(`expected an object { title, lessons, pages? }, received ${JSON.stringify(json)}`);
  const c = json as Record<string, unknown>;
  if (typeof c.title !== 'string' || c.title.trim() === '')
    fail(`"title" must be a non-empty string, received ${JSON.stringify(c.title)}`);
  if (!Array.isArray(c.lessons) || c.lessons.length === 0 || !c.lessons.every((id) => typeof id === 'string'))
    fail(`"lessons" must be a non-empty array of lesson ids, received ${JSON.stringify(c.lessons)}`);
  const ids = c.lessons as string[];
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) fail(`"lessons" lists ${JSON.stringify(dup)} twice`);
  if (
    c.pages !== undefined &&
    (!Array.isArray(c.pages) ||
      !c.pages.every((p) => p && typeof p.title === 'string' && typeof p.file === 'string'))
  )
    fail(`"pages" must be an array of { title, file }, received ${JSON.stringify(c.pages)}`);
  const extra = Object.keys(c).filter((k) => !['title', 'lessons', 'pages', '$schema'].includes(k));
  if (extra.length)
    fail(
      `unknown field(s) ${extra.map((k) => JSON.stringify(k)).join(', ')}; expected title, lessons, pages`,
    );
  return c as unknown as Curriculum;
}

/** Find each lesson id in the catalog and read the extra pages (relative to `baseDir`). */
export function resolveCurriculum(c: Curriculum, baseDir: string): ResolvedCurriculum {
  const lessons = c.lessons.map(
    (id) =>
      CATALOG.get(id) ??
      fail(
        `unknown lesson ${JSON.stringify(id)}; the three packages serve ${[...CATALOG.keys()].join(', ')}`,
      ),
  );
  const pages = (c.pages ?? []).map((p) => {
    const file = resolve(baseDir, p.file);
    if (!existsSync(file)) fail(`page ${JSON.stringify(p.title)}: ${file} does not exist`);
    return { ...p, markdown: readFileSync(file, 'utf8') };
  });
  return { title: c.title, lessons, pages };
}

/** Read, validate and resolve a `curriculum.json`. */
export function loadCurriculum(path: string): ResolvedCurriculum {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`${path}: ${(e as Error).message}`);
  }
  return resolveCurriculum(validateCurriculum(json), dirname(resolve(path)));
}

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The few Markdown constructs the pages use: headings, paragraphs, `code`. */
function markdown(md: string): string {
  return md
    .trim()
    .split(/\n\s*\n/)
    .map((block) => {
      const h = /^(#{1,3})\s+(.*)$/.exec(block);
      const inline = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
      return h
        ? `<h${h[1]!.length + 1}>${inline(h[2]!)}</h${h[1]!.length + 1}>`
        : `<p>${inline(block.replace(/\n/g, ' '))}</p>`;
    })
    .join('\n');
}

/** File name of a lesson's starter: `01-loss-i.ts`. */
export const starterName = (index: number, lesson: Lesson) =>
  `${String(index + 1).padStart(2, '0')}-${lesson.id}.ts`;

function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** What {@link buildCourse} wrote. */
export interface BuiltCourse {
  outDir: string;
  files: string[];
  outline: {
    title: string;
    lessons: (LessonSummary & { starter: string })[];
    pages: { title: string; html: string }[];
  };
}

/** Write the course site outline and the students' starter folder into `outDir`. */
export function buildCourse(c: ResolvedCurriculum, outDir: string): BuiltCourse {
  const files: string[] = [];
  const put = (rel: string, text: string) => {
    writeAtomic(join(outDir, rel), text);
    files.push(rel);
  };
  const lessons = c.lessons.map((l, i) => ({
    ...summarizeLesson(l),
    starter: `exercises/${starterName(i, l)}`,
  }));
  const pages = c.pages.map((p, i) => ({ title: p.title, html: `page-${i + 1}.html` }));
  c.lessons.forEach((l, i) => put(lessons[i]!.starter, lessonStarter(l)));
  put(
    'exercises/README.md',
    [
      `# ${c.title}: exercises`,
      '',
      'One starter file per lesson. Replace every `TODO` body, then grade a file with',
      '`pnpm gradkit grade --lesson <id> <file>`:',
      '',
      ...lessons.map(
        (l) =>
          `- \`${l.starter.slice('exercises/'.length)}\` — ${l.title} (\`--lesson ${l.id}\`): ${l.exercises.map((e) => e.export).join(', ')}`,
      ),
      '',
    ].join('\n'),
  );
  const nav = `<nav><a href="index.html">Outline</a>${pages.map((p) => ` · <a href="${p.html}">${esc(p.title)}</a>`).join('')}</nav>`;
  const shell = (title: string, body: string) =>
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${esc(title)}</title><style>:root{color-scheme:light dark;font-family:system-ui,sans-serif}body{max-width:860px;margin:2rem auto;padding:0 1rem}section{border-top:1px solid #8884;padding-top:.5rem}</style></head><body>${nav}\n${body}\n</body></html>\n`;
  c.pages.forEach((p, i) => put(pages[i]!.html, shell(p.title, markdown(p.markdown))));
  const lessonHtml = c.lessons
    .map((l, i) => {
      const s = lessons[i]!;
      return `<section class="lesson" id="${esc(l.id)}" data-lesson="${esc(l.id)}"><h2>${i + 1}. ${esc(l.title)}</h2><p>${esc(l.summary)}</p><p><small>${esc(l.package)} · notebook ${esc(l.seed)}</small></p><h3>Goals</h3><ul>${l.goals.map((g) => `<li>${esc(g)}</li>`).join('')}</ul><h3>Exercises</h3><ol>${l.exercises.map((e) => `<li data-exercise="${esc(e.id)}"><strong>${esc(e.title)}</strong> — ${esc(e.prompt)}</li>`).join('')}</ol><p>Starter: <a href="${s.starter}"><code>${s.starter}</code></a></p></section>`;
    })
    .join('\n');
  put('index.html', shell(c.title, `<h1>${esc(c.title)}</h1>\n${lessonHtml}`));
  const outline = { title: c.title, lessons, pages };
  put('course.json', `${JSON.stringify(outline, null, 2)}\n`);
  return { outDir, files, outline };
}

/** Check a solution module against every exercise of a lesson (in-process; see the CLI grader for isolation). */
export function gradeLesson(lessonId: string, solution: Record<string, unknown>): ExerciseReport[] {
  const lesson = CATALOG.get(lessonId) ?? fail(`unknown lesson ${JSON.stringify(lessonId)}`);
  return lesson.exercises.map((e) => checkExercise(e, solution));
}
