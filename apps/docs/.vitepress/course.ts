/**
 * The lesson registry as the site sees it: `.vitepress/course.json`, written from
 * `@gradkit/course` by `scripts/course.ts` before every build (`pnpm run docs`, `pnpm docs:dev`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LessonSummary } from '@gradkit/course';

export interface CourseData {
  lessons: (LessonSummary & { page: string })[];
  aliases: { alias: string; id: string; page: string }[];
  curricula: { id: string; title: string; description: string; lessons: string[] }[];
}

const file = join(dirname(fileURLToPath(import.meta.url)), 'course.json');

/** Read the generated course data; a clear error when the generator has not run. */
export function readCourse(): CourseData {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CourseData;
  } catch (e) {
    throw new Error(
      `docs: cannot read ${file} (${(e as Error).message}); run node --conditions=@gradkit/source --import tsx apps/docs/scripts/course.ts (pnpm run docs does)`,
    );
  }
}
