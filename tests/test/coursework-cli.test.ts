/**
 * `gradkit train` as a user runs it (CM20315 coursework recipe): the `--json` contract (last
 * stdout line `{"trainError","valError","seconds","epochs"}`, one JSON line per epoch on stderr
 * when stderr is not a TTY), the `--plot` figure, and clear errors for bad data directories.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor } from '@gradkit/core';
import { saveNpy } from '@gradkit/datasets/node';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const main = join(root, 'apps/cli/src/main.ts');
const out = mkdtempSync(join(tmpdir(), 'gradkit-train-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

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

/** A small course-layout directory: x [40, N] columns, y [N] labels. */
function courseDir(
  name: string,
  n: number,
  m: number,
  labels: (i: number) => number = (i) => i % 10,
): string {
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  const x = (k: number, seed: number) =>
    tensor(
      Array.from({ length: 40 }, (_, r) =>
        Array.from({ length: k }, (_, c) => Math.sin(r * 0.3 + c * 0.7 + seed)),
      ),
      { dtype: 'float64' },
    );
  saveNpy(join(dir, 'train_data_x.npy'), x(n, 0));
  saveNpy(
    join(dir, 'train_data_y.npy'),
    tensor(
      Array.from({ length: n }, (_, i) => labels(i)),
      { dtype: 'int32' },
    ),
  );
  saveNpy(join(dir, 'val_data_x.npy'), x(m, 1));
  saveNpy(
    join(dir, 'val_data_y.npy'),
    tensor(
      Array.from({ length: m }, (_, i) => i % 10),
      { dtype: 'int32' },
    ),
  );
  return dir;
}

describe('gradkit train', () => {
  it.concurrent(
    '--json: last stdout line is the result; one JSON line per epoch on stderr; --plot writes the figure',
    async () => {
      const dir = courseDir('ok', 300, 100);
      const svg = join(out, 'curves.svg');
      const r = await gradkit(
        'train',
        '--dataset',
        'course',
        '--data',
        dir,
        '--epochs',
        '2',
        '--seed',
        '3',
        '--json',
        '--plot',
        svg,
      );
      expect(r.stderr).not.toMatch(/unexpected/);
      expect(r.code).toBe(0);
      const last = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(Object.keys(last).sort()).toEqual(['epochs', 'seconds', 'trainError', 'valError']);
      expect(last.epochs).toBe(2);
      const epochs = r.stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      expect(epochs.map((e) => e.epoch)).toEqual([0, 1]);
      expect(epochs[1].valError).toBe(last.valError);
      expect(epochs[1].trainError).toBe(last.trainError);
      expect(epochs[0].lr).toBe(0.05);
      const doc = readFileSync(svg, 'utf8');
      expect(doc).toMatch(/^<svg /);
      expect(doc).toContain('stroke="red"');
      expect(doc).toContain('stroke="blue"');
      expect(doc).toContain('stroke-dasharray');
      expect(doc).toContain('37.45%');
      expect(doc).toContain(`Validation Result ${last.valError.toFixed(2)}`);
    },
    60_000,
  );

  it.concurrent(
    'prints the history table and the final errors without --json (CNN on the same files)',
    async () => {
      const dir = courseDir('ok2', 200, 100);
      const r = await gradkit(
        'train',
        '--dataset',
        'course',
        '--data',
        dir,
        '--model',
        'cnn',
        '--epochs',
        '1',
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/epoch\s+train loss\s+train error\s+val loss\s+val error\s+lr\s+seconds/);
      expect(r.stdout).toMatch(
        /cnn on course, 1 epochs in [\d.]+ s: train error [\d.]+%, validation error [\d.]+%/,
      );
    },
    60_000,
  );

  it.concurrent(
    'bad data: a missing file is named in the error and in the --json error object',
    async () => {
      const missing = courseDir('missing', 50, 20);
      unlinkSync(join(missing, 'val_data_y.npy'));
      const r = await gradkit('train', '--dataset', 'course', '--data', missing, '--epochs', '1', '--json');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/gradkit train: .*val_data_y\.npy/);
      expect(JSON.parse(r.stdout.trim().split('\n').pop()!).error.message).toMatch(/val_data_y\.npy/);
    },
    60_000,
  );

  it('bad data through the recipe loader: labels out of range, mismatched sizes, no directory', async () => {
    // the CLI's own module, in-process (a path import keeps the tests package's typecheck to its rootDir)
    const mod = join(root, 'apps/cli/src/coursework.ts');
    const { loadTrainData } = (await import(/* @vite-ignore */ mod)) as {
      loadTrainData: (o: { dataset: 'mnist1d' | 'course'; data?: string }) => unknown;
    };
    const badLabels = courseDir('labels', 50, 20, (i) => (i === 7 ? 12 : i % 10));
    expect(() => loadTrainData({ dataset: 'course', data: badLabels })).toThrow(
      /train_data_y\.npy.*12|12.*train_data_y\.npy/,
    );
    const mismatch = courseDir('mismatch', 50, 20);
    saveNpy(
      join(mismatch, 'train_data_y.npy'),
      tensor(
        Array.from({ length: 49 }, (_, i) => i % 10),
        { dtype: 'int32' },
      ),
    );
    expect(() => loadTrainData({ dataset: 'course', data: mismatch })).toThrow(/train_data_y\.npy/);
    expect(() => loadTrainData({ dataset: 'course', data: join(out, 'nope') })).toThrow(
      /--data .*nope.*no such directory/,
    );
    expect(() => loadTrainData({ dataset: 'mnist1d', data: 'x' })).toThrow(
      /--data applies to --dataset course only/,
    );
    const nan = courseDir('nan', 50, 20);
    const x = Array.from({ length: 40 }, (_, r) =>
      Array.from({ length: 20 }, (_, c) => (r === 5 && c === 17 ? Number.NaN : r + c)),
    );
    saveNpy(join(nan, 'val_data_x.npy'), tensor(x, { dtype: 'float32' }));
    expect(() => loadTrainData({ dataset: 'course', data: nan })).toThrow(
      /val_data_x\.npy \[40, 20\] holds NaN at \[5, 17\] \(feature 5 of example 17\)/,
    );
  });

  it('a diverging run stops with the epoch and batch of the first non-finite loss', async () => {
    const mod = join(root, 'apps/cli/src/coursework.ts');
    const { runTrain, RECIPE } = (await import(/* @vite-ignore */ mod)) as {
      runTrain: (o: Record<string, unknown>) => Promise<unknown>;
      RECIPE: Record<string, unknown>;
    };
    const dir = courseDir('diverge', 300, 100);
    const run = runTrain({ ...RECIPE, dataset: 'course', data: dir, epochs: 3, lr: 1e6, quiet: true });
    await expect(run).rejects.toThrow(
      /Trainer\.fit: the loss is (NaN|Infinity) at epoch [0-2], batch [0-2] \(of 3\); training diverged/,
    );
  });
});
