/**
 * The lesson registry: every lesson of the course, found by id or by an earlier id (alias). The
 * docs site, `gradkit run`, `gradkit demo`, `gradkit lessons`, `gradkit grade`, `gradkit
 * curriculum` and the solutions' tests all read it; nothing keeps a parallel list. A lesson is
 * added with one line in `lessons/index.ts`.
 */
import { GradkitError } from '@gradkit/core';
import * as registered from '../lessons/index.js';
import { curricula } from './curricula.js';
import type { Lesson } from './types.js';

/** An id that names no lesson (and no alias of one). */
export class UnknownLessonError extends GradkitError {
  /** The id asked for. */
  readonly id: string;
  constructor(op: string, id: unknown) {
    super(op, `no lesson ${JSON.stringify(id)}; expected one of ${lessonIds().join(', ')}`);
    this.id = String(id);
  }
}

function ordered(): Lesson[] {
  const all = Object.values(registered) as Lesson[];
  const rank = new Map<string, number>();
  for (const c of Object.values(curricula))
    for (const id of c.lessons) if (!rank.has(id)) rank.set(id, rank.size);
  return all.sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9) || a.id.localeCompare(b.id));
}

/** Every lesson: the CM20315 course's order, then the book's lessons, then any others by id. */
export const lessons: readonly Lesson[] = Object.freeze(ordered());

const byId = new Map<string, Lesson>();
for (const l of lessons)
  for (const key of [l.id, ...l.aliases]) {
    const other = byId.get(key);
    if (other)
      throw new Error(`the lesson registry names ${JSON.stringify(key)} twice (${other.id}, ${l.id})`);
    byId.set(key, l);
  }

/** The lesson ids, in registry order (aliases not included). */
export function lessonIds(): string[] {
  return lessons.map((l) => l.id);
}

/** The lesson with this id or alias, or `undefined`. */
export function findLesson(id: string): Lesson | undefined {
  return typeof id === 'string' ? byId.get(id) : undefined;
}

/** The lesson with this id or alias; throws {@link UnknownLessonError} listing the ids. */
export function getLesson(id: string, op = 'getLesson'): Lesson {
  const lesson = findLesson(id);
  if (!lesson) throw new UnknownLessonError(op, id);
  return lesson;
}
