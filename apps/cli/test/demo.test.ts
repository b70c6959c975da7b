/**
 * `gradkit demo` (what `pnpm demo` runs): the Coursework IV section reproduces the notebook.
 * Expected values: the data sum the notebook prints (1036.321), and closed forms computed here
 * independently of the library: the unit-diameter hypersphere volume
 * V_d = pi^(d/2) / Gamma(d/2 + 1) * (1/2)^d (pi/4 in 2-D, pi/6 in 3-D, pi^5/(120 * 2^10) in
 * 10-D) and the outer-1% shell proportion 1 - 0.99^d.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');

function gradkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@gradkit/source', '--import', 'tsx', main, ...args],
      { cwd: root, maxBuffer: 64 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('gradkit demo', () => {
  let json: { code: number; stdout: string; stderr: string };
  let text: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    [json, text] = await Promise.all([gradkit('demo', '--json'), gradkit('demo')]);
  });

  it('--json: the last stdout line is one object with the Coursework IV numbers', () => {
    expect(json.code, json.stderr).toBe(0);
    const lines = json.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    const cw = result.sections['coursework-iv'];
    expect(cw.dataSum.toFixed(3)).toBe('1036.321');
    const ratios = cw.distanceRatios.map((d: { ratio: number }) => d.ratio);
    expect(cw.distanceRatios.map((d: { dims: number }) => d.dims)).toEqual([2, 100, 1000]);
    // In high dimensions the nearest and furthest points are almost equally far apart.
    expect(ratios[0]).toBeGreaterThan(ratios[1]);
    expect(ratios[1]).toBeGreaterThan(ratios[2]);
    expect(ratios[2]).toBeGreaterThan(1);
    const volume = (d: number) => Math.PI ** (d / 2) / gammaHalfInteger(d / 2 + 1) / 2 ** d;
    cw.hypersphereVolumes.forEach((v: { dims: number; volume: number }, i: number) => {
      expect(v.dims).toBe(i + 1);
      expect(v.volume).toBeCloseTo(volume(v.dims), 12);
    });
    expect(cw.hypersphereVolumes[1].volume).toBeCloseTo(Math.PI / 4, 14);
    expect(cw.answers.volume10D).toBeCloseTo(Math.PI ** 5 / (120 * 1024), 14);
    for (const p of cw.outerShellProportions) expect(p.proportion).toBeCloseTo(1 - 0.99 ** p.dims, 12);
    expect(cw.answers.outerShell300D.toFixed(3)).toBe('0.951');
    expect(cw.answers.distanceRatio1000D).toBe(ratios[2]);
    // Progress went to stderr, not stdout.
    expect(json.stderr).toContain('[demo] coursework-iv');
  });

  it('prints a readable report with the notebook lines', () => {
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Sum of your data is 1036.321, Should be 1036.321');
    expect(text.stdout).toContain('Volume of unit diameter hypersphere in 2 dimensions is 0.785');
    expect(text.stdout).toContain(
      'Proportion of volume in outer 1 percent of radius in 300 dimensions =0.951',
    );
    expect(text.stdout).toMatch(/Ratio of largest to smallest distance 1000D: \d+\.\d{3}/);
  });

  it('--only rejects an unknown section, naming the option', async () => {
    const r = await gradkit('demo', '--only', 'nope', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gradkit demo: --only expects a comma-separated list of "coursework-iv"');
    expect(r.stderr).toContain('received "nope"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const last = JSON.parse(r.stdout.trimEnd().split('\n').pop()!);
    expect(last.error.type).toBe('UsageError');
  });

  it('--list names the sections', async () => {
    const r = await gradkit('demo', '--list', '--json');
    expect(r.code).toBe(0);
    const last = JSON.parse(r.stdout.trimEnd().split('\n').pop()!);
    expect(last.sections.map((s: { id: string }) => s.id)).toContain('coursework-iv');
  });
});

/** Gamma at integers and half-integers: Gamma(n) = (n-1)!, Gamma(1/2) = sqrt(pi). */
function gammaHalfInteger(x: number): number {
  let g = Number.isInteger(x) ? 1 : Math.sqrt(Math.PI);
  for (let t = Number.isInteger(x) ? 1 : 0.5; t < x; t += 1) g *= t;
  return g;
}
