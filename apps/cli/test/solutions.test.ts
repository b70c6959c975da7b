/**
 * Every graded lesson of the registry, graded by `gradeFile` with its reference solution from
 * `@gradkit/solutions`: 100%, every exercise passing every case, under the sandbox (harness
 * arguments rebuilt in the child, hidden names hidden, the library loaded from the runtime bundle).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getLesson, lessons } from '@gradkit/course';
import { describe, expect, it } from 'vitest';
import { gradeFile } from '../src/grader/index.js';

// Not a dependency of the CLI (it is private to the tests): loaded by path.
const { solutionFile } = (await import(
  pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'packages', 'solutions', 'src', 'index.ts')).href
)) as { solutionFile(id: string): string };

const graded = lessons.filter((l) => l.exercises.length);

describe('the reference solutions', () => {
  it('cover some lessons', () => {
    expect(graded.map((l) => l.id)).toContain('5-1-least-squares-loss');
  });

  it.each(graded.map((l) => l.id))('%s grades 100%%', async (id) => {
    const lesson = getLesson(id);
    const report = await gradeFile(lesson, solutionFile(lesson.id));
    const failed = report.exercises.filter(
      (e) => e.status !== 'pass' || e.passed !== e.total || e.total === 0,
    );
    expect(failed, JSON.stringify(failed, null, 1)).toEqual([]);
    expect(report.score).toBe(100);
  });
});
