/**
 * One list of lessons: the course site (its page data and sidebar), `gradkit lessons`, `gradkit
 * demo`, `gradkit grade` and `gradkit curriculum build` all list the lessons of the
 * @gradkit/course registry, and nothing else keeps a list of its own.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { curricula, lessonIds, lessons } from '@gradkit/course';
import { afterAll, describe, expect, it } from 'vitest';
import { courseData } from '../../apps/docs/scripts/course.js';

const root = join(import.meta.dirname, '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');
const tmp = mkdtempSync(join(tmpdir(), 'gradkit-registry-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function gradkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@gradkit/source', '--import', 'tsx', main, ...args, '--json'],
      { cwd: root, maxBuffer: 64 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
const last = (r: { stdout: string }) => JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
/** The `a|b|c` list of ids an error message names. */
const listed = (message: string) => /expects one of ([a-z0-9|-]+)/.exec(message)![1]!.split('|');

describe('every consumer lists the registry', () => {
  const ids = lessonIds();

  it('the course site: one page per lesson, a redirect per alias, the curricula in their order', () => {
    const site = courseData();
    expect(site.lessons.map((l) => l.id)).toEqual(ids);
    expect(site.aliases.map((a) => a.alias).sort()).toEqual(lessons.flatMap((l) => l.aliases).sort());
    expect(site.curricula.map((c) => [c.id, c.lessons])).toEqual(
      Object.values(curricula).map((c) => [c.id, c.lessons]),
    );
    // and the site keeps no lesson pages or lists of its own (lessons.data.ts, the lesson cards'
    // build-time data, reads the same course.json)
    const pages = readdirSync(join(root, 'apps', 'docs', 'lessons')).sort();
    expect(pages).toEqual(['[id].md', '[id].paths.ts', 'index.md', 'lessons.data.ts']);
    expect(readFileSync(join(root, 'apps', 'docs', 'lessons', 'lessons.data.ts'), 'utf8')).toContain(
      'readCourse()',
    );
  });

  it('gradkit lessons, gradkit demo, gradkit grade and gradkit curriculum build', async () => {
    const [list, demo, grade, cm20315, udl] = await Promise.all([
      gradkit('lessons'),
      gradkit('demo', '--list'),
      gradkit('grade', '--lesson', 'no-such-lesson', join(tmp, 'x.ts')),
      // the starter folders (tests/test/curriculum.test.ts builds a curriculum's site)
      gradkit('curriculum', 'build', 'cm20315', '--no-site', '--out', join(tmp, 'cm20315')),
      gradkit('curriculum', 'build', 'udl', '--no-site', '--out', join(tmp, 'udl')),
    ]);
    expect(list.code, list.stderr).toBe(0);
    expect(last(list).map((l: { id: string }) => l.id)).toEqual(ids);
    expect(demo.code, demo.stderr).toBe(0);
    expect(last(demo).sections.map((s: { id: string }) => s.id)).toEqual(
      lessons.filter((l) => l.demoModule).map((l) => l.id),
    );
    expect(grade.code).toBe(1);
    expect(listed(last(grade).error.message)).toEqual(ids);
    for (const [r, c] of [
      [cm20315, curricula.cm20315!],
      [udl, curricula.udl!],
    ] as const) {
      expect(r.code, r.stderr).toBe(0);
      expect(last(r).lessons.map((l: { id: string }) => l.id)).toEqual(c.lessons);
    }
    // the union of the built-in curricula is the registry
    expect([...new Set(Object.values(curricula).flatMap((c) => c.lessons))].sort()).toEqual([...ids].sort());
  }, 180_000);
});
