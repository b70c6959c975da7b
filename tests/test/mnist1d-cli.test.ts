/**
 * `gradkit mnist1d` as a user runs it: writes x.npy, y.npy, x_test.npy, y_test.npy, t.npy that
 * equal the reference Python generator's output (tests/fixtures/gen_datasets_mnist1d.py), with
 * the `--json` contract (last stdout line one JSON object, logs on stderr).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMnist1d } from '@gradkit/datasets/node';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const main = join(root, 'apps/cli/src/main.ts');
const out = mkdtempSync(join(tmpdir(), 'gradkit-mnist1d-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const fixture = JSON.parse(readFileSync(join(root, 'tests/fixtures/datasets_mnist1d.json'), 'utf8'));

function gradkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@gradkit/source', '--import', 'tsx', main, ...args],
      { cwd: root },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('gradkit mnist1d', () => {
  it('--seed 0 --num-samples 50 --json writes the reference generator’s dataset', async () => {
    const dir = join(out, 'a');
    const run = await gradkit('mnist1d', '--seed', '0', '--num-samples', '50', '--out', dir, '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('generating MNIST-1D: 50 examples, seed 0');
    const result = JSON.parse(run.stdout.trimEnd().split('\n').pop()!);
    expect(result.train).toEqual({ x: [40, 40], y: [40] });
    expect(result.files.map((f: string) => f.slice(dir.length + 1))).toEqual([
      'x.npy',
      'y.npy',
      'x_test.npy',
      'y_test.npy',
      't.npy',
      'mnist1d.json',
    ]);
    const ref = fixture.datasets[0];
    expect(ref.args).toEqual({ seed: 0, num_samples: 50 });
    const d = loadMnist1d(dir);
    const flat = (a: number[][]) => a.flat();
    const maxDiff = (got: ArrayLike<number>, want: number[]) =>
      want.reduce((m, v, i) => Math.max(m, Math.abs(got[i]! - v)), 0);
    expect(maxDiff(d.x.data, flat(ref.x))).toBeLessThan(1e-12);
    expect(maxDiff(d.xTest.data, flat(ref.x_test))).toBeLessThan(1e-12);
    expect(maxDiff(d.t.data, ref.t)).toBeLessThan(1e-12);
    expect(d.y.toList()).toEqual(ref.y);
    expect(d.yTest.toList()).toEqual(ref.y_test);
  });
  it('--shuffle-seq and the other generator options match the reference too', async () => {
    const ref = fixture.datasets[1];
    const a = ref.args;
    const dir = join(out, 'b');
    const run = await gradkit(
      'mnist1d',
      '--out',
      dir,
      '--seed',
      String(a.seed),
      '--num-samples',
      String(a.num_samples),
      '--train-split',
      String(a.train_split),
      '--padding',
      a.padding.join(','),
      '--scale-coeff',
      String(a.scale_coeff),
      '--max-translation',
      String(a.max_translation),
      '--corr-noise-scale',
      String(a.corr_noise_scale),
      '--iid-noise-scale',
      String(a.iid_noise_scale),
      '--shear-scale',
      String(a.shear_scale),
      '--final-seq-length',
      String(a.final_seq_length),
      '--shuffle-seq',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('MNIST-1D (seed 7, shuffle-seq)');
    const d = loadMnist1d(dir);
    expect(d.x.shape).toEqual([30, 25]); // 64 // 10 = 6 per class, 60 examples, half for training
    expect(d.y.toList()).toEqual(ref.y);
    const want = ref.x.flat() as number[];
    expect(
      want.reduce((m: number, v: number, i: number) => Math.max(m, Math.abs(d.x.data[i]! - v)), 0),
    ).toBeLessThan(1e-12);
  });
  it('reports bad options by name', async () => {
    const run = await gradkit('mnist1d', '--out', join(out, 'c'), '--num-samples', 'many', '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--num-samples expects an integer in [1, 1000000], received "many"');
    expect(JSON.parse(run.stdout.trimEnd().split('\n').pop()!).error.type).toBe('UsageError');
  });
});
