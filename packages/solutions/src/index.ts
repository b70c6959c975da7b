/**
 * `@gradkit/solutions`: the instructor's reference solutions, one `.ts` file per lesson under
 * `lessons/<lesson-id>.ts`, written the way a student would (plain functions with the starter's
 * signatures). Private: nothing published depends on it; only tests and the grader's tests use it.
 *
 * @example
 *   import { solutionFile } from '@gradkit/solutions';
 *   // pnpm gradkit grade --lesson 5-1-least-squares-loss $(solutionFile('5-1-least-squares-loss'))
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../lessons/', import.meta.url));

/** Absolute path of the reference solution file of a lesson; throws for a lesson without one. */
export function solutionFile(lessonId: string): string {
  const file = `${dir}${lessonId}.ts`;
  if (!/^[a-z0-9-]+$/.test(lessonId) || !existsSync(file))
    throw new Error(`solutionFile: no reference solution for lesson "${lessonId}"`);
  return file;
}

/** The lesson ids that have a reference solution. */
export function solvedLessons(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}
