/**
 * `@gradkit/course`: the course as data. One folder per lesson under `lessons/<id>/` (metadata,
 * the notebook translated to library calls, graded exercises with a typed starter, figures, page
 * text), the registry that lists them ({@link lessons}, {@link getLesson}), the built-in curricula
 * ({@link curricula}: `cm20315`, `udl`), the exercise checker ({@link checkExercise}) and the
 * notebook runner behind `gradkit run` ({@link runLesson}). File access (starters, pages) is in
 * `@gradkit/course/node`.
 *
 * @example
 *   import { getLesson, runLesson } from '@gradkit/course';
 *   const { values, report } = await runLesson('5-1-least-squares-loss');
 *   getLesson('loss-i').id; // '5-1-least-squares-loss' (an alias: the CM20315 id)
 */
export * from './check.js';
export * from './curricula.js';
export * from './demo.js';
export * from './lesson.js';
export * from './node-import.js';
export * from './notebook.js';
export * from './numpy-print.js';
export * from './pyformat.js';
export * from './registry.js';
export * from './run.js';
export * from './seed-band.js';
export * from './summary.js';
export * from './types.js';
