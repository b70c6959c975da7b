/**
 * A course assembled from the lesson registry of `@gradkit/course`, described by a
 * `curriculum.json`:
 *
 * ```json
 * { "title": "…", "lessons": ["5-1-least-squares-loss", "gd-variants", "transformers"],
 *   "pages": [{ "title": "Welcome", "file": "pages/welcome.md" }] }
 * ```
 *
 * `loadCurriculum` validates the file with the course's own `parseCurriculum` (errors name the
 * field; an unknown id lists the registry's ids; earlier ids resolve through their aliases) and
 * turns the ids into `Lesson` objects in the file's order; `buildCourse` writes a static outline
 * (`index.html`, `course.json`, the extra pages) and a starter-exercise folder for students
 * (`exercises/NN-<lesson>.ts`, each lesson's own `starter.ts`); `gradeLesson` checks a solution
 * module in-process with `checkExercise` (the CLI's `gradkit grade` runs the same checks in a
 * sandboxed child process).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '@gradkit/core/node';
import {
  type Curriculum,
  checkExercise,
  curriculumLessons,
  type ExerciseReport,
  getLesson,
  type Lesson,
  type LessonSummary,
  parseCurriculum,
  summarizeLesson,
} from '@gradkit/course';
import { starterSource } from '@gradkit/course/node';

export type { Curriculum };

/** A curriculum with its lessons and pages found. */
export interface ResolvedCurriculum {
  title: string;
  lessons: Lesson[];
  pages: { title: string; file: string; markdown: string }[];
}

const fail = (message: string): never => {
  throw new Error(`curriculum: ${message}`);
};

/** Find the lessons in the registry and read the extra pages (files relative to `baseDir`). */
export function resolveCurriculum(c: Curriculum, baseDir: string): ResolvedCurriculum {
  const pages = (c.pages ?? []).map((p) => {
    if (p.file === undefined) return { title: p.title, file: '', markdown: p.markdown ?? '' };
    const file = resolve(baseDir, p.file);
    if (!existsSync(file)) fail(`page ${JSON.stringify(p.title)}: ${file} does not exist`);
    return { title: p.title, file: p.file, markdown: readFileSync(file, 'utf8') };
  });
  return { title: c.title, lessons: curriculumLessons(c), pages };
}

/** Read, validate and resolve a `curriculum.json`. */
export function loadCurriculum(path: string): ResolvedCurriculum {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`${path}: ${(e as Error).message}`);
  }
  return resolveCurriculum(parseCurriculum(json, path), dirname(resolve(path)));
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

/** File name of a lesson's starter: `01-5-1-least-squares-loss.ts`. */
export const starterName = (index: number, lesson: Lesson) =>
  `${String(index + 1).padStart(2, '0')}-${lesson.id}.ts`;

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
    const file = join(outDir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, text); // a temporary file renamed into place: never a partial file
    files.push(rel);
  };
  const lessons = c.lessons.map((l, i) => ({
    ...summarizeLesson(l),
    starter: `exercises/${starterName(i, l)}`,
  }));
  const pages = c.pages.map((p, i) => ({ title: p.title, html: `page-${i + 1}.html` }));
  c.lessons.forEach((l, i) => {
    const starter = starterSource(l);
    if (starter !== null) put(lessons[i]!.starter, starter);
  });
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
      return `<section class="lesson" id="${esc(l.id)}" data-lesson="${esc(l.id)}"><h2>${i + 1}. ${esc(l.title)}</h2><p>${esc(l.summary)}</p><p><small>${esc(l.packages.join(', '))} · notebook ${esc(l.notebook.title)}</small></p><h3>Goals</h3><ul>${l.goals.map((g) => `<li>${esc(g)}</li>`).join('')}</ul><h3>Exercises</h3><ol>${l.exercises.map((e) => `<li data-exercise="${esc(e.id)}"><strong>${esc(e.title)}</strong> — ${esc(e.prompt)}</li>`).join('')}</ol><p>Starter: <a href="${s.starter}"><code>${s.starter}</code></a></p></section>`;
    })
    .join('\n');
  put('index.html', shell(c.title, `<h1>${esc(c.title)}</h1>\n${lessonHtml}`));
  const outline = { title: c.title, lessons, pages };
  put('course.json', `${JSON.stringify(outline, null, 2)}\n`);
  return { outDir, files, outline };
}

/** Check a solution module against every exercise of a lesson (in-process; see the CLI grader for isolation). */
export function gradeLesson(lessonId: string, solution: Record<string, unknown>): ExerciseReport[] {
  const lesson = getLesson(lessonId, 'gradeLesson');
  return lesson.exercises.map((e) => checkExercise(e, solution, lesson.harness));
}
