// Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
// (tests skip themselves where it is absent, unless GRADKIT_REQUIRE_CHROMIUM=1, as `.ci/run` sets:
// then they run and fail), and the example apps' build → serve → launch setup.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type StaticServer, serveStatic } from './static-server.js';

/** Debian's Chromium (`apt-get install chromium`); the browser tests need it. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser tests must run: `GRADKIT_REQUIRE_CHROMIUM=1` (set by `.ci/run`) turns a
 * missing {@link CHROMIUM} into failing browser tests instead of skipped ones.
 */
export const requireChromium: boolean = process.env.GRADKIT_REQUIRE_CHROMIUM === '1';

/**
 * Whether the browser suites run: {@link CHROMIUM} is installed here, or it is required
 * ({@link requireChromium}); they are skipped otherwise.
 */
export const hasChromium: boolean = existsSync(CHROMIUM) || requireChromium;

/**
 * Whether `/dev/shm` is a memory file system of at least 1 GiB. playwright launches Chromium with
 * `--disable-dev-shm-usage`, for containers whose `/dev/shm` is 64 MB; Chromium then keeps its
 * shared memory in files under /tmp, on disk here, which cost about 12 % more CPU over a lesson
 * page's checks (measured on 8 pages: 57–61 s instead of 63–73 s).
 */
function devShmIsLarge(): boolean {
  try {
    const fs = statfsSync('/dev/shm');
    return fs.blocks * fs.bsize >= 2 ** 30;
  } catch {
    return false;
  }
}

/**
 * Launches {@link CHROMIUM} headless (no sandbox, no GPU, no first-run UI) through
 * playwright-core; `extraArgs` are appended to those flags. Chromium uses `/dev/shm` where it is
 * large enough (see {@link devShmIsLarge}).
 *
 * @example
 * const browser = await launchChromium(['--disable-sync']);
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `the browser tests need Debian's Chromium at ${CHROMIUM} (apt-get install chromium), which is missing`,
    );
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', ...extraArgs],
    ignoreDefaultArgs: devShmIsLarge() ? ['--disable-dev-shm-usage'] : [],
  });
}

/** A built example page, served and with a browser open on this machine: see {@link openBuiltApp}. */
export interface BuiltApp {
  /** The build's output folder (a fresh temporary folder). */
  out: string;
  /** The static server over `out`. */
  server: StaticServer;
  browser: Browser;
  /**
   * Opens `path` of the served build (default `/index.html`) in a new page of the given viewport;
   * `errors` collects the page's console errors and uncaught exceptions from before it loads.
   */
  open: (
    viewport: { width: number; height: number },
    path?: string,
  ) => Promise<{ page: Page; errors: string[] }>;
  /** Closes the browser and the server and deletes `out`. */
  close: () => Promise<void>;
}

/**
 * Builds an example app with its `scripts/build.mjs <out>` into a fresh temporary folder named
 * `<prefix>XXXXXX`, serves that folder with {@link serveStatic} and launches
 * {@link launchChromium}. Throws with the build's output when the build fails (having cleaned up).
 *
 * @example
 * let site: BuiltApp;
 * beforeAll(async () => { site = await openBuiltApp(app, 'gradkit-race-'); }, 60_000);
 * afterAll(() => site?.close());
 */
export async function openBuiltApp(app: string, prefix: string): Promise<BuiltApp> {
  const out = mkdtempSync(join(tmpdir(), prefix));
  let server: StaticServer | undefined;
  try {
    const build = spawnSync(process.execPath, [join(app, 'scripts', 'build.mjs'), out], {
      cwd: app,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
    server = await serveStatic(out);
    const browser = await launchChromium();
    const running = server;
    return {
      out,
      server,
      browser,
      open: async (viewport, path = '/index.html') => {
        const page = await browser.newPage({ viewport });
        const errors: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`${running.url}${path}`);
        return { page, errors };
      },
      close: async () => {
        await browser.close();
        await running.close();
        rmSync(out, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server?.close();
    rmSync(out, { recursive: true, force: true });
    throw e;
  }
}
