/**
 * `defineLesson`: the one call in a lesson folder's `index.ts`. It checks the lesson's metadata
 * (ids, exercises, aliases) when the registry loads, so a malformed lesson fails every test at
 * once, and fills the defaults.
 */
import type { Exercise, Lesson } from './types.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What a lesson folder's `index.ts` passes to {@link defineLesson}. */
export type LessonDefinition = Omit<Lesson, 'aliases' | 'figures' | 'exercises'> &
  Partial<Pick<Lesson, 'aliases' | 'figures' | 'exercises'>>;

/** Check and complete a lesson's definition. Throws a `TypeError` naming the field. */
export function defineLesson(definition: LessonDefinition): Lesson {
  const where = `defineLesson(${JSON.stringify(definition.id)})`;
  if (typeof definition.id !== 'string' || !ID.test(definition.id))
    throw new TypeError(
      `${where}: id must be lower-case kebab case ([a-z0-9-]+), received ${JSON.stringify(definition.id)}`,
    );
  const lesson: Lesson = { aliases: [], figures: [], exercises: [], ...definition };
  for (const alias of lesson.aliases)
    if (!ID.test(alias) || alias === lesson.id)
      throw new TypeError(
        `${where}: aliases must be other kebab-case ids, received ${JSON.stringify(alias)}`,
      );
  if (!lesson.title.trim()) throw new TypeError(`${where}: title must not be empty`);
  if (!lesson.packages.length || !lesson.packages.every((p) => /^@gradkit\/[a-z-]+$/.test(p)))
    throw new TypeError(
      `${where}: packages must list @gradkit packages, received ${JSON.stringify(lesson.packages)}`,
    );
  const seen = new Set<string>();
  for (const ex of lesson.exercises as Exercise[]) {
    if (!ID.test(ex.id))
      throw new TypeError(`${where}: exercise id ${JSON.stringify(ex.id)} is not kebab case`);
    if (seen.has(ex.id)) throw new TypeError(`${where}: exercise id ${JSON.stringify(ex.id)} repeats`);
    seen.add(ex.id);
    if (!/^[A-Za-z_$][\w$]*$/.test(ex.check.export))
      throw new TypeError(
        `${where}: exercise ${ex.id}: export must be an identifier, received ${JSON.stringify(ex.check.export)}`,
      );
  }
  return lesson;
}
