/**
 * The coursework training loop (CM20315 Coursework II/III) through gradkit's `Trainer`:
 * - PyTorch parity of three SGD-momentum + StepLR steps of a tiny ReLU MLP with cross-entropy
 *   (tests/fixtures/gen_coursework_step.py, PyTorch 1.13): weights after each step to 1e-6
 *   (float32) and 1e-12 (float64), the loss before each step, the learning rate of each epoch;
 * - a short run of the coursework recipe on generated MNIST-1D (no files needed): the loss
 *   decreases and the history has the notebook's shape;
 *   (the course data against PyTorch's seed spread: coursework-course.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { astype, type DType, RandomState, type Tensor, tensor } from '@gradkit/core';
import { DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { init, Linear, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD, StepLR } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const fx = JSON.parse(readFileSync(join(root, 'tests/fixtures/coursework_step.json'), 'utf8'));

function mlp(sizes: number[], dtype: DType, rng: RandomState): Sequential {
  const layers = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    if (i > 0) layers.push(new ReLU());
    layers.push(new Linear(sizes[i]!, sizes[i + 1]!, { rng, dtype }));
  }
  return new Sequential(...layers);
}

describe('Trainer step parity with PyTorch (SGD momentum 0.9, StepLR, cross-entropy)', () => {
  for (const [dtype, tol] of [
    ['float32', 1e-6],
    ['float64', 1e-12],
  ] as const) {
    it(`${dtype}: weights after each of 3 steps match to ${tol}`, async () => {
      const model = mlp([5, 4, 4, 3], dtype, new RandomState(0));
      const state: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(fx.init)) state[k] = tensor(v as number[], { dtype });
      model.loadStateDict(state);
      const x = tensor(fx.x, { dtype });
      const y = tensor(fx.y, { dtype: 'int32' });
      const optimizer = new SGD(model.parameters(), { lr: fx.lr, momentum: fx.momentum });
      const scheduler = new StepLR(optimizer, { stepSize: fx.step_size, gamma: fx.gamma });
      const trainer = new Trainer({
        model,
        loss: (o, t) => crossEntropy(o, t),
        optimizer,
        scheduler,
        epochs: 3,
        trainLoader: [[x, y]],
        trainData: { x, y },
      });
      const weights: Record<string, number[]>[] = [];
      const losses: number[] = [];
      trainer.on('batch', (b) => losses.push(b.loss));
      trainer.on('epoch', () => {
        weights.push(
          Object.fromEntries(Object.entries(model.stateDict()).map(([k, t]) => [k, Array.from(t.data)])),
        );
      });
      const history = await trainer.fit();
      const ref = fx[dtype] as {
        lr: number;
        loss: number;
        eval_loss: number;
        eval_error: number;
        weights: Record<string, number[]>;
      }[];
      expect(history.map((h) => h.epoch)).toEqual([0, 1, 2]);
      for (let s = 0; s < 3; s++) {
        expect(history[s]!.lr).toBeCloseTo(ref[s]!.lr, 15);
        expect(Math.abs(losses[s]! - ref[s]!.loss)).toBeLessThan(tol);
        expect(Math.abs(history[s]!.trainLoss - ref[s]!.eval_loss)).toBeLessThan(tol);
        expect(history[s]!.trainError).toBeCloseTo(ref[s]!.eval_error, 10);
        for (const [k, w] of Object.entries(ref[s]!.weights)) {
          const got = weights[s]![k]!;
          expect(got.length).toBe(w.length);
          const worst = Math.max(...w.map((v, i) => Math.abs(v - got[i]!)));
          expect(worst, `step ${s} ${k}`).toBeLessThan(tol);
        }
      }
    });
  }
});

/** The coursework recipe: 40-D_1-D_2-10 ReLU MLP, He-uniform weights, zero biases. */
function courseworkMlp(rng: RandomState): Sequential {
  const model = mlp([40, 100, 100, 10], 'float32', rng);
  model.apply((m) => {
    if (m instanceof Linear) {
      init.kaimingUniform_(m.weight, { rng });
      init.zeros_(m.bias!);
    }
  });
  return model;
}

async function runRecipe(x: Tensor, y: Tensor, xv: Tensor, yv: Tensor, epochs: number, seed: number) {
  const rng = new RandomState(seed);
  const model = courseworkMlp(rng);
  const optimizer = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
  const scheduler = new StepLR(optimizer, { stepSize: 10, gamma: 0.5 });
  const trainLoader = new DataLoader({
    dataset: new TensorDataset(x, y),
    batchSize: 100,
    shuffle: true,
    rng,
  });
  const trainer = new Trainer({
    model,
    loss: (o, t) => crossEntropy(o, t),
    optimizer,
    scheduler,
    epochs,
    trainLoader,
    valData: { x: xv, y: yv },
  });
  const batches: number[] = [];
  trainer.on('batch', (b) => batches.push(b.loss));
  return { history: await trainer.fit(), batches, model };
}

describe('the coursework recipe on generated MNIST-1D', () => {
  it('3 epochs: loss decreases, history has the notebook columns', async () => {
    const d = makeMnist1d({ numSamples: 1000, seed: 42 });
    const x = astype(d.x, 'float32');
    const xv = astype(d.xTest, 'float32');
    const { history, batches } = await runRecipe(x, d.y, xv, d.yTest, 3, 1);
    expect(history).toHaveLength(3);
    expect(batches).toHaveLength(3 * 8); // 800 training examples, batch 100
    for (const [i, h] of history.entries()) {
      expect(Object.keys(h).sort()).toEqual([
        'epoch',
        'lr',
        'seconds',
        'trainError',
        'trainLoss',
        'valError',
        'valLoss',
      ]);
      expect(h.epoch).toBe(i);
      expect(h.lr).toBe(0.05);
      for (const v of [h.trainLoss, h.valLoss]) expect(v).toBeGreaterThan(0);
      for (const v of [h.trainError, h.valError]) expect(v >= 0 && v <= 100).toBe(true);
    }
    expect(history[2]!.trainLoss).toBeLessThan(history[0]!.trainLoss);
    // chance level is ln(10) = 2.303 and 90% error; three epochs already beat it
    expect(history[2]!.trainLoss).toBeLessThan(Math.log(10));
    expect(history[2]!.trainError).toBeLessThan(90);
    // the mean of the first epoch's batch losses exceeds the last epoch's
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(batches.slice(16))).toBeLessThan(mean(batches.slice(0, 8)));
  });

  it('is deterministic given the seed', async () => {
    const d = makeMnist1d({ numSamples: 300, seed: 3 });
    const x = astype(d.x, 'float32');
    const xv = astype(d.xTest, 'float32');
    const a = await runRecipe(x, d.y, xv, d.yTest, 2, 7);
    const b = await runRecipe(x, d.y, xv, d.yTest, 2, 7);
    const c = await runRecipe(x, d.y, xv, d.yTest, 2, 8);
    expect(b.batches).toEqual(a.batches);
    expect(c.batches).not.toEqual(a.batches);
  });
});
