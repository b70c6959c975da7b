// The custom curriculum resolves its lesson ids in the @gradkit/course registry, builds the
// course outline and the students' starter folder, and the starters are graded by the lessons'
// own checkers: untouched → todo, a correct solution → pass, a classic mistake → fail with a hint.
// The outline opens in headless Chromium (Debian's /usr/bin/chromium; skipped when absent).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCurriculum, lessons as registry } from '@gradkit/course';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCourse, gradeLesson, loadCurriculum, resolveCurriculum } from '../src/curriculum.js';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
// the course notebooks, beside the repository (`../shared`) when present
const shared = join(app, '../../../../shared');
const out = mkdtempSync(join(tmpdir(), 'gradkit-curriculum-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('custom curriculum', () => {
  const course = loadCurriculum(join(app, 'curriculum.json'));

  it('resolves its lesson ids, in order, in the course registry', () => {
    const ids = (JSON.parse(readFileSync(join(app, 'curriculum.json'), 'utf8')) as { lessons: string[] })
      .lessons;
    expect(course.lessons.map((l) => l.id)).toEqual(ids);
    expect(course.lessons.map((l) => l.packages[0])).toEqual([
      '@gradkit/losses',
      '@gradkit/losses',
      '@gradkit/optimizers',
      '@gradkit/optimizers',
      '@gradkit/transformers',
    ]);
    for (const l of course.lessons) {
      expect(l.notebook.file).toMatch(/\.md$/);
      if (existsSync(shared))
        expect(existsSync(join(shared, l.notebook.collection, l.notebook.file)), l.notebook.file).toBe(true);
      expect(l.exercises.length).toBeGreaterThan(0);
    }
    expect(course.pages.map((p) => p.title)).toEqual(['Welcome', 'How to submit your exercises']);
  });

  it('rejects bad curricula with errors that name the field', () => {
    expect(() => parseCurriculum({ title: 'x', lessons: ['loss-i', 'no-such-lesson'] })).toThrow(
      /"lessons"\[1\] must be a lesson id \(.*loss-i.*\), received "no-such-lesson"/,
    );
    expect(() => parseCurriculum({ title: 'x', lessons: ['loss-i', 'loss'] })).toThrow(
      /"lessons"\[1\] repeats "5-1-least-squares-loss"/, // "loss" is an earlier id of 5-1-least-squares-loss (loss-i's page slug)
    );
    expect(() => parseCurriculum({ title: '', lessons: ['loss-i'] })).toThrow(
      /"title" must be a non-empty string/,
    );
    expect(() => parseCurriculum({ title: 'x', lessons: [] })).toThrow(/"lessons" must be a non-empty array/);
    expect(() => parseCurriculum({ title: 'x', lessons: ['loss-i'], chapters: [] })).toThrow(
      /"chapters" is not a curriculum field/,
    );
    expect(() =>
      resolveCurriculum(
        { title: 'x', lessons: ['loss-i'], pages: [{ title: 'gone', file: 'nope.md' }] },
        app,
      ),
    ).toThrow(/page "gone": .*nope\.md does not exist/);
    expect(registry.length).toBeGreaterThanOrEqual(5);
  });

  it('builds the outline and one starter per lesson', () => {
    const built = buildCourse(course, out);
    expect(built.files.sort()).toEqual(
      [
        'course.json',
        'index.html',
        'page-1.html',
        'page-2.html',
        'exercises/README.md',
        ...course.lessons.map((l, i) => `exercises/0${i + 1}-${l.id}.ts`),
      ].sort(),
    );
    const outline = JSON.parse(readFileSync(join(out, 'course.json'), 'utf8'));
    expect(outline.lessons.map((l: { id: string }) => l.id)).toEqual(course.lessons.map((l) => l.id));
    const starter = readFileSync(join(out, 'exercises', '01-5-1-least-squares-loss.ts'), 'utf8');
    expect(starter).toContain('export function normalPdf(y: number, mu: number, sigma: number): number');
    expect(starter).toContain("throw new Error('TODO");
    expect(readFileSync(join(out, 'exercises', 'README.md'), 'utf8')).toContain('--lesson gd-variants');
  });

  it('grades the starter (todo), a correct solution (pass) and a wrong one (fail with a hint)', async () => {
    const untouched = await import(
      pathToFileURL(join(out, 'exercises', '01-5-1-least-squares-loss.ts')).href
    );
    expect(gradeLesson('loss-i', untouched).map((r) => r.status)).toEqual(['todo', 'todo', 'todo', 'todo']);

    const pdf = (y: number, mu: number, s: number) =>
      Math.exp(-((y - mu) ** 2) / (2 * s * s)) / Math.sqrt(2 * Math.PI * s * s);
    const correct = {
      normalPdf: pdf,
      normalLikelihood: (y: number[], mu: number[], s: number) =>
        y.reduce((acc, yi, i) => acc * pdf(yi, mu[i]!, s), 1),
      normalNll: (y: number[], mu: number[], s: number) =>
        -y.reduce((acc, yi, i) => acc + Math.log(pdf(yi, mu[i]!, s)), 0),
      sumOfSquares: (y: number[], yPred: number[]) =>
        y.reduce((acc, yi, i) => acc + (yi - yPred[i]!) ** 2, 0),
    };
    const good = gradeLesson('loss-i', correct);
    expect(good.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(good.every((r) => r.passed === r.total && r.total > 3)).toBe(true);

    // the classic mistake: sigma where the equation has sigma²
    const wrong = {
      ...correct,
      normalPdf: (y: number, mu: number, s: number) =>
        Math.exp(-((y - mu) ** 2) / (2 * s)) / Math.sqrt(2 * Math.PI * s),
    };
    const [bad] = gradeLesson('loss-i', wrong);
    expect(bad!.status).toBe('fail');
    expect(bad!.hint).toMatch(/sigma²/);
    expect(bad!.failures[0]!.expected).toBeCloseTo(pdf(1, -1, 2.3), 12);

    // a solution file on disk, as a student would hand it in
    const file = join(out, 'student.ts');
    writeFileSync(
      file,
      `export function normalPdf(y: number, mu: number, sigma: number): number {\n  return Math.exp(-((y - mu) ** 2) / (2 * sigma ** 2)) / Math.sqrt(2 * Math.PI * sigma ** 2);\n}\n`,
    );
    const student = await import(pathToFileURL(file).href);
    expect(gradeLesson('loss-i', student).map((r) => r.status)).toEqual([
      'pass',
      'missing',
      'missing',
      'missing',
    ]);
  });

  it.skipIf(!existsSync(CHROMIUM))('the outline opens in headless Chromium', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      expect(await page.locator('h1').textContent()).toBe(course.title);
      expect(await page.$$eval('section.lesson', (s) => s.map((e) => e.getAttribute('data-lesson')))).toEqual(
        course.lessons.map((l) => l.id),
      );
      expect(await page.locator('section[id="5-1-least-squares-loss"] li[data-exercise]').count()).toBe(4);
      await page.click('text=Welcome');
      expect(await page.locator('h2').first().textContent()).toBe('Welcome');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
