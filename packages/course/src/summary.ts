/**
 * Lessons and curricula as plain JSON: what `gradkit lessons --json` prints, what a curriculum
 * build writes, and the validation of an educator's `curriculum.json`.
 */
import { curricula } from './curricula.js';
import { findLesson, lessons as registry } from './registry.js';
import type { BookSection, Curriculum, CurriculumPage, Lesson, NotebookSource } from './types.js';

/** The JSON-able part of a lesson (no checker functions). */
export interface LessonSummary {
  id: string;
  aliases: string[];
  title: string;
  notebook: NotebookSource;
  book?: BookSection;
  packages: string[];
  summary: string;
  goals: string[];
  figures: string[];
  exercises: { id: string; title: string; export: string; prompt: string; hint: string }[];
  /** The built-in curricula that include the lesson. */
  curricula: string[];
}

/** Drop a lesson's functions, keeping what a catalog or a site needs. */
export function summarizeLesson(lesson: Lesson): LessonSummary {
  const s: LessonSummary = {
    id: lesson.id,
    aliases: [...lesson.aliases],
    title: lesson.title,
    notebook: { ...lesson.notebook },
    packages: [...lesson.packages],
    summary: lesson.summary,
    goals: [...lesson.goals],
    figures: [...lesson.figures],
    exercises: lesson.exercises.map((e) => ({
      id: e.id,
      title: e.title,
      export: e.check.export,
      prompt: e.prompt,
      hint: e.check.hint,
    })),
    curricula: Object.values(curricula)
      .filter((c) => c.lessons.includes(lesson.id))
      .map((c) => c.id!),
  };
  if (lesson.book) s.book = { ...lesson.book };
  return s;
}

/** A curriculum file that does not hold a valid curriculum. */
export class CurriculumError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CurriculumError';
  }
}

/**
 * Parse and validate a curriculum (an object read from JSON). Lesson ids may be aliases; the
 * result names every lesson by its id. Errors name the field, what was received and what was
 * expected; an unknown lesson id lists the known ones.
 */
export function parseCurriculum(value: unknown, source = 'curriculum.json'): Curriculum {
  const bad = (field: string, msg: string) => new CurriculumError(`${source}: ${field} ${msg}`);
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw bad('the file', `must hold a JSON object, received ${JSON.stringify(value)}`);
  const c = value as Record<string, unknown>;
  const extra = Object.keys(c).filter(
    (k) => !['$schema', 'id', 'title', 'description', 'lessons', 'pages'].includes(k),
  );
  if (extra.length)
    throw bad(
      extra.map((k) => JSON.stringify(k)).join(', '),
      'is not a curriculum field; expected title, description, lessons, pages',
    );
  if (typeof c.title !== 'string' || !c.title.trim())
    throw bad('"title"', `must be a non-empty string, received ${JSON.stringify(c.title)}`);
  if (c.description !== undefined && typeof c.description !== 'string')
    throw bad('"description"', `must be a string, received ${JSON.stringify(c.description)}`);
  if (c.id !== undefined && (typeof c.id !== 'string' || !/^[a-z0-9-]+$/.test(c.id)))
    throw bad('"id"', `must match [a-z0-9-]+, received ${JSON.stringify(c.id)}`);
  if (!Array.isArray(c.lessons) || c.lessons.length === 0)
    throw bad('"lessons"', `must be a non-empty array of lesson ids, received ${JSON.stringify(c.lessons)}`);
  const ids: string[] = [];
  c.lessons.forEach((id, i) => {
    const lesson = typeof id === 'string' ? findLesson(id) : undefined;
    if (!lesson)
      throw bad(
        `"lessons"[${i}]`,
        `must be a lesson id (${registry.map((l) => l.id).join('|')}), received ${JSON.stringify(id)}`,
      );
    if (ids.includes(lesson.id)) throw bad(`"lessons"[${i}]`, `repeats ${JSON.stringify(lesson.id)}`);
    ids.push(lesson.id);
  });
  const pages: CurriculumPage[] = [];
  if (c.pages !== undefined) {
    if (!Array.isArray(c.pages))
      throw bad('"pages"', `must be an array, received ${JSON.stringify(c.pages)}`);
    c.pages.forEach((p, i) => {
      const page = p as Record<string, unknown>;
      if (!page || typeof page !== 'object' || typeof page.title !== 'string' || !page.title.trim())
        throw bad(
          `"pages"[${i}].title`,
          `must be a non-empty string, received ${JSON.stringify(page?.title)}`,
        );
      const hasFile = typeof page.file === 'string';
      const hasMd = typeof page.markdown === 'string';
      if (hasFile === hasMd)
        throw bad(`"pages"[${i}]`, 'needs exactly one of "file" (a markdown file) or "markdown" (the text)');
      if (page.slug !== undefined && (typeof page.slug !== 'string' || !/^[a-z0-9-]+$/.test(page.slug)))
        throw bad(`"pages"[${i}].slug`, `must match [a-z0-9-]+, received ${JSON.stringify(page.slug)}`);
      const out: CurriculumPage = { title: page.title };
      if (page.slug !== undefined) out.slug = page.slug as string;
      if (hasFile) out.file = page.file as string;
      if (hasMd) out.markdown = page.markdown as string;
      pages.push(out);
    });
  }
  const out: Curriculum = { title: c.title, lessons: ids, pages };
  if (c.id !== undefined) out.id = c.id as string;
  if (c.description !== undefined) out.description = c.description as string;
  return out;
}

/** The lessons of a curriculum, in its order. */
export function curriculumLessons(curriculum: Curriculum): Lesson[] {
  return curriculum.lessons.map((id) => {
    const l = findLesson(id);
    if (!l)
      throw new CurriculumError(
        `curriculum ${JSON.stringify(curriculum.title)}: no lesson ${JSON.stringify(id)}`,
      );
    return l;
  });
}
