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

/**
 * A curriculum's site (scripts/curriculum.ts writes it into the curriculum's staging folder;
 * scripts/build.mjs names it in the environment variable `GRADKIT_CURRICULUM_SITE` while VitePress
 * builds): the same pages, theme and search, restricted to the curriculum's lessons in its order.
 */
export interface CurriculumSite {
  title: string;
  description: string;
  /** The staging folder's page sources (VitePress's srcDir): home, lessons, extra pages, public/. */
  srcDir: string;
  outDir: string;
  cacheDir: string;
  /** The curriculum's course.json (the lessons' pages, in the curriculum's order). */
  course: string;
  lessons: string[];
  pages: { title: string; slug: string }[];
  /** Whether its pages hold the demos that read public/models (GPT-2) and public/data (MNIST). */
  demos: { model: boolean; data: boolean };
}

/** The curriculum being built, or null for the course site. */
export function readSite(): CurriculumSite | null {
  const at = process.env.GRADKIT_CURRICULUM_SITE;
  if (!at) return null;
  try {
    return JSON.parse(readFileSync(at, 'utf8')) as CurriculumSite;
  } catch (e) {
    throw new Error(
      `docs: GRADKIT_CURRICULUM_SITE names ${at}, which is not a curriculum site's settings (${(e as Error).message}); scripts/build.mjs --curriculum writes it`,
    );
  }
}

/** Read the generated course data; a clear error when the generator has not run. */
export function readCourse(): CourseData {
  const file = readSite()?.course ?? join(dirname(fileURLToPath(import.meta.url)), 'course.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CourseData;
  } catch (e) {
    throw new Error(
      `docs: cannot read ${file} (${(e as Error).message}); run node --conditions=@gradkit/source --import tsx apps/docs/scripts/course.ts (pnpm run docs does)`,
    );
  }
}
