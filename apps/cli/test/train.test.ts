/**
 * `gradkit train`'s progress output (src/progress.ts): on a TTY a cli-progress bar with the
 * epoch, the running loss and the last epoch's errors; otherwise one JSON line per epoch (the
 * Trainer's `epoch` record). And the recipe's building blocks: the MLP/CNN of the notebooks, the
 * augmentation copies, an ensemble's softmax average.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { RandomState, tensor } from '@gradkit/core';
import { DataLoader, TensorDataset } from '@gradkit/datasets';
import { saveNpy } from '@gradkit/datasets/node';
import { crossEntropy } from '@gradkit/losses';
import { Dropout, Linear, Sequential, Trainer } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';
import { augment, buildModel, RECIPE, runTrain } from '../src/coursework.js';
import { attachProgress } from '../src/progress.js';

/** A stream that records what is written; `isTTY` as asked. */
class Capture extends Writable {
  text = '';
  columns = 160;
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

function tinyTrainer(epochs: number): Trainer {
  const rng = new RandomState(0);
  const x = tensor(
    Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(i), (i % 7) / 7]),
    { dtype: 'float32' },
  );
  const y = tensor(
    Array.from({ length: 40 }, (_, i) => i % 3),
    { dtype: 'int32' },
  );
  const model = new Sequential(new Linear(3, 3, { rng }));
  return new Trainer({
    model,
    loss: (o, t) => crossEntropy(o, t),
    optimizer: new SGD(model.parameters(), { lr: 0.1 }),
    epochs,
    trainLoader: new DataLoader({ dataset: new TensorDataset(x, y), batchSize: 10, shuffle: true, rng }),
    valData: { x, y },
  });
}

describe('gradkit train progress', () => {
  it('not a TTY: one JSON line per epoch with the Trainer record', async () => {
    const trainer = tinyTrainer(3);
    const stream = new Capture(false);
    const done = attachProgress(trainer, { epochs: 3, stream: stream as unknown as NodeJS.WriteStream });
    const history = await trainer.fit();
    done();
    const lines = stream.text.trim().split('\n');
    expect(lines).toHaveLength(3);
    const records = lines.map((l) => JSON.parse(l));
    expect(records.map((r) => r.epoch)).toEqual([0, 1, 2]);
    expect(records[2].valError).toBe(history[2]!.valError);
    expect(records[2].trainLoss).toBe(history[2]!.trainLoss);
    expect(stream.text).not.toContain('\x1b');
  });

  it('a TTY: a progress bar (cli-progress) with epoch, loss and errors, no JSON lines', async () => {
    const trainer = tinyTrainer(2);
    const stream = new Capture(true);
    const done = attachProgress(trainer, {
      epochs: 2,
      label: 'model 1/1',
      stream: stream as unknown as NodeJS.WriteStream,
    });
    const history = await trainer.fit();
    done();
    expect(stream.text).not.toMatch(/^\{/m);
    expect(stream.text).toContain('\x1b[?25l'); // cursor hidden while the bar runs
    expect(stream.text).toContain('model 1/1 epoch 2/2');
    expect(stream.text).toMatch(/\| 100% \| loss \d\.\d{4} \|/);
    expect(stream.text).toContain(`val ${history[1]!.valError.toFixed(2)}%`);
    expect(stream.text).toContain(`train ${history[1]!.trainError.toFixed(2)}%`);
  });

  it('unsubscribes when done: a second fit writes nothing', async () => {
    const trainer = tinyTrainer(1);
    const stream = new Capture(false);
    attachProgress(trainer, { epochs: 1, stream: stream as unknown as NodeJS.WriteStream })();
    await trainer.fit();
    expect(stream.text).toBe('');
  });
});

describe('the coursework recipe pieces', () => {
  it('MLP: 40-100-100-10 with He-uniform weights (bound sqrt(6/fan_in)) and zero biases; dropout layers when asked', () => {
    const { model } = buildModel({ ...RECIPE, model: 'mlp' }, 40, new RandomState(1));
    const linears: Linear[] = [];
    model.apply((m) => {
      if (m instanceof Linear) linears.push(m);
    });
    expect(linears.map((l) => l.weight.shape)).toEqual([
      [100, 40],
      [100, 100],
      [10, 100],
    ]);
    for (const l of linears) {
      const bound = Math.sqrt(6 / l.weight.shape[1]!);
      const w = Array.from(l.weight.data);
      expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
      expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.9 * bound);
      expect(Array.from(l.bias!.data).every((b) => b === 0)).toBe(true);
    }
    const withDropout = buildModel({ ...RECIPE, model: 'mlp', dropout: 0.3 }, 40, new RandomState(1)).model;
    let dropouts = 0;
    withDropout.apply((m) => {
      if (m instanceof Dropout) dropouts++;
    });
    expect(dropouts).toBe(2);
  });

  it('augment: k translated noisy copies with the same labels, the originals first', () => {
    const x = tensor(
      Array.from({ length: 3 }, (_, i) => Array.from({ length: 40 }, (_, j) => Math.sin(j / 3 + i))),
      { dtype: 'float32' },
    );
    const y = tensor([4, 7, 1], { dtype: 'int32' });
    const a = augment(x, y, 2, new RandomState(5));
    expect(a.x.shape).toEqual([9, 40]);
    expect(Array.from(a.y.data)).toEqual([4, 7, 1, 4, 7, 1, 4, 7, 1]);
    expect(Array.from(a.x.data.subarray(0, 120))).toEqual(Array.from(x.data));
    // each copy is a circular shift of its original plus noise of std 0.05
    for (let c = 1; c <= 2; c++)
      for (let i = 0; i < 3; i++) {
        const row = Array.from(a.x.data.subarray((c * 3 + i) * 40, (c * 3 + i + 1) * 40));
        const orig = Array.from(x.data.subarray(i * 40, (i + 1) * 40));
        let best = Number.POSITIVE_INFINITY;
        for (let k = 0; k < 40; k++) {
          const rms = Math.sqrt(row.reduce((s, v, j) => s + (v - orig[(j - k + 40) % 40]!) ** 2, 0) / 40);
          best = Math.min(best, rms);
        }
        expect(best).toBeLessThan(0.1);
      }
  });

  it('runTrain with --ensemble: members are the single runs of seeds s..s+k-1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradkit-train-ens-'));
    const cols = (n: number, s: number) =>
      tensor(
        Array.from({ length: 40 }, (_, r) =>
          Array.from({ length: n }, (_, c) => Math.sin(r * 0.3 + c * 0.7 + s)),
        ),
      );
    saveNpy(join(dir, 'train_data_x.npy'), cols(200, 0));
    saveNpy(
      join(dir, 'train_data_y.npy'),
      tensor(
        Array.from({ length: 200 }, (_, i) => i % 10),
        { dtype: 'int32' },
      ),
    );
    saveNpy(join(dir, 'val_data_x.npy'), cols(100, 1));
    saveNpy(
      join(dir, 'val_data_y.npy'),
      tensor(
        Array.from({ length: 100 }, (_, i) => i % 10),
        { dtype: 'int32' },
      ),
    );
    const base = { ...RECIPE, dataset: 'course' as const, data: dir, epochs: 2, quiet: true };
    const ens = await runTrain({ ...base, ensemble: 2, seed: 3 });
    const one = await runTrain({ ...base, seed: 4 });
    expect(ens.members!.map((m) => m.seed)).toEqual([3, 4]);
    expect(ens.members![1]!.valError).toBe(one.valError);
    expect(ens.valError).toBeGreaterThanOrEqual(0);
    expect(ens.valError).toBeLessThan(100);
    rmSync(dir, { recursive: true, force: true });
  });
});
