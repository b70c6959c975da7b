// The optimizer demo (OptimizerDemo.vue) driven from the keyboard, its numbers checked against
// `minimize` of @gradkit/optimizers run here in Node with the same settings: Step ×3, Play to the
// end, a new start point from the w1/w2 sliders, fewer steps and a larger learning rate, and the
// page's address reopened in a fresh page showing the same table.
import assert from 'node:assert/strict';
import {
  minimize,
  OPTIMIZER_NAMES,
  type OptimizerName,
  SURFACES,
  type SurfaceName,
} from '@gradkit/optimizers';
import type { Locator, Page } from 'playwright-core';

/** One row of the demo's table, as the page holds it (the full-precision numbers in data-value). */
interface Row {
  name: string;
  lr: string;
  step: string;
  loss: string;
  w1: string;
  w2: string;
}

interface Settings {
  surface: SurfaceName;
  chosen: OptimizerName[];
  lrScale: number;
  steps: number;
  beta: number;
  w1: number;
  w2: number;
}

const ADAPTIVE: readonly OptimizerName[] = ['adagrad', 'rmsprop', 'adam', 'adamw'];

async function until(what: string, ok: () => Promise<boolean>, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`optimizer demo: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const slider = (demo: Locator, label: string) => demo.locator(`input[type=range][aria-label="${label}"]`);

async function press(page: Page, target: Locator, key: string, times = 1): Promise<void> {
  await target.focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** What the demo shows, read in one go: its controls, step counter, table and current-step marks. */
interface Snapshot {
  settings: Settings;
  counter: string;
  play: string;
  rows: Row[];
  /** The number of points of each optimizer's path on the contour. */
  paths: number[];
  contourDots: number;
  lossRules: number;
  legend: (string | null)[];
}

async function snapshot(demo: Locator): Promise<Snapshot> {
  // (no helper functions in here: a bundler's name-keeping wrappers do not exist in the page)
  return demo.evaluate((root) => {
    const v: Record<string, string> = Object.fromEntries(
      ['momentum beta', 'learning rate scale', 'number of steps', 'start point w1', 'start point w2'].map(
        (l) => [
          l,
          (root.querySelector(`input[type=range][aria-label="${l}"]`) as HTMLInputElement | null)?.value ??
            '',
        ],
      ),
    );
    const beta = v['momentum beta'];
    return {
      settings: {
        surface: (root.querySelector('select[aria-label="loss surface"]') as HTMLSelectElement).value,
        chosen: Array.from(
          root.querySelectorAll<HTMLInputElement>('fieldset.optimizers input[type=checkbox]'),
        )
          .filter((e) => e.checked)
          .map((e) => e.value),
        lrScale: Number(v['learning rate scale']),
        steps: Number(v['number of steps']),
        beta: beta === '' ? 0.9 : Number(beta),
        w1: Number(v['start point w1']),
        w2: Number(v['start point w2']),
      },
      counter: root.querySelector('.step-counter')?.textContent?.trim() ?? '',
      play: root.querySelector('button.play')?.textContent?.trim() ?? '',
      rows: Array.from(root.querySelectorAll('table.opt-table tbody tr[data-optimizer]')).map((tr) => ({
        name: tr.getAttribute('data-optimizer') ?? '',
        lr: tr.querySelector('td.lr')?.getAttribute('data-value') ?? '',
        step: tr.querySelector('td.k')?.textContent?.trim() ?? '',
        loss: tr.querySelector('td.loss')?.getAttribute('data-value') ?? '',
        w1: tr.querySelector('td.w1')?.getAttribute('data-value') ?? '',
        w2: tr.querySelector('td.w2')?.getAttribute('data-value') ?? '',
      })),
      paths: Array.from(root.querySelectorAll('.contour path.opt-path')).map(
        (p) => (p.getAttribute('d')?.match(/[ML]/g) ?? []).length,
      ),
      contourDots: root.querySelectorAll('.contour circle.opt-current').length,
      lossRules: root.querySelectorAll('.loss line.step-rule').length,
      legend: Array.from(
        root.querySelectorAll('.contour svg.gradkit-figure > g[aria-label=legend] text'),
      ).map((t) => t.getAttribute('fill')),
    };
  }) as Promise<Snapshot>;
}

/**
 * The rows the demo must show at step k, from the library: `minimize` on the surface from the
 * start point, plain and momentum SGD at the lesson's learning rate and the adaptive methods at a
 * twentieth of the window, times the scale (the rule the demo states under its controls).
 */
function expectedRows(s: Settings, k: number): Row[] {
  const surface = SURFACES[s.surface];
  return OPTIMIZER_NAMES.filter((n) => s.chosen.includes(n)).map((name) => {
    const base = ADAPTIVE.includes(name) ? (surface.xRange[1] - surface.xRange[0]) / 20 : surface.lr;
    const lr = base * s.lrScale;
    const t = minimize(surface, [s.w1, s.w2], {
      optimizer: name,
      lr,
      steps: k + 1,
      ...((name === 'momentum' || name === 'nesterov') && { momentum: s.beta }),
    });
    return {
      name,
      lr: String(lr),
      step: String(k),
      loss: String(t.loss[k]),
      w1: String(t.params[k]![0]),
      w2: String(t.params[k]![1]),
    };
  });
}

/**
 * The page's rows against `minimize`'s: names, learning rates and steps exactly, the loss and the
 * point to 1e-9 relative. Chromium's V8 and Node 20's compute Math.exp, Math.pow, … within an
 * ulp of each other but not always to the same ulp (Chromium 150 prints the start point's loss
 * 11.696016951389643 where Node 20 prints …641), and a step passes such a difference on; a wrong
 * rule, step or start is off by far more. A non-finite value (a diverging run) must match exactly.
 */
function assertRowsClose(got: Row[], want: Row[], message: string): void {
  assert.deepEqual(
    got.map(({ name, lr, step }) => ({ name, lr, step })),
    want.map(({ name, lr, step }) => ({ name, lr, step })),
    message,
  );
  got.forEach((row, i) => {
    for (const key of ['loss', 'w1', 'w2'] as const) {
      const a = Number(row[key]);
      const b = Number(want[i]![key]);
      if (Number.isFinite(a) && Number.isFinite(b))
        assert.ok(
          Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)),
          `${message}: ${row.name} ${key} ${row[key]}, expected ${want[i]![key]}`,
        );
      else assert.equal(row[key], want[i]![key], `${message}: ${row.name} ${key}`);
    }
  });
}

/** Waits for step k of `steps` on the counter, then checks the table and both figures at that step against minimize. */
async function expectStep(demo: Locator, k: number, steps: number): Promise<Snapshot> {
  let now = await snapshot(demo);
  await until(`step ${k} / ${steps}`, async () => {
    now = await snapshot(demo);
    return now.counter === `${k} / ${steps}`;
  });
  assertRowsClose(now.rows, expectedRows(now.settings, k), `the table at step ${k} is minimize's`);
  // the current step on both figures: each path drawn through steps 0..k (a diverging one breaks
  // off), a dot per optimizer at its current point, and the rule at step k on the loss plot
  assert.equal(now.paths.length, now.settings.chosen.length, 'one path per optimizer');
  for (const n of now.paths) assert.ok(n <= k + 1, `a path has ${n} points at step ${k}`);
  assert.equal(Math.max(...now.paths), k + 1, `the paths run through steps 0..${k}`);
  assert.equal(now.contourDots, now.settings.chosen.length);
  assert.equal(now.lossRules, 1);
  return now;
}

/**
 * Drives the started optimizer demo from the keyboard and checks its numbers against the
 * library's `minimize` computed here, then its address round trip.
 */
export async function checkOptimizerDemo(
  page: Page,
  demo: Locator,
  reopen: (query: string) => Promise<{ page: Page; demo: Locator }>,
): Promise<void> {
  await demo.locator('table.opt-table tbody tr[data-optimizer]').first().waitFor({ timeout: 30_000 });
  // a distinct colour per optimizer in the contour's legend
  const s0 = await snapshot(demo);
  assert.equal(s0.legend.length, s0.settings.chosen.length, 'a legend entry per optimizer');
  assert.equal(new Set(s0.legend).size, s0.legend.length, 'no two optimizers share a colour');

  // fewer steps (8 notches of 5 fewer), then Reset and Step ×3, all from the keyboard
  const steps = s0.settings.steps - 40;
  await press(page, slider(demo, 'number of steps'), 'ArrowLeft', 8);
  await press(page, demo.locator('button.reset'), 'Enter');
  await expectStep(demo, 0, steps);
  await press(page, demo.locator('button.step'), 'Enter', 3);
  await expectStep(demo, 3, steps);

  // Play runs to the last step and stops there
  await press(page, demo.locator('button.play'), 'Enter');
  await until('Play to reach the end and stop', async () => {
    const now = await snapshot(demo);
    return now.counter === `${steps} / ${steps}` && now.play === 'Play';
  });
  await expectStep(demo, steps, steps);

  // a new start point from the keyboard: the w1 and w2 sliders move it, the paths start there
  await press(page, demo.locator('button.reset'), 'Enter');
  const before = (await expectStep(demo, 0, steps)).settings;
  for (const field of ['w1', 'w2'] as const) {
    const input = slider(demo, `start point ${field}`);
    const atMin = (await input.inputValue()) === (await input.getAttribute('min'));
    await press(page, input, atMin ? 'ArrowRight' : 'ArrowLeft', 3);
  }
  let moved = await snapshot(demo);
  await until('the table to start at the new point', async () => {
    moved = await snapshot(demo);
    const r = moved.rows[0];
    return r?.w1 === String(moved.settings.w1) && r?.w2 === String(moved.settings.w2);
  });
  assert.notEqual(moved.settings.w1, before.w1, 'w1 moved');
  assert.notEqual(moved.settings.w2, before.w2, 'w2 moved');
  await expectStep(demo, 0, steps);

  // a larger learning rate, three steps from the new start
  await press(page, slider(demo, 'learning rate scale'), 'ArrowRight', 2);
  await press(page, demo.locator('button.step'), 'Enter', 3);
  const shown = await expectStep(demo, 3, steps);
  assert.ok(shown.settings.lrScale > s0.settings.lrScale, 'the learning-rate scale went up');

  // the address holds it all: a fresh page shows the same numbers at the same step
  const search = new URL(page.url()).search;
  assert.match(search, /opt\.step=3/);
  const again = await reopen(search);
  await again.demo.locator('table.opt-table tbody tr[data-optimizer]').first().waitFor({ timeout: 30_000 });
  const reopened = await expectStep(again.demo, 3, steps);
  assert.deepEqual(reopened.settings, shown.settings, 'the reopened link has the same settings');
  assert.deepEqual(reopened.rows, shown.rows, 'the reopened link shows the same table');
}
