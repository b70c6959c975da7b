/**
 * Curricula end to end: `gradkit curriculum build` turns a 2-lesson curriculum.json (in the
 * reverse of the registry's order, plus two extra pages) into the course site restricted to it —
 * the course site's own build (apps/docs/scripts/build.mjs --curriculum), built once here — and a
 * starter folder, none of it holding the reference solutions. The site has the chosen lessons'
 * pages only, in the chosen order, with the course site's components (figures, demo, exercise
 * editor), the chosen lessons' figures only, and a search index. `gradkit curriculum serve
 * --records` serves it with the grader: over HTTP, and in headless Chromium (Debian's
 * /usr/bin/chromium driven by playwright-core; skipped where it is absent), where the exercise
 * editor's "Submit to your instructor" grades and records a correct solution.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { getLesson, lessons as registry } from '@gradkit/course';
import { pageSource } from '@gradkit/course/node';
import { solutionFile } from '@gradkit/solutions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../../apps/docs/test/axe.js';
import { hasChromium, launchChromium } from '../support/browser.js';

const root = join(import.meta.dirname, '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');
const NODE_ARGS = ['--conditions=@gradkit/source', '--import', 'tsx'];
const dir = mkdtempSync(join(tmpdir(), 'gradkit-curriculum-'));
const site = join(dir, 'site');
const records = join(dir, 'records.jsonl');
// the registry has 5-1 before 7-2: the site must follow the curriculum's order
const LESSONS = ['7-2-backpropagation', '5-1-least-squares-loss'];
const TITLES = LESSONS.map((id) => getLesson(id).title);

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
const last = (r: { stdout: string }) => JSON.parse(r.stdout.trim().split('\n').pop()!);

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) =>
    statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)],
  );
}
const read = (rel: string) => readFileSync(join(site, rel), 'utf8');

let build: any;
let seconds = 0;
beforeAll(async () => {
  writeFileSync(
    join(dir, 'welcome.md'),
    '# Welcome\n\nWork through the lessons **in order**, from [backpropagation](/lessons/7-2-backpropagation).\n',
  );
  writeFileSync(
    join(dir, 'curriculum.json'),
    JSON.stringify({
      title: 'Gradients and likelihoods',
      description: 'Two lessons of the course.',
      lessons: ['gradients-ii', 'loss-i'], // earlier ids of LESSONS
      pages: [
        { title: 'Welcome', file: 'welcome.md' },
        { title: 'Marking', markdown: 'Every exercise counts *equally*.' },
      ],
    }),
  );
  const t0 = performance.now();
  const run = await gradkit('curriculum', 'build', join(dir, 'curriculum.json'), '--out', site, '--json');
  seconds = (performance.now() - t0) / 1000;
  expect(run.code, run.stderr).toBe(0);
  build = last(run);
}, 900_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gradkit curriculum build', () => {
  it('reports the lessons in order, the extra pages and the starter folder', () => {
    console.log(`curriculum site of ${LESSONS.length} lessons built in ${seconds.toFixed(0)} s`);
    expect(build.lessons.map((l: { id: string }) => l.id)).toEqual(LESSONS);
    expect(build.lessons.map((l: { page: string }) => l.page)).toEqual(
      LESSONS.map((id) => `lessons/${id}.html`),
    );
    expect(build.lessons.map((l: { notebook: string }) => l.notebook)).toEqual([
      '7_2_Backpropagation.md',
      '5_1_Least_Squares_Loss.md',
    ]);
    expect(build.pages).toEqual([
      { title: 'Welcome', page: 'pages/welcome.html' },
      { title: 'Marking', page: 'pages/marking.html' },
    ]);
    expect(build.files).toEqual(
      walk(site)
        .map((f) => f.slice(site.length + 1))
        .sort(),
    );
    for (const f of [
      'index.html',
      'curriculum.json',
      'starter/README.md',
      'starter/package.json',
      'starter/tsconfig.json',
    ])
      expect(build.files, f).toContain(f);
    for (const id of LESSONS) {
      const starter = read(`starter/${id}.ts`);
      expect(starter).toContain(`pnpm gradkit grade --lesson ${id} ${id}.ts`);
      expect(starter).toContain("throw new Error('TODO");
    }
  });

  it('has the chosen lessons pages only (and their earlier ids), no API reference', () => {
    const pages = readdirSync(join(site, 'lessons')).sort();
    const aliases = LESSONS.flatMap((id) => getLesson(id).aliases);
    expect(pages).toEqual([...LESSONS, ...aliases].map((id) => `${id}.html`).sort());
    expect(existsSync(join(site, 'api'))).toBe(false);
    expect(readdirSync(join(site, 'pages')).sort()).toEqual(['marking.html', 'welcome.html']);
    // the extra pages through VitePress: the file's Markdown, a title for the inline text
    const welcome = read('pages/welcome.html');
    expect(welcome).toContain('<strong>in order</strong>');
    expect(welcome).toContain('href="/lessons/7-2-backpropagation.html"');
    expect(read('pages/marking.html')).toMatch(/<h1 id="marking"[^>]*>Marking/);
  });

  it('lists the lessons in its order: home cards, sidebar', () => {
    const home = read('index.html');
    expect(home).toMatch(/<h1 id="gradients-and-likelihoods"[^>]*>Gradients and likelihoods/);
    const cards = [...home.matchAll(/class="lesson-card"[^>]*data-lesson="([^"]+)"/g)].map((m) => m[1]);
    expect(cards).toEqual(LESSONS);
    for (const p of ['welcome', 'marking']) expect(home).toContain(`href="/pages/${p}.html"`);
    // the sidebar of a lesson page: "1. <title>", "2. <title>", in order, then the extra pages
    const html = read(`lessons/${LESSONS[1]}.html`);
    const page = html.slice(html.indexOf('class="VPSidebar"'));
    const at = [`1. ${TITLES[0]}`, `2. ${TITLES[1]}`, '>Welcome<', '>Marking<'].map((t) => page.indexOf(t));
    expect(
      at.every((i, k) => i > 0 && (k === 0 || i > at[k - 1]!)),
      String(at),
    ).toBe(true);
  });

  it("draws the chosen lessons' figures only", () => {
    const chosen = LESSONS.map((id) => getLesson(id));
    const names = chosen.flatMap((l) => l.figures);
    expect(names.length).toBeGreaterThan(2);
    // each figure's files (SVG and PNG for the download links, and any other form the pages draw
    // from), for the chosen lessons' figures and no other
    const files = readdirSync(join(site, 'figures')).filter((f) => f !== 'thumbs');
    expect([...new Set(files.map((f) => f.replace(/\.[a-z]+$/, '')))].sort()).toEqual([...names].sort());
    for (const n of names) for (const ext of ['svg', 'png']) expect(files).toContain(`${n}.${ext}`);
    expect(readdirSync(join(site, 'figures', 'thumbs')).sort()).toEqual(
      chosen
        .filter((l) => l.figures.length)
        .map((l) => `${l.id}.png`)
        .sort(),
    );
    for (const n of names) expect(read(`figures/${n}.svg`)).toMatch(/^<svg[\s>]/);
  });

  it("renders each lesson page with the course site's components", () => {
    for (const id of LESSONS) {
      // the lesson folder's page.md, which the course site's build turns into the page
      const md = pageSource(id);
      const html = read(`lessons/${id}.html`);
      expect(html).toContain(`${getLesson(id).title}`);
      expect(html).toContain('What you will learn');
      // every figure of the page, as <PlotFigure> renders it
      const figures = [...md.matchAll(/<PlotFigure name="([^"]+)"/g)].map((m) => m[1]);
      expect(figures.length).toBeGreaterThan(0);
      expect(
        [...html.matchAll(/class="gradkit-figure-box" data-figure-name="([^"]+)"/g)].map((m) => m[1]),
      ).toEqual(figures);
      // the demos (<Demo>) and the exercise editor
      expect((html.match(/class="gradkit-demo"/g) ?? []).length).toBe((md.match(/<Demo\b/g) ?? []).length);
      expect(html).toContain(
        `class="exercise-editor" aria-label="Your solution: ${id}.ts" data-lesson="${id}"`,
      );
      // the example's output, printed when the site was built
      expect(html).toContain('Output (printed when this site was built)');
      // the statically hosted page has no grader: no "Submit to your instructor"
      expect(html).not.toContain('gradkit-grading');
      expect(html).not.toContain('Submit to your instructor');
      // links to the API reference (not in this site) are text; no link leaves the curriculum
      expect(html).not.toMatch(/href="\/api\//);
      for (const m of html.matchAll(/href="\/lessons\/([^".#]+)/g)) expect(LESSONS, m[1]).toContain(m[1]);
    }
    expect(LESSONS.some((id) => /<Demo\b/.test(pageSource(id)))).toBe(true);
  });

  it("has a local search index of the curriculum's pages", () => {
    const chunks = readdirSync(join(site, 'assets', 'chunks'));
    const index = chunks.find((f) => /^@localSearchIndexroot\..*\.js$/.test(f));
    expect(index, chunks.join(' ')).toBeDefined();
    const text = readFileSync(join(site, 'assets', 'chunks', index!), 'utf8');
    for (const t of [...TITLES, 'Marking', 'Welcome']) expect(text, t).toContain(t);
    // another lesson's page is not in it
    const other = registry.find((l) => !LESSONS.includes(l.id) && l.id === 'weight-decay')!;
    expect(text).not.toContain(other.title);
  });

  it('publishes none of the reference solutions', () => {
    const text = new Set(['.html', '.js', '.json', '.md', '.ts', '.css', '.svg', '.txt']);
    const built = walk(site)
      .filter((f) => text.has(extname(f)))
      .map((f) => readFileSync(f, 'utf8'));
    for (const id of LESSONS) {
      // Every line of a reference solution's bodies (not the signatures the starters share).
      const lines = readFileSync(solutionFile(id), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(
          (l) => l.length > 12 && !l.startsWith('export ') && !l.startsWith('import ') && !l.startsWith('//'),
        );
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) for (const t of built) expect(t.includes(line), `${id}: ${line}`).toBe(false);
    }
  });
});

describe('gradkit curriculum build refuses a bad curriculum before building', () => {
  it('an unknown lesson id, a repeated page slug, a missing page file: the field named, nothing written', async () => {
    mkdirSync(join(dir, 'bad'));
    const cases: [object, RegExp][] = [
      [
        { title: 'x', lessons: ['loss-i', 'loss-iv'] },
        /"lessons"\[1\] must be a lesson id \(.*\), received "loss-iv"$/,
      ],
      [
        {
          title: 'x',
          lessons: ['loss-i'],
          pages: [
            { title: 'A b', markdown: '' },
            { title: 'a-B', markdown: '' },
          ],
        },
        /"pages"\[1\] has the slug "a-b" of an earlier page/,
      ],
      [
        { title: 'x', lessons: ['loss-i'], pages: [{ title: 'Gone', file: 'gone.md' }] },
        /"pages"\[0\]\.file expects a Markdown file relative to the curriculum, received "gone\.md"/,
      ],
    ];
    const runs = await Promise.all(
      cases.map(([value], i) => {
        writeFileSync(join(dir, 'bad', `${i}.json`), JSON.stringify(value));
        return gradkit(
          'curriculum',
          'build',
          join(dir, 'bad', `${i}.json`),
          '--out',
          join(dir, 'bad', `out-${i}`),
          '--json',
        );
      }),
    );
    runs.forEach((run, i) => {
      expect(run.code, run.stderr).toBe(1);
      expect(last(run).error.message).toMatch(cases[i]![1]);
      expect(existsSync(join(dir, 'bad', `out-${i}`))).toBe(false);
    });
  });
});

describe('gradkit curriculum serve --records, over HTTP and in headless Chromium', () => {
  let server: ChildProcess | undefined;
  let url = '';
  beforeAll(async () => {
    server = spawn(
      process.execPath,
      [...NODE_ARGS, main, 'curriculum', 'serve', site, '--port', '0', '--records', records, '--json'],
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
      server!.on('exit', (code) => reject(new Error(`gradkit curriculum serve exited with ${code}: ${err}`)));
    });
  });
  afterAll(() => {
    server?.kill();
  });

  it('serves the site with the grading settings and grades a submission from the API', async () => {
    const page = await (await fetch(new URL(`lessons/${LESSONS[1]}.html`, url))).text();
    expect(page).toContain(
      '<meta name="gradkit-grading" content="{&quot;grading&quot;:true,&quot;records&quot;:true',
    );
    expect(await (await fetch(new URL('api/grading', url))).json()).toEqual({
      grading: true,
      records: true,
      lessons: LESSONS,
    });
    const anonymous = await fetch(new URL('api/grade', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lesson: 'loss-i', source: readFileSync(solutionFile(LESSONS[1]!), 'utf8') }),
    });
    expect(anonymous.status).toBe(400);
    expect((await anonymous.json()).error.message).toMatch(/^"student" must be your name or student id/);
  });

  // fails rather than skips where Chromium is required (GRADKIT_REQUIRE_CHROMIUM=1, as in CI)
  it.skipIf(!hasChromium)(
    "submits the editor's file to the instructor: graded, shown, recorded",
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        page.on('pageerror', (e) => errors.push(String(e)));
        const id = LESSONS[1]!;
        const solution = readFileSync(solutionFile(id), 'utf8');
        // the editor starts from the file saved in this browser: the reference solution
        await page.addInitScript(
          ([key, code]) =>
            localStorage.setItem(key!, JSON.stringify({ code, overall: 'idle', summary: '', reports: [] })),
          [`gradkit-exercises:${id}`, solution],
        );
        await page.goto(new URL(`lessons/${id}.html`, url).href);
        const submit = page.getByRole('button', { name: 'Submit to your instructor' });
        await submit.scrollIntoViewIfNeeded();
        await page.getByLabel('Your name or student id').fill('Ada Lovelace');
        await submit.click();
        const message = page.locator('.ee-submit-message');
        await message.filter({ hasText: 'exercises pass' }).waitFor({ timeout: 90_000 });
        expect(await message.textContent()).toBe(
          '4 of 4 exercises pass (100%), graded by the course server and recorded for your instructor under “Ada Lovelace”.',
        );
        expect(await page.locator('.ee-submit-list li[data-status="pass"]').count()).toBe(4);
        const lines = readFileSync(records, 'utf8')
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l));
        expect(lines.map((l) => [l.student, l.lesson, l.score])).toEqual([['Ada Lovelace', id, 100]]);
        expect(lines[0].source).toBe(solution);
        // the theme's search button is the course site's (apps/docs/test/site-suite.ts checks it)
        expect((await seriousAxeViolations(page)).filter((v) => !v.endsWith('e.g. [".DocSearch"]'))).toEqual(
          [],
        );
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
