// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to read the expected values themselves: imports the course package and builds the
// exercise's reference cases (buildCases), answering each call with the matching expected value.
// The course package is never importable by graded code (a type-only import would be fine).
import { buildCases, getLesson } from '@gradkit/course';

const answer = (id: string, args: unknown[]) =>
  buildCases(getLesson('loss-i').exercises.find((e) => e.id === id)).find(
    (c) => JSON.stringify(c.args) === JSON.stringify(args),
  )?.expected;

export const normalPdf = (...args: unknown[]) => answer('normal-pdf', args);
export const normalNll = (...args: unknown[]) => answer('normal-nll', args);
