// The coursework playground's training run (TrainDemo's worker): the coursework's own trainer
// with ReLU and the step schedule, PyTorch's schedules, λ as the page's eq. 9.5 means it, the same
// numbers for the same settings, and a confusion matrix that agrees with the Trainer's error.

import { add, mul, RandomState, square, sum, type Tensor, tensor, ValueError } from '@gradkit/core';
import {
  buildModel,
  courseworkTrainer,
  mnist1dData,
  RECIPE,
} from '@gradkit/course/lessons/coursework-ii/notebook';
import { DataLoader, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { Linear, type Module, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_NAMES,
  confusionMatrix,
  PLAYGROUND_DEFAULTS,
  type PlaygroundSettings,
  playgroundTrainer,
} from '../.vitepress/theme/train-run';

const data = mnist1dData();
const small: PlaygroundSettings = { ...PLAYGROUND_DEFAULTS, epochs: 2, depth: 1, width: 20, seed: 3 };
const weightsOf = (m: Module) => m.parameters().map((p) => Array.from(p.data));

describe('playgroundTrainer', () => {
  it("is the coursework's courseworkTrainer, bit for bit, with ReLU and the step schedule", async () => {
    const ours = playgroundTrainer(data, small);
    const theirs = courseworkTrainer(data, { ...RECIPE, hidden: [20], epochs: 2 }, 3);
    const a = await ours.trainer.fit();
    const b = await theirs.trainer.fit();
    const numbers = (h: typeof a) => h.map(({ seconds: _, ...r }) => r);
    expect(numbers(a)).toEqual(numbers(b));
    expect(weightsOf(ours.model)).toEqual(weightsOf(theirs.model));
  });

  it('gives the same numbers for the same settings (the seed draws the weights and the batches)', async () => {
    const run = async (s: PlaygroundSettings) => {
      const { trainer, model } = playgroundTrainer(data, s);
      const h = await trainer.fit();
      return {
        errors: h.map((r) => [r.trainLoss, r.trainError, r.valLoss, r.valError]),
        confusion: confusionMatrix(model, data.xVal, data.yVal),
      };
    };
    const s = { ...small, activation: 'tanh' as const, schedule: 'cosine' as const, lambda: 1e-3 };
    const first = await run(s);
    expect(await run(s)).toEqual(first);
    expect((await run({ ...s, seed: 4 })).errors).not.toEqual(first.errors);
  });

  it("steps PyTorch's CosineAnnealingLR(T_max=epochs) and StepLR(10, 0.5) once per epoch", async () => {
    const cosine = playgroundTrainer(data, { ...small, epochs: 4, lr: 0.1, schedule: 'cosine' });
    // torch.optim.lr_scheduler.CosineAnnealingLR(SGD(lr=0.1), T_max=4), the lr of epochs 0..3
    const torchCosine = [0.1, 0.08535533905932738, 0.05, 0.014644660940672627];
    const lrs = (await cosine.trainer.fit()).map((r) => r.lr);
    lrs.forEach((lr, i) => expect(lr).toBeCloseTo(torchCosine[i]!, 15));
    // torch.optim.lr_scheduler.StepLR(SGD(lr=0.1), step_size=10, gamma=0.5): 0.1 in epoch 9, 0.05 in epoch 10
    const step = playgroundTrainer(data, { ...small, epochs: 11, lr: 0.1, width: 5, schedule: 'step' });
    const stepLrs = (await step.trainer.fit()).map((r) => r.lr);
    expect([stepLrs[0], stepLrs[9], stepLrs[10]]).toEqual([0.1, 0.1, 0.05]);
    const constant = playgroundTrainer(data, { ...small, epochs: 2, lr: 0.1, schedule: 'constant' });
    expect((await constant.trainer.fit()).map((r) => r.lr)).toEqual([0.1, 0.1]);
  });

  it('trains with λ Σ φ² added to the loss (UDL eq. 9.5): SGD weight decay 2λ', async () => {
    const lambda = 0.01;
    const s: PlaygroundSettings = { ...small, epochs: 1, schedule: 'constant', lambda };
    const ours = playgroundTrainer(data, s);
    await ours.trainer.fit();
    // the same network, batches and SGD, the penalty written into the loss instead
    const withPenalty = async (factor: number) => {
      const rng = new RandomState(s.seed);
      const { model } = buildModel({ model: 'mlp', hidden: [20], dropout: 0, init: 'notebook' }, 40, rng);
      const params = model.parameters();
      const penalty = () => params.map((p) => sum(square(p))).reduce((a, b) => add(a, b));
      const trainer = new Trainer({
        model,
        loss: (out, y) => add(crossEntropy(out, y), mul(penalty(), factor * lambda)),
        optimizer: new SGD(params, { lr: s.lr, momentum: s.momentum }),
        epochs: 1,
        trainLoader: new DataLoader({
          dataset: new TensorDataset(data.x, data.y),
          batchSize: s.batchSize,
          shuffle: true,
          rng,
        }),
        evalTrainEveryEpoch: false,
      });
      await trainer.fit();
      return weightsOf(model).flat();
    };
    const gap = (w: number[]) =>
      Math.max(
        ...weightsOf(ours.model)
          .flat()
          .map((v, i) => Math.abs(v - w[i]!)),
      );
    // λ Σ φ² agrees to float32 rounding; (λ/2) Σ φ² — a weight decay of λ — does not
    expect(gap(await withPenalty(1))).toBeLessThan(1e-5);
    expect(gap(await withPenalty(0.5))).toBeGreaterThan(1e-3);
  });

  it('puts the chosen activation after each hidden layer, with the same initial weights as ReLU', () => {
    const relu = playgroundTrainer(data, { ...small, depth: 2 }).model as Sequential;
    const tanh = playgroundTrainer(data, { ...small, depth: 2, activation: 'tanh' }).model as Sequential;
    const kinds = (m: Sequential) => Array.from({ length: m.length }, (_, i) => m.get(i).constructor.name);
    expect(kinds(tanh)).toEqual(['Linear', 'Tanh', 'Linear', 'Tanh', 'Linear']);
    // the ReLU network is fused (Linear → ReLU pairs as LinearReLU), as the coursework trains it
    expect(kinds(relu)).toEqual(['LinearReLU', 'Identity', 'LinearReLU', 'Identity', 'Linear']);
    expect(weightsOf(tanh)).toEqual(weightsOf(relu));
    for (const a of ACTIVATION_NAMES)
      expect(() => playgroundTrainer(data, { ...small, activation: a })).not.toThrow();
  });

  it('has no hidden layer at depth 0 (a linear classifier)', () => {
    const m = playgroundTrainer(data, { ...small, depth: 0 }).model as Sequential;
    expect(m.length).toBe(1);
    expect(m.get(0)).toBeInstanceOf(Linear);
  });

  it('rejects bad settings with a ValueError naming the field, what came and what was expected', () => {
    const bad = (s: Partial<Record<keyof PlaygroundSettings, unknown>>) => () =>
      playgroundTrainer(data, { ...small, ...s } as PlaygroundSettings);
    expect(bad({ epochs: 0 })).toThrow(ValueError);
    expect(bad({ epochs: 0 })).toThrow('settings.epochs must be a positive integer, received 0');
    expect(bad({ activation: 'swish' })).toThrow(
      /settings\.activation must be one of relu, .*received "swish"/,
    );
    expect(bad({ schedule: 'linear' })).toThrow(/settings\.schedule must be one of constant, step, cosine/);
    expect(bad({ momentum: 1 })).toThrow('settings.momentum must be a number in [0, 1), received 1');
    expect(bad({ lambda: -1 })).toThrow('settings.lambda must be a number >= 0, received -1');
    expect(bad({ depth: 1.5 })).toThrow('settings.depth must be a non-negative integer, received 1.5');
  });
});

describe('confusionMatrix', () => {
  /** A model that returns its input: the scores are the rows given. */
  const identity = new Sequential(new ReLU());
  it("counts (true, argmax) pairs as numpy's np.add.at(cm, (y, scores.argmax(1)), 1), the first maximum on a tie", () => {
    const scores = tensor([
      [0.1, 2, 0.3],
      [3, -1, 3],
      [0, 0, 0],
      [1, 2, 5],
      [0.5, 0.2, 0.1],
    ]);
    const y = tensor([1, 2, 0, 2, 1], { dtype: 'int32' });
    // numpy: pred = [1, 0, 0, 2, 0], cm.ravel() = [1, 0, 0, 1, 1, 0, 1, 0, 1] (scores ≥ 0 pass ReLU unchanged)
    expect(confusionMatrix(identity, scores, y, 3)).toEqual([1, 0, 0, 1, 1, 0, 1, 0, 1]);
  });

  it("agrees with the Trainer's validation error: total = N, diagonal / N = 1 − error", async () => {
    const { trainer, model } = playgroundTrainer(data, { ...small, epochs: 1 });
    const [last] = await trainer.fit();
    const cm = confusionMatrix(model, data.xVal, data.yVal);
    expect(cm.reduce((a, b) => a + b, 0)).toBe(1000);
    const correct = cm.reduce((a, v, i) => (i % 11 === 0 ? a + v : a), 0);
    expect(100 - correct / 10).toBeCloseTo(last!.valError, 10);
  });

  it('rejects scores of the wrong shape and labels out of range', () => {
    const y = tensor([0, 1], { dtype: 'int32' });
    expect(() => confusionMatrix(identity, tensor([[1, 2, 3]]) as Tensor, y, 3)).toThrow(
      /expected scores \[2, 3\] for 2 labels, received \[1, 3\]/,
    );
    expect(() =>
      confusionMatrix(
        identity,
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([0, 5], { dtype: 'int32' }),
        2,
      ),
    ).toThrow(/labels must be class indices in \[0, 2\), received 5 at 1/);
  });
});
