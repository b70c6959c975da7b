// The same curriculum.json through the `gradkit` CLI: `gradkit curriculum build --no-site` checks
// it and writes the starter folder (the site, the course site's own build, is built once by
// tests/test/curriculum.test.ts), and `gradkit grade` (isolated worker) passes a correct solution
// of a starter and fails a wrong one with the hint.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCurriculum } from '../src/curriculum.js';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(app, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'gradkit-curriculum-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run `gradkit …` from the sources; the last stdout line is its `--json` result. */
function gradkit(args: string[]): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(repo, 'scripts', 'gradkit.mjs'), ...args, '--json'],
      { cwd: repo, timeout: 120_000 },
      (error, stdout, stderr) => {
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(stdout.trimEnd().split('\n').pop() ?? '{}');
        } catch {}
        done({ code: error ? Number(error.code) || 1 : 0, json, stderr });
      },
    );
  });
}

const pdf = 'Math.exp(-((y - mu) ** 2) / (2 * sigma ** 2)) / Math.sqrt(2 * Math.PI * sigma ** 2)';
// the lesson's other three functions, each built on normalPdf (as the notebook builds them)
const nll =
  'export function normalNll(y: number[], mu: number[], sigma: number): number {\n  return -y.reduce((a, yi, i) => a + Math.log(normalPdf(yi, mu[i]!, sigma)), 0);\n}\n' +
  'export function normalLikelihood(y: number[], mu: number[], sigma: number): number {\n  return y.reduce((a, yi, i) => a * normalPdf(yi, mu[i]!, sigma), 1);\n}\n' +
  'export function sumOfSquares(y: number[], yPred: number[]): number {\n  return y.reduce((a, yi, i) => a + (yi - yPred[i]!) ** 2, 0);\n}\n';

describe('custom curriculum through the gradkit CLI', () => {
  it('gradkit curriculum build and gradkit grade accept it', async () => {
    const course = loadCurriculum(join(app, 'curriculum.json'));
    const good = join(tmp, 'good.ts');
    const bad = join(tmp, 'bad.ts');
    writeFileSync(
      good,
      `export function normalPdf(y: number, mu: number, sigma: number): number {\n  return ${pdf};\n}\n${nll}`,
    );
    // sigma where the equation has sigma²
    writeFileSync(
      bad,
      `export function normalPdf(y: number, mu: number, sigma: number): number {\n  return ${pdf.replaceAll('sigma ** 2', 'sigma')};\n}\n${nll}`,
    );
    const [build, graded, failed] = await Promise.all([
      gradkit(['curriculum', 'build', join(app, 'curriculum.json'), '--no-site', '--out', join(tmp, 'site')]),
      gradkit(['grade', '--lesson', 'loss-i', good]),
      gradkit(['grade', '--lesson', 'loss-i', bad]),
    ]);
    expect(build.code, build.stderr).toBe(0);
    const lessons = build.json.lessons as { id: string; notebook: string; starter: string; page: null }[];
    expect(lessons.map((l) => l.id)).toEqual(course.lessons.map((l) => l.id));
    expect(new Set(lessons.map((l) => l.notebook)).size).toBe(5);
    for (const l of lessons) {
      expect(l.page).toBeNull();
      expect(existsSync(join(tmp, 'site', l.starter)), l.starter).toBe(true);
    }
    expect((build.json.pages as { title: string }[]).map((p) => p.title)).toEqual(
      course.pages.map((p) => p.title),
    );
    expect((build.json.files as string[]).sort()).toEqual(
      [
        'curriculum.json',
        'starter/README.md',
        'starter/package.json',
        'starter/tsconfig.json',
        ...lessons.map((l) => l.starter),
      ].sort(),
    );

    expect(graded.json.score, graded.stderr).toBe(100);
    const statuses = (r: typeof graded) =>
      (r.json.exercises as { id: string; status: string }[]).map((e) => `${e.id}:${e.status}`);
    expect(statuses(graded)).toEqual([
      'normal-pdf:pass',
      'normal-likelihood:pass',
      'normal-nll:pass',
      'sum-of-squares:pass',
    ]);
    // the wrong density also breaks the likelihood and the NLL built on it
    expect(statuses(failed)).toEqual([
      'normal-pdf:fail',
      'normal-likelihood:fail',
      'normal-nll:fail',
      'sum-of-squares:pass',
    ]);
    expect(JSON.stringify(failed.json)).toContain('sigma²');
  }, 180_000);
});
