/**
 * The lesson catalog: every lesson the gradkit packages export (`coreLessons`, `lossesLessons`,
 * ...), in course order. Each package is imported lazily, so the grader's worker loads only the
 * package that serves the lesson it grades. Reference solutions are *not* part of the catalog:
 * the checkers compare with the packages' own reference values, and the worked solutions stay in
 * the private `@gradkit/solutions` package.
 */
import type { Lesson } from '@gradkit/core';

/** The packages that serve lessons, with a loader for their lesson list (course order). */
export const LESSON_PACKAGES: readonly { name: string; load: () => Promise<Lesson[]> }[] = [
  { name: '@gradkit/core', load: async () => (await import('@gradkit/core')).coreLessons },
  { name: '@gradkit/losses', load: async () => (await import('@gradkit/losses')).lossesLessons },
  { name: '@gradkit/nn', load: async () => (await import('@gradkit/nn')).nnLessons },
  { name: '@gradkit/optimizers', load: async () => (await import('@gradkit/optimizers')).optimizersLessons },
  { name: '@gradkit/conv', load: async () => (await import('@gradkit/conv')).convLessons },
  { name: '@gradkit/datasets', load: async () => (await import('@gradkit/datasets')).datasetsLessons },
  {
    name: '@gradkit/transformers',
    load: async () => (await import('@gradkit/transformers')).transformersLessons,
  },
];

/** Every lesson of every package, in course order (package by package). */
export async function loadLessons(): Promise<Lesson[]> {
  const lists = await Promise.all(LESSON_PACKAGES.map((p) => p.load()));
  return lists.flat();
}

/** The lessons of one package (by its npm name). */
export async function loadPackageLessons(packageName: string): Promise<Lesson[]> {
  const pkg = LESSON_PACKAGES.find((p) => p.name === packageName);
  if (!pkg) throw new Error(`loadPackageLessons: no lessons in package ${JSON.stringify(packageName)}`);
  return pkg.load();
}
