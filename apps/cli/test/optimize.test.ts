/**
 * `gradkit optimize`: the --json contract (points before each update, as the seed's train_curve),
 * agreement with PyTorch's trajectory (tests/fixtures/optim_variants.json), the SVG plot, and
 * errors for bad options. The in-process tests call `runOptimize`; one test spawns the CLI.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runOptimize, trajectorySvg } from '../src/commands/optimize.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fx = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'optim_variants.json'), 'utf8'));

describe('gradkit optimize', () => {
  it('nesterov on steep equals PyTorch (the seed: lr 0.05, init [0, 0], 100 updates)', () => {
    const ref = fx.runs.find(
      (r: { surface: string; optimizer: string; dtype: string }) =>
        r.surface === 'steep' && r.optimizer === 'nesterov' && r.dtype === 'float64',
    );
    const { result } = runOptimize({ surface: 'steep', optimizer: 'nesterov', steps: 100 });
    expect(result.points.length).toBe(100);
    result.points.forEach((p, i) =>
      p.forEach((v, k) => expect(Math.abs(v - ref.points[i][k])).toBeLessThan(1e-10)),
    );
  });

  it('rmsprop defaults to the seed alpha 0.1', () => {
    const ref = fx.runs.find(
      (r: { surface: string; optimizer: string; dtype: string }) =>
        r.surface === 'steep' && r.optimizer === 'rmsprop' && r.dtype === 'float64',
    );
    const { result } = runOptimize({ surface: 'steep', optimizer: 'rmsprop', steps: 100 });
    result.points.forEach((p, i) =>
      p.forEach((v, k) => expect(Math.abs(v - ref.points[i][k])).toBeLessThan(1e-10)),
    );
  });

  it('bad surface, optimizer and init are usage errors', () => {
    expect(() => runOptimize({ surface: 'bowl', optimizer: 'gd', steps: 1 })).toThrow(
      /--surface expects one of pathological\|steep/,
    );
    expect(() => runOptimize({ surface: 'steep', optimizer: 'lbfgs', steps: 1 })).toThrow(
      /--optimizer expects/,
    );
    expect(() => runOptimize({ surface: 'steep', optimizer: 'gd', steps: 1, init: [1, 2, 3] })).toThrow(
      /--init expects two numbers/,
    );
  });

  it('the SVG has the surface levels and one circle per point', () => {
    const { result, surface } = runOptimize({ surface: 'udl92', optimizer: 'gd', steps: 20 });
    const svg = trajectorySvg(surface, result.points, 'gd');
    expect(svg.startsWith('<svg')).toBe(true);
    expect((svg.match(/<circle /g) ?? []).length).toBe(20);
    expect((svg.match(/<rect /g) ?? []).length).toBeGreaterThan(80);
  });

  it('as a process: --json last line, --plot file, --lr -1 rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradkit-optimize-'));
    const svg = join(dir, 'p.svg');
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((res) =>
        execFile(
          process.execPath,
          ['--conditions=@gradkit/source', '--import', 'tsx', join(root, 'apps/cli/src/main.ts'), ...args],
          { cwd: root },
          (e, stdout, stderr) =>
            res({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr }),
        ),
      );
    const ok = await run([
      'optimize',
      '--surface',
      'pathological',
      '--optimizer',
      'momentum',
      '--lr',
      '10',
      '--steps',
      '7',
      '--init',
      '5,5',
      '--json',
      '--plot',
      svg,
    ]);
    expect(ok.code).toBe(0);
    const lines = ok.stdout.trimEnd().split('\n');
    const out = JSON.parse(lines[lines.length - 1]!);
    expect(Object.keys(out)).toEqual(['points']);
    expect(out.points.length).toBe(7);
    expect(out.points[0].slice(0, 2)).toEqual([5, 5]);
    expect(readFileSync(svg, 'utf8')).toContain('<polyline');
    const bad = await run(['optimize', '--lr', '-1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--lr expects a number >= 0, received "-1"');
  });
});
