// The end-to-end suite of the course site (registered by e2e-site.test.ts and e2e-lessons.test.ts,
// each for half of the pages): build the site once, serve the static files, open every lesson page in headless
// Chromium (Debian's /usr/bin/chromium through playwright-core) and check it as a student meets
// it: the lesson card (goals, book section, notebook) and no build jargon, the example's output,
// the concept checks, the figures drawn from the build's data (SVG marks, alt text, download
// files, text inside the SVG and not overlapping, at 1280 and 390 px) with no console errors,
// display equations within the column, each demo started from the keyboard (and on one page per
// demo its own check: its numbers against the library and a link to its state reopened giving
// the same numbers), the exercises typed into the page's editor (the committed reference solution
// passes everything; on every third page a wrong answer passes nothing), no serious axe-core
// violation and no horizontal overflow at 390 px. Plus the home page and lessons index (a card per lesson by
// chapter), the API reference, site search, dark mode, alias redirects and the exercise editor's
// features. Screenshots of every lesson go to .artifacts/screenshots/1280/ and /390/ (the first
// screen of each), gitignored.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { curricula, type Lesson, lessons } from '@gradkit/course';
import { lessonFile, pageSource, starterSource } from '@gradkit/course/node';
import { CHROMIUM, hasChromium, launchChromium } from '@gradkit/tests/browser';
import { CROSS_ORIGIN_ISOLATION, type StaticServer, serveStatic } from '@gradkit/tests/static-server';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXE_FILE, AXE_PATH, seriousAxeViolations } from './axe.js';
import { checkConceptQuestions } from './concept-check.js';
import { checkBoundaryDemo } from './demos/boundary.js';
import { checkConvDemo } from './demos/conv.js';
import { checkGpt2Demo } from './demos/gpt2.js';
import { checkOptimizerDemo } from './demos/optimizer.js';
import { checkTrainDemo } from './demos/train.js';
import {
  checkExerciseInPage,
  pressAndWait,
  readResults,
  typeCode,
  waitForEditor,
} from './exercise-editor.js';
import { figureTextProblems } from './figure-layout.js';

const here = dirname(fileURLToPath(import.meta.url));
const docs = resolve(here, '..');
const repo = resolve(docs, '../..');
const shots = join(repo, '.artifacts', 'screenshots');

/** The starter with every `throw new Error('TODO…')` statement replaced by a wrong return. */
const TODO_THROW = /throw new Error\(\s*(['"`])TODO[\s\S]*?\1\s*\);/g;
const wrongAnswer = (starter: string) => starter.replace(TODO_THROW, 'return undefined as never;');
/** Lessons whose concept checks are answered in the page (wrong, right, kept after a reload). */
const CONCEPT_LESSONS = ['1-1-background-mathematics', '7-2-backpropagation', 'coursework-i'];
/**
 * The site's chrome around a lesson: the nav bar and the lessons sidebar, the same on every lesson
 * page but for which link is current. axe-core checks it on the lessons overview (which has the
 * same sidebar) and at phone width on {@link PHONE_AXE_LESSONS}; on the lesson pages at 1280 px it
 * checks the lesson (a third of axe's time per page went to the chrome).
 */
const SITE_CHROME = ['.VPNav', '.VPLocalNav', '.VPSidebar'];
/**
 * Whether a lesson page's editor is also given a wrong answer (each TODO made a wrong return), which
 * must pass no exercise: on every third lesson of the registry. The checker is the same for every
 * lesson (@gradkit/course's checkExercise, in the page's worker); tests/test/lessons.test.ts runs
 * every lesson's untouched starter through it in Node ("todo") and typical wrong answers per
 * exercise, and the exercise-editor test here the page's handling of each kind of failure. Every
 * lesson page is given its reference solution, which must pass everything.
 */
const wrongAnswerChecked = (lesson: Lesson) => lessons.indexOf(lesson) % 3 === 0;
/**
 * The browser contexts of the site's pages: service workers blocked, so the pages are not
 * cross-origin isolated (the site's coi-sw.js does not register) and run as on a host without the
 * isolation headers; the isolation check opens a context of its own.
 */
const SITE_CONTEXT = { serviceWorkers: 'block' } as const;
/** Lessons whose page is also checked with axe-core at phone width (the site's chrome changes there). */
const PHONE_AXE_LESSONS = ['5-1-least-squares-loss', 'transformers', '10-3-2d-convolution'];
/** A demo's own check: its controls from the keyboard, its numbers, and its address round trip. */
type DemoCheck = (
  page: Page,
  demo: Locator,
  reopen: (query: string) => Promise<{ page: Page; demo: Locator }>,
) => Promise<void>;
/**
 * Each demo, checked in depth on one page (its controls from the keyboard, its numbers against the
 * library's, a link to its state reopened in a fresh page giving the same numbers); on the other
 * pages that show it, the generic check (started from the keyboard, a slider moved, a run trained).
 */
const DEMO_CHECKS: { lesson: string; selector: string; check: DemoCheck }[] = [
  { lesson: '6-4-momentum', selector: '.optimizer-demo', check: checkOptimizerDemo },
  { lesson: 'coursework-ii', selector: '.train-demo', check: checkTrainDemo },
  { lesson: 'transformers', selector: '.gpt2-demo', check: checkGpt2Demo },
  { lesson: '10-3-2d-convolution', selector: '.conv-demo', check: checkConvDemo },
  { lesson: '5-3-multiclass-cross-entropy-loss', selector: '.boundary-demo', check: checkBoundaryDemo },
];
/** The committed reference solution (never shipped to the site: read here to type it in). */
const solutionFile = (id: string) => join(repo, 'packages', 'solutions', 'lessons', `${id}.ts`);

/**
 * The lesson pages split between the two end-to-end files so that they take about as long (they
 * run side by side at the end of the test run): by an estimate of each page's cost — a base for
 * loading, the solution's check, axe and the screenshots, more for a wrong answer's check, more per
 * demo it starts, more for a demo's own deep check and most for the GPT-2 demo (onnxruntime-web
 * loads its 27 MB runtime twice) — the costliest first, each to the file with less so far; the file
 * with the site-wide checks starts with their share.
 */
export function splitLessons(): [withSite: Lesson[], others: Lesson[]] {
  const cost = (l: Lesson) =>
    7 +
    (wrongAnswerChecked(l) ? 2 : 0) +
    6 * (pageSource(l).match(/<Demo\b/g)?.length ?? 0) +
    (DEMO_CHECKS.some((c) => c.lesson === l.id) ? 8 : 0) +
    (l.id === 'transformers' ? 30 : 0);
  const halves: [Lesson[], Lesson[]] = [[], []];
  const load = [50, 0]; // the site-wide checks
  for (const l of [...lessons].sort((a, b) => cost(b) - cost(a))) {
    const i = load[0]! <= load[1]! ? 0 : 1;
    halves[i].push(l);
    load[i] += cost(l);
  }
  const order = (ls: Lesson[]) => lessons.filter((l) => ls.includes(l));
  return [order(halves[0]), order(halves[1])];
}

/** Which part of the site one end-to-end file checks. */
export interface SitePart {
  /** The suite's name. */
  title: string;
  /** The lesson pages it checks. */
  lessons: readonly Lesson[];
  /** Whether it also checks the site as a whole (home, API, search, dark mode, the editor, aliases). */
  site: boolean;
}

/**
 * Registers the end-to-end suite for `part`: the site built (or waited for, under the build's lock),
 * served and opened in Chromium once for the file, then the checks. The site's pages are split
 * between two files (e2e-site.test.ts, e2e-lessons.test.ts) so that the two test workers share them.
 */
export function courseSiteSuite(part: SitePart): void {
  const suite = hasChromium ? describe : describe.skip;
  if (!hasChromium) {
    describe(part.title, () => {
      it.skip(`needs Debian's chromium at ${CHROMIUM} (.ci/run installs it: apt-get install chromium)`, () => {});
    });
  }

  suite(part.title, () => {
    let browser: Browser;
    let server: StaticServer;
    /**
     * The lesson pages' browser context: one per file, as a reader moving from lesson to lesson
     * has one browser (its HTTP cache holds the site's content-hashed bundles, and Chromium caches
     * their compiled code). Each lesson stores only its own keys (exercise code, concept answers);
     * the demos keep their state in the address alone, so a page reopened here from a demo's link
     * starts from the link. The site-wide checks open fresh contexts.
     */
    let lessonContext: BrowserContext;
    /**
     * The tab the lesson pages open in, one after the other (a reader following the lessons):
     * Chromium keeps its renderer process, and with it the compiled code of the site's shared
     * bundles, from page to page (8 pages measured: 8 % less CPU than a new tab each). A demo's
     * link reopened during a lesson gets a tab of its own.
     */
    let lessonTab: Page | undefined;
    const axeUrl = () => `${server.url}${AXE_PATH}`;

    beforeAll(async () => {
      // Builds the site unless .vitepress/dist is newer than every source (`pnpm docs` always builds).
      // Asynchronously: a synchronous child would block the worker and time out vitest's RPC.
      const build = await new Promise<{ status: number | null; output: string }>((done) => {
        const child = spawn(process.execPath, [join(docs, 'scripts', 'build.mjs'), '--if-stale'], {
          cwd: docs,
        });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('close', (status) => done({ status, output }));
      });
      if (build.status !== 0) throw new Error(`docs build failed:\n${build.output}`);
      // a rebuild here (the run's own build found stale) costs minutes: say why in the run's log
      const rebuilt = /^docs: rebuilding: .*$/m.exec(build.output);
      if (rebuilt) console.log(rebuilt[0]);
      // served as a static host without the cross-origin-isolation headers, its service worker
      // blocked (SITE_CONTEXT): the pages run as where service workers are unavailable, their
      // workers on one thread each: two browser files side by side already use both cores, and
      // the full run with isolated pages took both files 25–40 s longer (one file alone on a quiet
      // machine: 194 s isolated, 191 s not). Isolation has its own check.
      server = await serveStatic(join(docs, '.vitepress', 'dist'), { [AXE_PATH]: AXE_FILE });
      browser = await launchChromium([
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ]);
      lessonContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...SITE_CONTEXT });
      for (const width of ['1280', '390']) mkdirSync(join(shots, width), { recursive: true });
    }, 600_000); // the build needs about 45 s of CPU; minutes of wall time on a loaded machine

    afterAll(async () => {
      await lessonContext?.close();
      await browser?.close();
      await server?.close();
    });

    async function open(
      path: string,
      options: {
        colorScheme?: 'light' | 'dark';
        timeLimitMs?: number;
        lessons?: boolean;
        tab?: boolean;
      } = {},
    ): Promise<{ page: Page; errors: string[]; requests: string[] }> {
      const { timeLimitMs, lessons: inLessonContext, tab, ...context } = options;
      let page: Page;
      if (tab) {
        if (!lessonTab || lessonTab.isClosed()) lessonTab = await lessonContext.newPage();
        page = lessonTab;
        // the last lesson's listeners and phone width go
        for (const event of ['request', 'console', 'pageerror'] as const)
          await page.removeAllListeners(event);
        await page.setViewportSize({ width: 1280, height: 900 });
      } else
        page = inLessonContext
          ? await lessonContext.newPage()
          : await browser.newPage({ viewport: { width: 1280, height: 900 }, ...SITE_CONTEXT, ...context });
      if (timeLimitMs)
        await page.addInitScript((ms) => {
          (globalThis as { GRADKIT_EXERCISE_TIME_LIMIT_MS?: number }).GRADKIT_EXERCISE_TIME_LIMIT_MS = ms;
        }, timeLimitMs);
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      const res = await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      expect(res?.status(), path).toBe(200);
      return { page, errors, requests };
    }

    /** Number of drawn marks (paths, circles, rects, lines) in the figures inside `scope`. */
    const markCount = (page: Page, scope: string) =>
      page.$$eval(`${scope} svg.gradkit-figure`, (svgs) =>
        svgs.map(
          (s) =>
            s.querySelectorAll(
              'g[aria-label] path, g[aria-label] circle, g[aria-label] rect, g[aria-label] line',
            ).length,
        ),
      );

    if (part.site) {
      it('home, lessons overview and API pages load', async () => {
        // the cards' pictures, requested once each at the end, side by side
        const pictures = new Set<string>();
        for (const path of [
          '/',
          '/lessons/',
          '/api/',
          '/api/core.html',
          '/api/core/tensors.html',
          '/api/plot.html',
        ]) {
          // in the lessons' browser context: its cache holds the site's bundles after the first page
          const { page, errors } = await open(path, { lessons: true });
          expect(await page.locator('h1').first().textContent(), path).toBeTruthy();
          if (path === '/lessons/') {
            // the overview links every lesson page of every curriculum, in each curriculum's order
            const hrefs = await page.$$eval('.vp-doc ol li a', (as) => as.map((a) => a.getAttribute('href')));
            expect(hrefs).toEqual(
              Object.values(curricula).flatMap((c) => c.lessons.map((id) => `./${id}.html`)),
            );
          }
          if (path === '/' || path === '/lessons/') {
            // a card per lesson, grouped by the book's chapters, with its picture and its badges
            const cards = await page.$$eval('a.lesson-card', (as) =>
              as.map((a) => ({
                id: a.getAttribute('data-lesson') ?? '',
                img: a.querySelector('img')?.getAttribute('src') ?? null,
                exercises: a.querySelector('.badge.exercises') !== null,
              })),
            );
            expect(cards.map((c) => c.id).sort(), path).toEqual(lessons.map((l) => l.id).sort());
            for (const c of cards) {
              const lesson = lessons.find((l) => l.id === c.id)!;
              expect(c.img !== null, `${c.id} has a picture iff it has a figure`).toBe(
                lesson.figures.length > 0,
              );
              if (c.img) pictures.add(c.img);
              expect(c.exercises, `${c.id}: exercises badge`).toBe(lesson.exercises.length > 0);
            }
            expect(await page.locator('.lesson-chapter h2').count()).toBeGreaterThan(10);
          }
          expect
            .soft(await seriousAxeViolations(page, axeUrl()), `${path}: serious axe-core violations`)
            .toEqual([]);
          expect(errors, path).toEqual([]);
          await page.close();
        }
        expect(pictures.size).toBeGreaterThan(0);
        const statuses = await Promise.all(
          [...pictures].map(async (img) => [img, (await fetch(`${server.url}${img}`)).status] as const),
        );
        expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
      });

      it('cross-origin isolation: sent by the host, or added by the service worker after one reload', async () => {
        // a host that sends the headers: isolated at once, no service worker registered
        const isolated = await serveStatic(
          join(docs, '.vitepress', 'dist'),
          {},
          { headers: CROSS_ORIGIN_ISOLATION },
        );
        const plain = server;
        const context = await browser.newContext();
        try {
          const direct = await context.newPage();
          await direct.goto(`${isolated.url}/index.html`);
          expect(
            await direct.evaluate(async () => [
              crossOriginIsolated,
              (await navigator.serviceWorker.getRegistrations()).length,
            ]),
          ).toEqual([true, 0]);
          await direct.close();
          // a static host that cannot (no headers): the first visit registers public/coi-sw.js
          // and reloads once; from then on every page arrives isolated
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(String(e)));
          page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
          await page.goto(`${plain.url}/index.html`);
          await page.waitForFunction(() => crossOriginIsolated, null, { timeout: 30_000 });
          await page.waitForLoadState('load');
          // the page that is isolated is the one reload of the first visit
          const navigation = () =>
            page.evaluate(
              () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type,
            );
          expect(await navigation()).toBe('reload');
          expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
            `${plain.url}/coi-sw.js`,
          );
          await page.goto(`${plain.url}/lessons/coursework-ii.html`);
          expect(
            await page.evaluate(() => [
              crossOriginIsolated,
              typeof SharedArrayBuffer,
              new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof
                SharedArrayBuffer,
            ]),
          ).toEqual([true, 'function', true]);
          expect(await navigation(), 'later pages arrive isolated: no reload').toBe('navigate');
          expect(errors).toEqual([]);
        } finally {
          await context.close();
          await isolated.close();
        }
      });

      it('earlier lesson ids (aliases) still open their lesson', async () => {
        // every alias page sends the reader on (a meta refresh, no script needed); the first one is
        // followed in the browser (each would load its lesson's figures again: ~3 s per alias)
        const all = lessons.flatMap((l) => l.aliases.map((alias) => ({ alias, lesson: l })));
        expect(all.length).toBeGreaterThan(0);
        for (const { alias, lesson } of all) {
          const res = await fetch(`${server.url}/lessons/${alias}.html`);
          expect(res.status, alias).toBe(200);
          expect(await res.text(), alias).toMatch(
            new RegExp(`<meta http-equiv="refresh" content="0; url=\\./${lesson.id}\\.html">`),
          );
        }
        const { alias, lesson } = all[0]!;
        const { page, errors } = await open(`/lessons/${alias}.html`);
        await page.waitForURL(`**/lessons/${lesson.id}.html`, { timeout: 30_000 });
        expect(await page.locator('h1').first().textContent(), alias).toContain(lesson.title.split(':')[0]!);
        expect(errors, alias).toEqual([]);
        await page.close();
      });

      it('API reference: only what the entry points export, large packages split by area', async () => {
        // every documented function, class and constant is a runtime export of the entry its page
        // names (internals such as the engine's setCloneImpl are not); core has one page per area
        const api = join(docs, 'api');
        const pages = readdirSync(api, { recursive: true, encoding: 'utf8' }).filter((f) =>
          f.endsWith('.md'),
        );
        expect(pages).toContain(join('core', 'tensors.md'));
        const modules: Record<string, Record<string, unknown>> = {};
        let checked = 0;
        for (const file of pages) {
          const text = readFileSync(join(api, file), 'utf8');
          const sections = text.split(/^### /m).slice(1);
          // the entries a page documents: its "## `@gradkit/x`" headings, or the import lines of an area page
          const subs = [...text.matchAll(/^## `(@gradkit\/[\w/-]+)`|from '(@gradkit\/[\w/-]+)';$/gm)].map(
            (m) => (m[1] ?? m[2])!,
          );
          for (const sub of subs) modules[sub] ??= await import(sub);
          for (const section of sections) {
            const name = section.slice(0, section.indexOf('\n'));
            const kind = /<Badge type="info" text="(\w+)"/.exec(section)?.[1];
            if (kind !== 'function' && kind !== 'class' && kind !== 'const') continue;
            expect(
              subs.some((sub) => name in modules[sub]!),
              `${file}: ${name} is not exported by ${subs.join(' or ')}`,
            ).toBe(true);
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(500);
        const core = pages
          .filter((f) => f.startsWith(`core${sep}`))
          .map((f) => readFileSync(join(api, f), 'utf8'));
        for (const internal of ['setCloneImpl', 'setEngineOps', 'accumulateGrad', 'bmmRaw'])
          expect(core.join('\n')).not.toContain(`### ${internal}\n`);
      });

      it('site search lists lessons before the API reference', async () => {
        const { page, errors } = await open('/');
        await page.locator('.VPNavBarSearch button').first().click();
        await page.locator('#localsearch-input').fill('cross entropy');
        const first = page.locator('.VPLocalSearchBox .results li a').first();
        await first.waitFor({ timeout: 30_000 });
        expect(await first.getAttribute('href')).toMatch(/\/lessons\//);
        // the lessons' teaching sections, not the exercise editor's heading, come first
        const top = await page
          .locator('.VPLocalSearchBox .results li a')
          .evaluateAll((as) => as.slice(0, 5).map((a) => a.textContent ?? ''));
        expect(top.filter((t) => /Your solution/.test(t))).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      });

      it("dark mode: the page and its figures follow the reader's colour scheme", async () => {
        const colours: Record<string, number> = {};
        for (const scheme of ['light', 'dark'] as const) {
          const { page, errors } = await open('/lessons/5-1-least-squares-loss.html', {
            colorScheme: scheme,
          });
          await page
            .locator('figure[data-figure-name] svg.gradkit-figure')
            .first()
            .waitFor({ timeout: 60_000 });
          expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(
            scheme === 'dark',
          );
          // luminance of the figure's text colour (axes and labels use currentColor)
          colours[scheme] = await page.$eval('figure[data-figure-name] svg.gradkit-figure', (svg) => {
            const m = getComputedStyle(svg)
              .color.match(/\d+(\.\d+)?/g)!
              .map(Number);
            return (0.2126 * m[0]! + 0.7152 * m[1]! + 0.0722 * m[2]!) / 255;
          });
          await page.screenshot({ path: join(shots, `loss-${scheme}.png`) });
          expect(errors).toEqual([]);
          await page.close();
        }
        expect(colours.light).toBeLessThan(0.5);
        expect(colours.dark).toBeGreaterThan(0.5);
      });

      it('exercise editor: Run, Check, reload, Reset, Download, refused imports, errors, the time limit', async () => {
        const id = '5-1-least-squares-loss';
        const lesson = lessons.find((l) => l.id === id)!;
        const starter = starterSource(lesson)!;
        const { page, errors } = await open(`/lessons/${id}.html`, { timeLimitMs: 3000 });

        // the untouched starter: every exercise is still a TODO
        const todo = await checkExerciseInPage(page, starter);
        expect(todo.status).toBe('todo');
        expect(todo.exercises.map((e) => e.status)).toEqual(lesson.exercises.map(() => 'todo'));

        // Run: executes the module, shows what it printed and its exports, checks nothing
        await typeCode(page, `${starter}\nconsole.log('mean', (1 + 2) / 2);\n`);
        const ran = await pressAndWait(page, 'run');
        expect(ran.status).toBe('ran');
        expect(ran.output).toContain('mean 1.5');
        expect(ran.output).toContain('normalPdf');
        expect(ran.exercises).toEqual([]);

        // a thrown error at load time is reported with its message
        await typeCode(page, `${starter}\nthrow new RangeError('broken on purpose');\n`);
        const threw = await pressAndWait(page, 'run');
        expect(threw.status).toBe('error');
        expect(threw.output).toContain('RangeError: broken on purpose');

        // a syntax error: every exercise reports it
        const syntax = await checkExerciseInPage(page, 'export function normalPdf(y: number, { {\n');
        expect(syntax.status).toBe('error');
        expect(syntax.exercises.map((e) => e.status)).toEqual(lesson.exercises.map(() => 'error'));
        expect((await readResults(page)).output).toMatch(/does not compile/);

        // imports other than the library packages are refused with a message naming them
        for (const spec of [`@gradkit/solutions/lessons/${id}`, '@gradkit/course', './helpers.js']) {
          const refused = await checkExerciseInPage(
            page,
            `import * as other from '${spec}';\nexport const normalPdf = (other as any).normalPdf;\n`,
          );
          expect(refused.status, spec).toBe('error');
          expect((await readResults(page)).output, spec).toContain(spec);
        }

        // the library's own answer is hidden while its exercise runs, as in `gradkit grade`
        const borrowed = await checkExerciseInPage(
          page,
          starter.replace(
            /export function normalPdf[\s\S]*?\n}\n/,
            "import { normalPdf as libraryPdf } from '@gradkit/losses';\nexport function normalPdf(y: number, mu: number, sigma: number): number {\n  return libraryPdf(y, mu, sigma).item() as number;\n}\n",
          ),
        );
        expect(borrowed.exercises[0]!.status).toBe('error');

        // an infinite loop: the worker is stopped after the time limit (3 s here, 20 s by default)
        const loop = await checkExerciseInPage(page, `${starter}\nwhile (true) {}\n`);
        expect(loop.status).toBe('timeout');
        expect(loop.exercises.map((e) => e.status)).toEqual(lesson.exercises.map(() => 'timeout'));

        // the solution passes; after a reload the editor still holds it and shows its results
        const good = await checkExerciseInPage(page, readFileSync(solutionFile(id), 'utf8'));
        expect(good.status).toBe('pass');
        await page.reload({ waitUntil: 'load' });
        await waitForEditor(page);
        expect((await readResults(page)).status).toBe('pass');

        // Download saves the editor's code as <id>.ts
        const code = `${starter}\n// downloaded\n`;
        await typeCode(page, code);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.locator('.exercise-editor button.ee-download').click(),
        ]);
        expect(download.suggestedFilename()).toBe(`${id}.ts`);
        expect(readFileSync(await download.path(), 'utf8')).toBe(code);

        // Reset to starter: the editor holds the starter again (Check: all TODO)
        await page.locator('.exercise-editor button.ee-reset').click();
        expect((await pressAndWait(page, 'check')).status).toBe('todo');
        expect(errors).toEqual([]);
        await page.close();
      }, 240_000);

      it('no page or script of the site mentions the private reference solutions', () => {
        const dist = join(docs, '.vitepress', 'dist');
        const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter(
          (f) => /\.(html|js|json)$/.test(f) && statSync(join(dist, f)).isFile(),
        );
        expect(files.length).toBeGreaterThan(50);
        const hits = files.filter((f) => readFileSync(join(dist, f), 'utf8').includes('@gradkit/solutions'));
        expect(hits).toEqual([]);
      });
    }

    for (const lesson of part.lessons) {
      it(`lesson ${lesson.id}: figures render, demos respond`, async () => {
        const { page, errors, requests } = await open(`/lessons/${lesson.id}.html`, { tab: true });
        // The page as it loaded, read in one round trip (each locator query is one; under CI's
        // load they cost tens of milliseconds each):
        const seen = await page.evaluate(
          ({ notebookUrl, command }) => {
            const doc = document.querySelector('.vp-doc')!;
            const card = doc.querySelector('.custom-block.tip');
            const prose = doc.cloneNode(true) as HTMLElement; // the page's words, not its code blocks
            prose.querySelectorAll('div[class*="language-"]').forEach((code) => code.remove());
            const outputs = doc.querySelectorAll('.example-output-label + div[class*="language-"] pre');
            return {
              cardTitle: card?.querySelector('.custom-block-title')?.textContent ?? null,
              goals: card?.querySelectorAll('li').length ?? 0,
              notebookLinks: notebookUrl
                ? Array.from(card?.querySelectorAll('a') ?? []).filter(
                    (a) => a.getAttribute('href') === notebookUrl,
                  ).length
                : null,
              outputs: Array.from(outputs, (o) => (o.textContent ?? '').trim().length),
              text: prose.textContent ?? '',
              checkHeadings: doc.querySelectorAll('h2#check-your-understanding').length,
              questions: doc.querySelectorAll('.concept-check .cc-question').length,
              figures: doc.querySelectorAll('figure[data-figure-name]').length,
              demos: doc.querySelectorAll('section.gradkit-demo').length,
              exerciseHeadings: doc.querySelectorAll('h2#exercises').length,
              h3: Array.from(doc.querySelectorAll('h3'), (h) => h.textContent ?? ''),
              commands: Array.from(doc.querySelectorAll('pre code')).filter((c) =>
                (c.textContent ?? '').includes(command),
              ).length,
            };
          },
          { notebookUrl: lesson.notebook.url ?? null, command: `gradkit lesson ${lesson.id}` },
        );
        // what the lesson teaches, its book section and notebook, and no build jargon
        expect(seen.cardTitle).toBe('What you will learn');
        expect(seen.goals).toBe(lesson.goals.length);
        if (lesson.notebook.url) expect(seen.notebookLinks, 'notebook link').toBe(1);
        // the example's code with what it printed when the site was built
        if (lessonFile(lesson, 'example.ts')) {
          expect(seen.outputs.length, 'the example has its output').toBe(1);
          expect(seen.outputs[0]).toBeGreaterThan(0);
        }
        expect(seen.text).not.toMatch(/\bSeed:|seeds'? README|not included|offline here|\b\w+\.md\b/);
        // 2–3 concept-check questions before the exercises
        expect(seen.checkHeadings).toBe(1);
        expect(seen.questions).toBe(lesson.questions.length);
        const { figures, demos } = seen;
        expect(figures + demos, 'each lesson has a figure or a demo').toBeGreaterThan(0);
        // the graded exercises, on every lesson page: each prompt by its title, and the starter
        // file to download
        expect(lesson.exercises.length, 'the lesson has graded exercises').toBeGreaterThan(0);
        expect(seen.exerciseHeadings).toBe(1);
        for (const e of lesson.exercises) expect(seen.h3.join('\n')).toContain(e.title);
        expect(seen.commands).toBe(1);
        if (figures > 0) {
          await page.waitForFunction(
            (n) =>
              document.querySelectorAll('figure[data-figure-name] svg.gradkit-figure').length === n ||
              document.querySelector('figure[data-figure-name] [role=alert]'),
            figures,
            { timeout: 60_000 },
          );
          expect(
            await page.locator('figure[data-figure-name] [role=alert]').count(),
            await page
              .locator('[role=alert]')
              .allTextContents()
              .then((t) => t.join('; ')),
          ).toBe(0);
          const marks = await markCount(page, 'figure[data-figure-name]');
          expect(marks).toHaveLength(figures);
          for (const m of marks) expect(m).toBeGreaterThan(0);
          for (const label of await page.$$eval('svg.gradkit-figure', (s) =>
            s.map((e) => e.getAttribute('aria-label') ?? ''),
          ))
            expect(label.length).toBeGreaterThan(10);
          // each figure's download links: the same figure rendered in Node at build time
          for (const name of await page.$$eval('figure[data-figure-name]', (f) =>
            f.map((e) => e.getAttribute('data-figure-name')),
          )) {
            const svg = await page.request.get(`${server.url}/figures/${name}.svg`);
            expect(svg.status(), `${name}.svg`).toBe(200);
            expect((await svg.text()).startsWith('<svg'), `${name}.svg`).toBe(true);
            const png = await page.request.get(`${server.url}/figures/${name}.png`);
            expect([...(await png.body()).subarray(1, 4)], `${name}.png`).toEqual([0x50, 0x4e, 0x47]); // "PNG"
          }
        }
        // the demos' code is not fetched until a reader starts one
        if (demos > 0) expect(requests.filter((u) => /[A-Z]\w+Demo\.[\w-]+\.js$/.test(u))).toEqual([]);
        for (let d = 0; d < demos; d++) {
          const demo = page.locator('section.gradkit-demo').nth(d);
          // started from the keyboard, as every control of the demos can be
          await demo.locator('button.start-demo').focus();
          await page.keyboard.press('Enter');
          // the demo's component is fetched now: wait for its controls
          await demo.locator('input[type=range]').first().waitFor({ timeout: 60_000 });
          const deep = DEMO_CHECKS.find((c) => c.lesson === lesson.id);
          if (deep && (await demo.locator(deep.selector).count()) > 0) {
            const opened: { page: Page; errors: string[] }[] = [];
            await deep.check(page, demo, async (query) => {
              const again = await open(`/lessons/${lesson.id}.html${query}`, { lessons: true });
              opened.push(again);
              const reopened = again.page.locator('section.gradkit-demo').nth(d);
              // the address holds the demo's state: it starts without a press
              await reopened.locator('input[type=range]').first().waitFor({ timeout: 60_000 });
              return { page: again.page, demo: reopened };
            });
            for (const again of opened) {
              expect(again.errors, 'the reopened page').toEqual([]);
              await again.page.close();
            }
          } else if ((await demo.locator('button.train').count()) > 0) {
            // a training demo in web workers: the fewest epochs (Home on the first slider), then Train
            await demo.locator('input[type=range]').first().focus();
            await page.keyboard.press('Home');
            await demo.locator('button.train').click();
            await expect
              .poll(async () => (await demo.locator('[role=status]').textContent()) ?? '', {
                timeout: 120_000,
              })
              .toMatch(/done|Error/);
            const status = await demo.locator('[role=status]').textContent();
            const lines = demo.locator('svg.gradkit-figure g[aria-label=line] path');
            if ((await demo.locator('.double-descent-demo').count()) > 0) {
              // notebook 8.3's reduced sweep: one epoch per width, then all seven widths drawn
              expect(status).toMatch(
                /^D = \d+ \(\d+ weights\): train \d+\.\d+%, test \d+\.\d+% \(\d+\.\d s\) — 7\/7 widths, done in/,
              );
              // live train and test, committed train and test; a dot per live error
              expect(await lines.count()).toBe(4);
              expect(await demo.locator('svg.gradkit-figure g[aria-label=dot] circle').count()).toBe(14);
            } else if ((await demo.locator('.mnist-cnn-demo').count()) > 0) {
              // notebook 10.5's CNN on the real digits: a test before training and after the epoch
              expect(status).toMatch(/^epoch 1\/1: test accuracy \d+\.\d% \(\d+\.\d s\) — done in/);
              expect(await demo.locator('table.tests tbody tr').count()).toBe(2);
              expect(await lines.count()).toBe(1);
            } else {
              // the MNIST-1D worker: one epoch, then the error curves
              expect(status).toMatch(/epoch 1\/1: train \d+\.\d+%, validation \d+\.\d+%/);
              expect(await lines.count()).toBe(2);
            }
          } else {
            await demo.locator('svg.gradkit-figure').first().waitFor({ timeout: 60_000 });
            const before = await demo.locator('svg.gradkit-figure').first().innerHTML();
            const slider = demo.locator('input[type=range]').first();
            await slider.focus();
            for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
            await expect
              .poll(async () => (await demo.locator('svg.gradkit-figure').first().innerHTML()) !== before, {
                timeout: 30_000,
              })
              .toBe(true);
          }
          if ((await demo.locator('.gpt2-demo').count()) > 0) {
            // GPT-2 runs on onnxruntime-web wherever @gradkit/transformers offers that backend
            const backend = (await demo.locator('.gpt2-demo .status').nth(1).textContent()) ?? '';
            const transformers: Record<string, unknown> = await import('@gradkit/transformers');
            if (typeof transformers.loadOrtWebModel === 'function')
              expect(backend).toMatch(/onnxruntime-web \(ort-web:(wasm|webgpu)\)/);
            else expect(backend).toMatch(/TypeScript backend/);
            expect(await demo.locator('.gpt2-text').textContent()).toMatch(/^The sun./);
            // the page states the download honestly: its "about N MiB" is what the demo fetched (±15%)
            const fetched = /the model (\d+\.\d) MiB(?:, onnxruntime-web (\d+\.\d) MiB)?/.exec(
              (await demo.locator('.gpt2-sizes').textContent()) ?? '',
            );
            expect(fetched, 'the demo reports what it downloaded').not.toBeNull();
            const total = Number(fetched![1]) + Number(fetched![2] ?? 0);
            const stated = /downloads about (\d+) MiB/.exec((await demo.textContent()) ?? '');
            expect(stated, "the demo's description states the download size").not.toBeNull();
            expect(
              Math.abs(Number(stated![1]) - total) / total,
              `stated ${stated![1]} MiB, fetched ${total} MiB`,
            ).toBeLessThan(0.15);
          }
        }
        // the exercises in the page's editor: a wrong answer passes nothing, the committed reference
        // solution passes everything (the checker of `gradkit grade`, in a web worker)
        expect(existsSync(solutionFile(lesson.id)), 'the committed reference solution').toBe(true);
        const titles = lesson.exercises.map((e) => e.title);
        if (wrongAnswerChecked(lesson)) {
          const wrong = await checkExerciseInPage(page, wrongAnswer(starterSource(lesson)!));
          expect(wrong.exercises.map((e) => e.title)).toEqual(titles);
          expect(wrong.exercises.filter((e) => e.status === 'pass').map((e) => e.title)).toEqual([]);
        }
        const good = await checkExerciseInPage(page, readFileSync(solutionFile(lesson.id), 'utf8'));
        expect(
          good.exercises.map((e) => e.status),
          'the reference solution',
        ).toEqual(titles.map(() => 'pass'));
        expect(good.status).toBe('pass');
        // accessibility of the page with its figures drawn and its demos started
        expect
          .soft(
            await seriousAxeViolations(page, axeUrl(), { exclude: SITE_CHROME }),
            'serious axe-core violations',
          )
          .toEqual([]);
        // every figure's text inside its SVG, not overlapping, at least 11 px
        expect.soft(await figureTextProblems(page), 'figure text at 1280 px').toEqual([]);
        // display equations fit the column on a desktop (long ones are written on several lines)
        expect
          .soft(
            await page.$$eval('.vp-doc mjx-container[display="true"]', (eqs) =>
              eqs
                .filter((e) => (e as HTMLElement).scrollWidth > (e as HTMLElement).clientWidth + 1)
                .map((e) => (e.textContent ?? '').slice(0, 60)),
            ),
            'display equations wider than the column at 1280 px',
          )
          .toEqual([]);
        // the first screen (a full-page capture costs seconds per page)
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(shots, '1280', `${lesson.id}.png`) });
        // a phone: the figures lay themselves out again at the column's width, nothing overflows
        await page.setViewportSize({ width: 390, height: 844 });
        await page.waitForFunction(
          () =>
            Array.from(document.querySelectorAll<HTMLElement>('figure[data-figure-name] > div')).every(
              (d) => d.dataset.width === String(Math.floor(d.clientWidth)),
            ),
          undefined,
          { timeout: 30_000 },
        );
        expect.soft(await figureTextProblems(page), 'figure text at 390 px').toEqual([]);
        expect
          .soft(
            await page.evaluate(() => document.documentElement.scrollWidth),
            'no horizontal overflow at 390 px',
          )
          .toBeLessThanOrEqual(390);
        if (PHONE_AXE_LESSONS.includes(lesson.id))
          expect
            .soft(await seriousAxeViolations(page, axeUrl()), 'serious axe-core violations at 390 px')
            .toEqual([]);
        // the first screen, once the sidebar has slid away
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForFunction(() => {
          const bar = document.querySelector('.VPSidebar');
          return !bar || bar.getBoundingClientRect().right <= 0;
        });
        await page.screenshot({ path: join(shots, '390', `${lesson.id}.png`) });
        if (CONCEPT_LESSONS.includes(lesson.id)) await checkConceptQuestions(page, lesson);
        expect(errors).toEqual([]);
      }, 180_000);
    }
  });
}
