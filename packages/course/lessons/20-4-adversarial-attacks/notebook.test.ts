// Notebook 20.4: `gradkit run 20-4-adversarial-attacks` (udlbook/20_4_Adversarial_Attacks.md).
// The notebook records no outputs and seeds nothing (PyTorch's init, shuffles and dropout masks
// are unseeded), and MNIST is not downloaded here: the lesson trains on the 8000/2000 real digits
// of `loadMnistDigits`. Three kinds of check:
// - the training at a tenth of the iterations (scale 0.1: 1 epoch of 13 batches) lies inside
//   PyTorch's seed-to-seed spread of the same loop on the same digits
//   (tests/fixtures/gen_udl_adversarial_attacks.py, "band": seeds 1..10, mean ± 3 sd widened to
//   [min, max]);
// - the attack is deterministic given the weights: PyTorch's trained float64 weights ("attack":
//   40 SGD steps from numpy-drawn weights) are loaded into `mnistConvNet`, and ∂L/∂x (to 1e-10 of
//   its largest entry), the FGSM image x' = x + 0.5·sign(∂L/∂x) (exactly), the outputs (1e-10)
//   and the original, perturbed and iterative predictions (exactly) equal PyTorch's on the first
//   three test digits;
// - ∂L/∂x through conv2d, maxPool2d, Dropout2d (a fixed mask, train mode), linear and log-softmax
//   equals central finite differences on a tiny network (float64, rtol 1e-6).
import { readFileSync } from 'node:fs';
import { Conv2d, Dropout2d, MaxPool2d, mnistConvNet } from '@gradkit/conv';
import { astype, ones, RandomState, type Tensor, tensor } from '@gradkit/core';
import { loadMnistDigits } from '@gradkit/datasets/node';
import { logSoftmax, nllLoss } from '@gradkit/losses';
import { Flatten, Linear, ReLU, Sequential } from '@gradkit/nn';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { seedBand } from '../../src/seed-band.js';
import { fgsmAttack, inputGradient, iterativeFgsmAttack, normalize, testLine } from './notebook.js';

interface BandRun {
  seed: number;
  testLoss: number[];
  correct: number[];
}
interface AttackExample {
  target: number;
  output: number[];
  dLdx: number[];
  zeros: number;
  output_prime: number[];
  prediction: number;
  prediction_prime: number;
  iterative_predictions: number[];
}
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_adversarial_attacks.json', import.meta.url), 'utf8'),
) as {
  test_labels: number[];
  attack: { weights: Record<string, { shape: number[]; data: number[] }>; examples: AttackExample[] };
  band: Record<'scale_0.1' | 'full', { epochs: number; batches: number; runs: BandRun[] }>;
};

/** PyTorch's spread: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(v: number[]): [number, number] {
  return seedBand(v);
}

const TEST_LINE = /^Test set: Avg\. loss: \d+\.\d{4}, Accuracy: \d+\/2000 \(\d+%\)$/;

describe('20-4-adversarial-attacks notebook (scale 0.1)', async () => {
  const { values, report } = await runLesson('20-4-adversarial-attacks', { scale: 0.1 });

  it('says it trains on the real digits of loadMnistDigits (8000 / 2000)', () => {
    expect(report[0]).toMatch(
      /^\(MNIST is not downloaded here: training on the 8000 training and testing on the 2000 test images/,
    );
    expect([values.batch_size_train, values.batch_size_test, values.n_epochs]).toEqual([64, 1000, 1]);
    const targets = values['example_targets[i]'] as number[];
    expect(targets).toHaveLength(6);
    expect((values['example_data[i][0]'] as number[][][]).map((im) => [im.length, im[0]!.length])).toEqual(
      targets.map(() => [28, 28]),
    );
    expect((values['y#all'] as number[][]).map((y) => y[0])).toEqual(targets.slice(0, 3));
    expect(report.filter((l) => l.startsWith('Ground Truth'))).toEqual(
      targets.map((t) => `Ground Truth: ${t}`),
    );
    const predictions = values.predictions as number[];
    expect(report.filter((l) => l.startsWith('Prediction:'))).toEqual(
      predictions.map((p) => `Prediction: ${p}`),
    );
  });

  it("prints the notebook's test lines and a training line every 10 batches", () => {
    const tests = report.filter((l) => l.startsWith('Test set'));
    expect(tests).toHaveLength(2);
    for (const l of tests) expect(l).toMatch(TEST_LINE);
    const losses = values['test_loss#all'] as number[];
    const correct = values['correct#all'] as number[];
    expect(tests).toEqual([0, 1].map((k) => testLine(losses[k]!, correct[k]!, 2000)));
    const trains = report.filter((l) => l.startsWith('Train Epoch'));
    expect(trains.map((l) => l.split('\t')[0])).toEqual([
      'Train Epoch: 1 [0/8000]',
      'Train Epoch: 1 [640/8000]',
    ]);
    for (const l of trains) expect(l).toMatch(/\tLoss: \d+\.\d{6}$/);
  });

  it('the test loss and accuracy before and after training lie in PyTorch’s seed-to-seed spread', () => {
    const runs = fx.band['scale_0.1'].runs;
    const losses = values['test_loss#all'] as number[];
    const correct = values['correct#all'] as number[];
    for (const k of [0, 1]) {
      const [lo, hi] = band(runs.map((r) => r.testLoss[k]!));
      expect(losses[k], `test loss ${k}`).toBeGreaterThanOrEqual(lo);
      expect(losses[k], `test loss ${k}`).toBeLessThanOrEqual(hi);
      const [clo, chi] = band(runs.map((r) => r.correct[k]!));
      expect(correct[k], `correct ${k}`).toBeGreaterThanOrEqual(clo);
      expect(correct[k], `correct ${k}`).toBeLessThanOrEqual(chi);
    }
  });

  it('prints the original and perturbed predictions of three examples (FGSM, then iterative)', () => {
    const before = values['output.data.max(1, keepdim=True)[1][0].item()'] as number[];
    const after = values['output_prime.data.max(1, keepdim=True)[1][0].item()'] as number[];
    expect(before).toHaveLength(3);
    const lines = report.filter((l) => l.startsWith('Original') || l.startsWith('Perturbed'));
    expect(lines).toEqual(
      before.flatMap((b, i) => [`Original Prediction: ${b}`, `Perturbed Prediction: ${after[i]}`]),
    );
    // x' − x is ±ε (or 0) everywhere
    const x = (values['x#all'] as number[][][][][]).flat(4);
    const xp = (values['x_prime#all'] as number[][][][][]).flat(4);
    for (let i = 0; i < x.length; i += 97)
      expect([0, 0.5]).toContain(Math.round(Math.abs(xp[i]! - x[i]!) * 1e6) / 1e6);
    expect(values['iterative_predictions#all']).toHaveLength(3);
    expect((values['iterative_predictions#all'] as number[][])[0]).toHaveLength(10);
  });
});

describe('the attack equals PyTorch given the weights (float64)', () => {
  const net = mnistConvNet({ dtype: 'float64' }).eval();
  const params = Object.fromEntries(net.namedParameters());
  expect(Object.keys(params).sort()).toEqual(Object.keys(fx.attack.weights).sort());
  for (const [name, w] of Object.entries(fx.attack.weights)) {
    expect([...params[name]!.shape]).toEqual(w.shape);
    params[name]!.data.set(w.data);
  }
  const test = loadMnistDigits({ split: 'test', dtype: 'float64' });
  const x3 = normalize(test.images.index('0:3'));
  const y3 = test.labels.index('0:3');

  it('reads the same three test digits', () => {
    expect([...y3.data]).toEqual(fx.test_labels);
  });

  fx.attack.examples.forEach((ex, i) => {
    it(`example ${i} (a ${ex.target}): ∂L/∂x, x', the outputs and the predictions`, () => {
      const x = x3.index(`${i}:${i + 1}`);
      const y = y3.index(`${i}:${i + 1}`);
      const { output, dLdx } = inputGradient(net, x, y);
      const g = dLdx.data as Float64Array;
      const scale = Math.max(...ex.dLdx.map(Math.abs));
      let worst = 0;
      for (let k = 0; k < 784; k++) worst = Math.max(worst, Math.abs(g[k]! - ex.dLdx[k]!));
      expect(worst / scale).toBeLessThan(1e-10);
      expect(g.filter((v) => v === 0).length).toBe(ex.zeros);
      const xPrime = fgsmAttack(x, 0.5, dLdx);
      const xd = x.data as Float64Array;
      const expected = ex.dLdx.map((v, k) => xd[k]! + 0.5 * Math.sign(v));
      expect([...(xPrime.data as Float64Array)]).toEqual(expected);
      const outPrime = net.call(xPrime).detach();
      for (let k = 0; k < 10; k++) {
        expect(Math.abs((output.data[k] as number) - ex.output[k]!)).toBeLessThan(1e-10);
        expect(Math.abs((outPrime.data[k] as number) - ex.output_prime[k]!)).toBeLessThan(1e-10);
      }
      const argmax = (a: ArrayLike<number>) => Array.from(a).indexOf(Math.max(...Array.from(a)));
      expect([argmax(output.data as Float64Array), argmax(outPrime.data as Float64Array)]).toEqual([
        ex.prediction,
        ex.prediction_prime,
      ]);
      const { predictions } = iterativeFgsmAttack(net, x, y, 0.05, 10);
      expect(predictions.map((p) => p[0])).toEqual(ex.iterative_predictions);
    });
  });
});

describe('∂L/∂x through conv2d, maxPool2d and Dropout2d equals finite differences', () => {
  it('a tiny network: conv 1→2 k3, pool, ReLU, conv 2→3 k3, Dropout2d (fixed mask), pool, ReLU, linear', () => {
    const rng = new RandomState(20);
    const body = [
      new Conv2d(1, 2, 3, { rng, dtype: 'float64' }),
      new MaxPool2d(2),
      new ReLU(),
      new Conv2d(2, 3, 3, { rng, dtype: 'float64' }),
    ];
    const head = [new MaxPool2d(2), new ReLU(), new Flatten(), new Linear(3, 4, { rng, dtype: 'float64' })];
    // Dropout2d in train mode with the same mask on every call: a fresh RandomState(7) each time
    const loss = (x: Tensor): Tensor => {
      const drop = new Dropout2d(0.5, { rng: new RandomState(7) }).train();
      const net = new Sequential(...body, drop, ...head);
      return nllLoss(logSoftmax(net.call(x), { axis: 1 }), tensor([2, 0], { dtype: 'int32' }));
    };
    // the fixed mask drops at least one of the 6 channels and keeps at least one
    const mask = new Dropout2d(0.5, { rng: new RandomState(7) })
      .train()
      .call(ones([2, 3, 2, 2], { dtype: 'float64' }));
    expect(new Set(mask.data)).toEqual(new Set([0, 2]));
    const x0 = astype(rng.standardNormal([2, 1, 10, 10]) as Tensor, 'float64');
    const xg = x0.clone().requiresGrad_();
    loss(xg).backward();
    const g = xg.grad!.data as Float64Array;
    const h = 1e-6;
    const base = x0.data as Float64Array;
    let worst = 0;
    let nonzero = 0;
    for (let k = 0; k < base.length; k++) {
      const plus = x0.clone();
      const minus = x0.clone();
      (plus.data as Float64Array)[k] = base[k]! + h;
      (minus.data as Float64Array)[k] = base[k]! - h;
      const fd = (loss(plus).item() - loss(minus).item()) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - g[k]!) / Math.max(1e-3, Math.abs(fd)));
      if (g[k] !== 0) nonzero++;
    }
    expect(worst).toBeLessThan(1e-6);
    expect(nonzero).toBeGreaterThan(20);
  });
});
