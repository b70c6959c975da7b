// axe-core in the page: the serious and critical WCAG 2.1 A/AA violations of what is on screen.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser build: serve it at {@link AXE_PATH} (`serveStatic`'s `extra`) to have it cached. */
export const AXE_FILE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** Where the site's test server serves {@link AXE_FILE}. */
export const AXE_PATH = '/__test__/axe.min.js';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on `page` (less the elements matching
 * `options.exclude`'s selectors) and describes each serious or critical violation with up to three
 * of its elements; an empty list means none. With `axeUrl` (a server sending {@link AXE_FILE}
 * there) axe comes as a script the browser caches, compiled code and all, for the next page;
 * without it, its 550 kB of source are added inline (parsed again every time).
 */
export async function seriousAxeViolations(
  page: Page,
  axeUrl?: string,
  options: { exclude?: readonly string[] } = {},
): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    if (axeUrl) await page.addScriptTag({ url: axeUrl });
    else {
      axeSource ??= readFileSync(AXE_FILE, 'utf8');
      await page.addScriptTag({ content: axeSource });
    }
  }
  const violations = await page.evaluate(async (exclude) => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }
    ).axe;
    const r = await axe.run(exclude.length ? { exclude: exclude.map((s) => [s]) } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations as AxeViolation[];
  }, options.exclude ?? []);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes.length} element(s), e.g. ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(', ')}`,
    );
}
