/**
 * Curricula end to end: `gradkit curriculum build` turns a 3-lesson curriculum.json (lessons from
 * @gradkit/losses, @gradkit/core and @gradkit/optimizers, plus two extra pages) into a static
 * site and a starter folder that contains none of the reference solutions; `gradkit curriculum
 * serve` serves it; headless Chromium (Debian's /usr/bin/chromium driven by playwright-core;
 * skipped where it is absent) opens the course, follows the lessons in order, and submits a correct
 * and a wrong solution through the grader, reading the reports off the page.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solutionFile } from '@gradkit/solutions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');
const NODE_ARGS = ['--conditions=@gradkit/source', '--import', 'tsx'];
const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'gradkit-curriculum-'));
const site = join(dir, 'site');
const LESSONS = ['5-1-least-squares-loss', '7-2-backpropagation', 'weight-decay'];

function gradkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...NODE_ARGS, main, ...args],
      { cwd: root, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) =>
    statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)],
  );
}

let build: any;
beforeAll(async () => {
  writeFileSync(join(dir, 'welcome.md'), '# Welcome\n\nWork through the lessons **in order**.\n');
  writeFileSync(
    join(dir, 'curriculum.json'),
    JSON.stringify({
      title: 'Likelihoods and optimizers',
      description: 'Three lessons of the course.',
      lessons: LESSONS,
      pages: [
        { title: 'Welcome', file: 'welcome.md' },
        { title: 'Marking', markdown: 'Every exercise counts *equally*.' },
      ],
    }),
  );
  const run = await gradkit('curriculum', 'build', join(dir, 'curriculum.json'), '--out', site, '--json');
  expect(run.code, run.stderr).toBe(0);
  build = JSON.parse(run.stdout.trim().split('\n').pop()!);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gradkit curriculum build', () => {
  it('writes the site (home, one page per lesson in order, the extra pages) and the starter folder', () => {
    expect(build.lessons.map((l: { id: string }) => l.id)).toEqual(LESSONS);
    expect(build.lessons.map((l: { notebook: string }) => l.notebook)).toEqual([
      '5_1_Least_Squares_Loss.md',
      '7_2_Backpropagation.md',
      'd2l-3.7-weight-decay-exercises.md',
    ]);
    expect(build.pages).toEqual([
      { title: 'Welcome', page: 'pages/welcome.html' },
      { title: 'Marking', page: 'pages/marking.html' },
    ]);
    for (const f of [
      'index.html',
      'assets/grade.js',
      'assets/style.css',
      'curriculum.json',
      'starter/README.md',
      'starter/package.json',
      'starter/tsconfig.json',
    ])
      expect(existsSync(join(site, f)), f).toBe(true);
    for (const id of LESSONS) {
      expect(build.files).toContain(`lessons/${id}.html`);
      const starter = readFileSync(join(site, 'starter', `${id}.ts`), 'utf8');
      expect(starter).toContain(`pnpm gradkit grade --lesson ${id} ${id}.ts`);
      expect(starter).toContain("throw new Error('TODO");
    }
    const home = readFileSync(join(site, 'index.html'), 'utf8');
    const order = LESSONS.map((id) => home.indexOf(`href="lessons/${id}.html"`));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    expect(readFileSync(join(site, 'pages', 'welcome.html'), 'utf8')).toContain('<strong>in order</strong>');
  });

  it('publishes none of the reference solutions', () => {
    const built = walk(site).map((f) => readFileSync(f, 'utf8'));
    for (const id of LESSONS) {
      // Every line of a reference solution's bodies (not the signatures the starters share).
      const lines = readFileSync(solutionFile(id), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(
          (l) => l.length > 12 && !l.startsWith('export ') && !l.startsWith('import ') && !l.startsWith('//'),
        );
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines)
        for (const text of built) expect(text.includes(line), `${id}: ${line}`).toBe(false);
    }
  });

  it('rejects an unknown lesson id, naming the field', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ title: 'x', lessons: ['loss-i', 'loss-iv'] }));
    const run = await gradkit(
      'curriculum',
      'build',
      join(dir, 'bad.json'),
      '--out',
      join(dir, 'bad'),
      '--json',
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!).error.message).toMatch(
      /"lessons"\[1\] must be a lesson id \(.*\), received "loss-iv"$/,
    );
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});

describe.skipIf(!existsSync(CHROMIUM))(
  'the course in headless Chromium, graded through gradkit curriculum serve',
  () => {
    let server: ChildProcess | undefined;
    let url = '';
    beforeAll(async () => {
      server = spawn(
        process.execPath,
        [...NODE_ARGS, main, 'curriculum', 'serve', site, '--port', '0', '--json'],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        server!.stdout!.on('data', (c: Buffer) => {
          out += String(c);
          const m = /\{"url":"([^"]+)"\}/.exec(out);
          if (m) resolve(m[1]!);
        });
        server!.stderr!.on('data', (c: Buffer) => {
          err += String(c);
        });
        server!.on('exit', (code) =>
          reject(new Error(`gradkit curriculum serve exited with ${code}: ${err}`)),
        );
      });
    });
    afterAll(() => {
      server?.kill();
    });

    it('opens the course, follows the lessons in order, and grades a correct and a wrong solution', async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        const page = await browser.newPage();
        await page.goto(url);
        expect(await page.locator('h1').textContent()).toBe('Likelihoods and optimizers');
        const links = page.locator('ol.lessons a');
        expect(await links.count()).toBe(3);
        expect(await links.allTextContents()).toEqual([
          'Least squares loss (UDL 5.1)',
          'Backpropagation (UDL 7.4)',
          'Weight decay (D2L 3.7)',
        ]);
        await links.first().click();
        await page.waitForURL(/lessons\/5-1-least-squares-loss\.html$/);
        expect(await page.locator('section.exercise h3').allTextContents()).toEqual([
          'The normal probability density',
          'The likelihood of the data',
          'Negative log-likelihood of a normal model',
          'The sum of squares',
        ]);
        const textarea = page.locator('form.submit textarea');
        expect(await textarea.inputValue()).toBe(
          readFileSync(join(site, 'starter', '5-1-least-squares-loss.ts'), 'utf8'),
        );
        const starterHref = await page.locator('a.starter').getAttribute('href');
        expect((await page.request.get(new URL(starterHref!, page.url()).href)).status()).toBe(200);

        const summary = page.locator('.report .summary');
        // A correct solution: the instructor's reference.
        await textarea.fill(readFileSync(solutionFile('5-1-least-squares-loss'), 'utf8'));
        await page.locator('form.submit button').click();
        await summary.waitFor({ timeout: 60_000 });
        expect(await summary.textContent()).toBe('4/4 exercises pass (100%)');
        expect(await page.locator('.report li[data-status="pass"]').count()).toBe(4);

        // A wrong one: σ where σ² belongs in the density; the NLL is right; the other two are
        // not written yet.
        await textarea.fill(`export function normalPdf(y: number, mu: number, sigma: number): number {
  return Math.exp(-((y - mu) ** 2) / (2 * sigma)) / Math.sqrt(2 * Math.PI * sigma);
}
export function normalNll(y: number[], mu: number[], sigma: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += 0.5 * Math.log(2 * Math.PI * sigma ** 2) + (y[i]! - mu[i]!) ** 2 / (2 * sigma ** 2);
  return s;
}
`);
        await page.locator('form.submit button').click();
        await page.locator('.report .summary', { hasText: '1/4' }).waitFor({ timeout: 60_000 });
        expect(await summary.textContent()).toBe('1/4 exercises pass (25%)');
        const failed = page.locator('.report li[data-exercise="normal-pdf"]');
        expect(await failed.getAttribute('data-status')).toBe('fail');
        expect(await failed.locator('.failure').first().textContent()).toMatch(
          /^case "y=1, mu=-1, sigma=2\.3": result: expected 0\.1188468618\d*, received 0\.1102551215\d*$/,
        );
        expect(await failed.locator('.hint').textContent()).toContain('square sigma');
        expect(await page.locator('.report li[data-exercise="normal-nll"]').getAttribute('data-status')).toBe(
          'pass',
        );

        // The next lessons and an extra page are reachable from the header.
        await page.locator('header nav a', { hasText: '3. weight-decay' }).click();
        await page.waitForURL(/lessons\/weight-decay\.html$/);
        expect(await page.locator('h1').textContent()).toBe('Weight decay (D2L 3.7)');
        await page.locator('header nav a', { hasText: 'Welcome' }).click();
        expect(await page.locator('main h1').textContent()).toBe('Welcome');
      } finally {
        await browser.close();
      }
    });
  },
);
