import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuiltApp, hasChromium, openBuiltApp } from '@gradkit/tests/browser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNNERS, race, SURFACE_NAMES, toPixels } from '../src/race.js';

const here = dirname(fileURLToPath(import.meta.url));
const app = resolve(here, '..');
const repo = resolve(app, '../../..');

interface Run {
  surface: 'pathological' | 'steep';
  optimizer: string;
  dtype: string;
  points: number[][];
}
const fixture = JSON.parse(readFileSync(join(repo, 'tests', 'fixtures', 'optim_variants.json'), 'utf8')) as {
  runs: Run[];
};
const torchRun = (surface: string, optimizer: string) =>
  fixture.runs.find((r) => r.surface === surface && r.optimizer === optimizer && r.dtype === 'float64')!;

describe('race logic', () => {
  it('runs the seed’s six optimizers, 100 updates from the lesson start', () => {
    const { surface, lanes } = race('pathological');
    expect(lanes.map((l) => l.runner.name)).toEqual([
      'sgd',
      'momentum',
      'nesterov',
      'adagrad',
      'rmsprop',
      'adam',
    ]);
    for (const lane of lanes) {
      expect(lane.path).toHaveLength(101);
      expect(lane.path[0]).toEqual([5, 5]);
      expect(lane.loss[0]).toBeCloseTo(surface.loss([5, 5]), 15);
    }
    expect(surface.lr).toBe(10);
  });

  it('steep optima: every lane follows PyTorch’s trajectory (float64, 1e-10)', () => {
    const { lanes } = race('steep');
    for (const lane of lanes) {
      const ref = torchRun('steep', lane.runner.name);
      expect(ref, lane.runner.name).toBeDefined();
      ref.points.forEach((p, i) => {
        expect(Math.abs(lane.path[i]![0] - p[0]!)).toBeLessThan(1e-10);
        expect(Math.abs(lane.path[i]![1] - p[1]!)).toBeLessThan(1e-10);
        expect(Math.abs(lane.loss[i]! - p[2]!)).toBeLessThan(1e-10);
      });
    }
  });

  it('every surface races without NaN', () => {
    for (const name of SURFACE_NAMES) {
      const { lanes } = race(name, 20);
      for (const lane of lanes)
        expect(lane.path.flat().every(Number.isFinite), `${name} ${lane.runner.name}`).toBe(true);
    }
    expect(() => race('nope' as never)).toThrow(/unknown surface "nope"/);
  });
});

(hasChromium ? describe : describe.skip)('optimizer-race page in headless Chromium', () => {
  let site: BuiltApp;

  beforeAll(async () => {
    site = await openBuiltApp(app, 'gradkit-race-');
  }, 60_000);

  afterAll(() => site?.close());

  const polylines = (page: Page) =>
    page.$$eval('#plot g.lane', (gs) =>
      gs.map((g) => ({
        runner: g.getAttribute('data-runner'),
        points: (g.querySelector('polyline')!.getAttribute('points') ?? '')
          .trim()
          .split(/\s+/)
          .filter(Boolean).length,
        dot: [
          Number(g.querySelector('circle')!.getAttribute('cx')),
          Number(g.querySelector('circle')!.getAttribute('cy')),
        ],
      })),
    );

  it('builds a small static bundle', () => {
    expect(statSync(join(site.out, 'index.html')).size).toBeGreaterThan(500);
    const kib = statSync(join(site.out, 'race.js')).size / 1024;
    expect(kib).toBeGreaterThan(10);
    expect(kib).toBeLessThan(1024);
  });

  it('animates six trajectories and switches surfaces', async () => {
    const { page, errors } = await site.open({ width: 1100, height: 800 });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    expect(await page.locator('#plot image').count()).toBe(1);
    let lanes = await polylines(page);
    expect(lanes.map((l) => l.runner)).toEqual(RUNNERS.map((r) => r.name));
    expect(lanes.every((l) => l.points === 1)).toBe(true);

    // Play runs the 100 updates; every trajectory gets its 101 points
    await page.click('#play');
    await page.waitForSelector('body[data-step="100"]', { timeout: 20_000 });
    lanes = await polylines(page);
    expect(lanes.every((l) => l.points === 101)).toBe(true);
    const expected = race('pathological');
    lanes.forEach((l, i) => {
      const [x, y] = toPixels(expected.surface, expected.lanes[i]!.path[100]!, 480, 480);
      expect(l.dot[0]).toBeCloseTo(x, 1);
      expect(l.dot[1]).toBeCloseTo(y, 1);
    });
    expect(new Set(lanes.map((l) => l.dot.join(','))).size).toBeGreaterThan(1);

    // another surface, scrubbed with the keyboard-usable slider: the dots sit on PyTorch's positions
    await page.selectOption('#surface', 'steep');
    expect(await page.getAttribute('body', 'data-step')).toBe('0');
    await page.fill('#step', '60');
    await page.waitForSelector('body[data-step="60"]');
    lanes = await polylines(page);
    const steep = race('steep').surface;
    lanes.forEach((l) => {
      const p = torchRun('steep', l.runner!).points[60]!;
      const [x, y] = toPixels(steep, [p[0]!, p[1]!], 480, 480);
      expect(l.points).toBe(61);
      expect(l.dot[0]).toBeCloseTo(x, 1);
      expect(l.dot[1]).toBeCloseTo(y, 1);
    });
    expect(await page.locator('#legend tbody tr').count()).toBe(6);
    expect(errors).toEqual([]);
    const shots = join(repo, '.artifacts', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'example-optimizer-race.png') });
    await page.close();
  });
});
