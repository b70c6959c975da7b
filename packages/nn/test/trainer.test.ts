/**
 * Trainer and callbacks on a tiny problem, with a hand-written SGD (the optimizer is duck-typed:
 * `{ step(); zeroGrad() }`). PyTorch parity of the full step lives in tests/test/coursework-trainer.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomState, type Tensor, tensor, ValueError } from '@gradkit/core';
import { crossEntropy } from '@gradkit/losses';
import { describe, expect, it, vi } from 'vitest';
import {
  BatchNorm1d,
  BestCheckpoint,
  EarlyStopping,
  type EpochRecord,
  Linear,
  MemoryCheckpointStore,
  ReLU,
  Sequential,
  Trainer,
  type TrainerOptions,
} from '../src/index.js';
import { SafetensorsCheckpointStore } from '../src/node.js';

/** Plain SGD over a parameter list, with a paramGroups[0].lr the Trainer reads. */
function sgd(params: Tensor[], lr: number) {
  const group = { lr };
  return {
    paramGroups: [group],
    steps: 0,
    zeroGrad() {
      for (const p of params) p.grad = null;
    },
    step() {
      this.steps++;
      for (const p of params) {
        const g = p.grad;
        if (!g) continue;
        for (let i = 0; i < p.data.length; i++) p.data[i]! -= group.lr * g.data[i]!;
      }
    },
  };
}

/** Two Gaussian blobs in 2-D, labels 0/1, in 4 batches of 8. */
function blobs(seed: number) {
  const rng = new RandomState(seed);
  const n = 32;
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const z = rng.normal(0, 0.5, [2]).data;
    xs.push([z[0]! + (c ? 2 : -2), z[1]! + (c ? 1 : -1)]);
    ys.push(c);
  }
  const x = tensor(xs, { dtype: 'float64' });
  const y = tensor(ys, { dtype: 'int32' });
  const batches = [0, 1, 2, 3].map((b) => [
    tensor(xs.slice(b * 8, b * 8 + 8), { dtype: 'float64' }),
    tensor(ys.slice(b * 8, b * 8 + 8), { dtype: 'int32' }),
  ]);
  return { x, y, batches };
}

function setup(extra: Partial<TrainerOptions> = {}, lr = 0.1) {
  const rng = new RandomState(0);
  const model = new Sequential(
    new Linear(2, 8, { rng, dtype: 'float64' }),
    new ReLU(),
    new Linear(8, 2, { rng, dtype: 'float64' }),
  );
  const optimizer = sgd(model.parameters(), lr);
  const data = blobs(1);
  const trainer = new Trainer({
    model,
    loss: (o, t) => crossEntropy(o, t),
    optimizer,
    epochs: 5,
    trainLoader: data.batches,
    valData: { x: data.x, y: data.y },
    ...extra,
  });
  return { model, optimizer, trainer, data };
}

describe('Trainer', () => {
  it('without setImmediate (a browser) yields each epoch through a MessageChannel message, not a clamped setTimeout', async () => {
    const g = globalThis as { setImmediate?: unknown; MessageChannel: typeof MessageChannel };
    const { setImmediate: saved } = g;
    const Channel = g.MessageChannel;
    let channels = 0;
    let timeouts = 0;
    const realTimeout = globalThis.setTimeout;
    const timeout = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((f: () => void, ms?: number) => {
      timeouts++;
      return realTimeout(f, ms);
    }) as typeof setTimeout);
    g.MessageChannel = class extends Channel {
      constructor() {
        super();
        channels++;
      }
    };
    delete g.setImmediate;
    try {
      const { trainer } = setup();
      let ticks = 0;
      // a message queued by the page (a stop button's) gets its turn between epochs
      const { port1, port2 } = new Channel();
      port1.onmessage = () => ticks++;
      trainer.on('epoch', () => port2.postMessage(null));
      const history = await trainer.fit();
      port1.close();
      expect(history.length).toBe(5);
      expect(channels).toBe(5);
      expect(timeouts).toBe(0);
      expect(ticks).toBe(5);
    } finally {
      g.setImmediate = saved;
      g.MessageChannel = Channel;
      timeout.mockRestore();
    }
  });

  it('trains: history per epoch, events, loss decreases, scheduler stepped per epoch', async () => {
    let schedulerSteps = 0;
    const { trainer, optimizer } = setup({
      scheduler: {
        step() {
          schedulerSteps++;
          optimizer.paramGroups[0]!.lr *= 0.5;
        },
      },
    });
    const epochs: EpochRecord[] = [];
    const batches: [number, number][] = [];
    trainer.on('epoch', (r) => epochs.push(r));
    const off = trainer.on('batch', (b) => batches.push([b.epoch, b.batch]));
    const history = await trainer.fit();
    off();
    expect(history).toHaveLength(5);
    expect(epochs).toEqual(history);
    expect(batches).toHaveLength(20);
    expect(batches[5]).toEqual([1, 1]);
    expect(optimizer.steps).toBe(20);
    expect(schedulerSteps).toBe(5);
    expect(history.map((h) => h.lr)).toEqual([0.1, 0.05, 0.025, 0.0125, 0.00625]);
    expect(history[4]!.trainLoss).toBeLessThan(history[0]!.trainLoss);
    // no dataset on the plain array loader: the batch losses' running mean is the train loss
    for (const h of history) expect(h.valLoss).toBeGreaterThan(0);
  });

  it('zeroes gradients in place (zeroGrad({ setToNone: false })): one .grad buffer per parameter for the whole run', async () => {
    const rng = new RandomState(0);
    const model = new Sequential(
      new Linear(2, 8, { rng, dtype: 'float64' }),
      new ReLU(),
      new Linear(8, 2, { rng, dtype: 'float64' }),
    );
    const params = model.parameters();
    const calls: unknown[] = [];
    const seen = params.map(() => new Set<unknown>());
    const optimizer = {
      zeroGrad(options?: { setToNone?: boolean }) {
        calls.push(options);
        model.zeroGrad(options);
      },
      step() {
        params.forEach((p, i) => seen[i]!.add(p.grad!.data));
        for (const p of params) for (let i = 0; i < p.data.length; i++) p.data[i]! -= 0.1 * p.grad!.data[i]!;
      },
    };
    const data = blobs(1);
    await new Trainer({
      model,
      loss: (o, t) => crossEntropy(o, t),
      optimizer,
      epochs: 3,
      trainLoader: data.batches,
    }).fit();
    expect(calls).toHaveLength(12);
    expect(calls.every((c) => (c as { setToNone?: boolean }).setToNone === false)).toBe(true);
    for (const s of seen) expect(s.size).toBe(1);
  });

  it('evaluate(): loss and error % under noGrad in eval mode, mode restored', () => {
    const { trainer, model, data } = setup();
    model.train();
    const r = trainer.evaluate({ x: data.x, y: data.y });
    expect(model.training).toBe(true);
    const out = model.call(data.x);
    expect(r.loss).toBeCloseTo(crossEntropy(out, data.y).item(), 12);
    let wrong = 0;
    for (let i = 0; i < 32; i++) {
      const pred = out.data[2 * i]! >= out.data[2 * i + 1]! ? 0 : 1;
      if (pred !== data.y.data[i]) wrong++;
    }
    expect(r.error).toBeCloseTo((100 * wrong) / 32, 10);
    expect(r.n).toBe(32);
    // evaluation in chunks gives the same mean
    const chunked = new Trainer({ ...trainer.options, evalBatchSize: 5 }).evaluate({ x: data.x, y: data.y });
    expect(chunked.loss).toBeCloseTo(r.loss, 12);
    expect(chunked.error).toBeCloseTo(r.error, 12);
  });

  it('a NaN loss stops training with an error naming the epoch and batch', async () => {
    const { trainer } = setup({}, 1e300);
    await expect(trainer.fit()).rejects.toThrow(/loss is (NaN|Infinity) at epoch \d+, batch \d+/);
    const { trainer: t2, data } = setup();
    const bad = data.batches.map(([x, y]) => [x!.clone(), y!] as Tensor[]);
    bad[2]![0]!.data[3] = Number.NaN;
    const t3 = new Trainer({ ...t2.options, trainLoader: bad });
    await expect(t3.fit()).rejects.toThrow(/loss is NaN at epoch 0, batch 2 \(of 4\)/);
  });

  it('AbortSignal stops training', async () => {
    const controller = new AbortController();
    const { trainer } = setup({ signal: controller.signal, epochs: 100 });
    trainer.on('epoch', (r) => {
      if (r.epoch === 1) controller.abort(new Error('stop now'));
    });
    await expect(trainer.fit()).rejects.toThrow('stop now');
    expect(trainer.history).toHaveLength(2);
  });

  it('validates its options with errors naming the option', () => {
    const { trainer } = setup();
    const o = trainer.options;
    expect(() => new Trainer({ ...o, epochs: -1 })).toThrow(
      /options\.epochs must be a non-negative integer, received -1/,
    );
    expect(() => new Trainer({ ...o, optimizer: {} as never })).toThrow(
      /options\.optimizer must have step\(\) and zeroGrad\(\)/,
    );
    expect(() => new Trainer({ ...o, trainLoader: 3 as never })).toThrow(ValueError);
    expect(() => new Trainer({ ...o, evalBatchSize: 0 })).toThrow(/evalBatchSize/);
  });
});

describe('callbacks', () => {
  it('EarlyStopping stops after `patience` epochs without improvement', async () => {
    // a learning rate of 0 never improves the validation loss
    const es = new EarlyStopping({ monitor: 'valLoss', patience: 2 });
    const { trainer } = setup({ callbacks: [es], epochs: 20 }, 0);
    const history = await trainer.fit();
    expect(history).toHaveLength(4); // epoch 0 sets the best, epochs 1-3 do not improve
    expect(es.stoppedEpoch).toBe(3);
    expect(trainer.stopReason).toMatch(/early stopping at epoch 3: valLoss has not improved for 3 epochs/);
    expect(() => new EarlyStopping({ monitor: 'accuracy' as never })).toThrow(/monitor must be one of/);
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(/mode must be 'min' or 'max'/);
  });

  it('BestCheckpoint restores the weights of the best epoch (memory and safetensors stores)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradkit-ckpt-'));
    try {
      for (const store of [
        new MemoryCheckpointStore(),
        new SafetensorsCheckpointStore(join(dir, 'best.safetensors')),
      ]) {
        const best = new BestCheckpoint({ monitor: 'valLoss', store });
        // validation labels flipped: the better the fit, the worse the validation loss after a while
        const flipped = blobs(1);
        const yFlip = tensor(
          Array.from(flipped.y.data, (v) => 1 - v),
          { dtype: 'int32' },
        );
        const valData = { x: flipped.x, y: yFlip };
        const { trainer, model } = setup({ callbacks: [best], epochs: 6, valData }, 0.5);
        const snapshots: Record<string, number[]>[] = [];
        trainer.on('epoch', () =>
          snapshots.push(
            Object.fromEntries(Object.entries(model.stateDict()).map(([k, t]) => [k, Array.from(t.data)])),
          ),
        );
        const history = await trainer.fit();
        const losses = history.map((h) => h.valLoss);
        const bestEpoch = losses.indexOf(Math.min(...losses));
        expect(bestEpoch).toBeLessThan(history.length - 1); // the restore is not a no-op
        expect(best.bestEpoch).toBe(bestEpoch);
        expect(best.best).toBe(losses[bestEpoch]);
        for (const [k, t] of Object.entries(model.stateDict()))
          expect(Array.from(t.data)).toEqual(snapshots[bestEpoch]![k]);
        expect(trainer.evaluate(valData).loss).toBeCloseTo(losses[bestEpoch]!, 12);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reuseActivations', () => {
  /** 512 examples of 12 features, 3 classes, in 4 batches of 128 (outputs big enough to reuse). */
  function problem() {
    const rng = new RandomState(5);
    const x = rng.standardNormal([512, 12]);
    const y = tensor(
      Array.from({ length: 512 }, (_, i) => i % 3),
      { dtype: 'int32' },
    );
    const batches = [0, 1, 2, 3].map((b) => [
      tensor(x.data.slice(b * 128 * 12, (b + 1) * 128 * 12)).reshape([128, 12]),
      tensor(y.data.slice(b * 128, (b + 1) * 128), { dtype: 'int32' }),
    ]) as [Tensor, Tensor][];
    return { x, y, batches };
  }

  function run(reuse: boolean) {
    const rng = new RandomState(2);
    const net = new Sequential(
      new Linear(12, 32, { rng, dtype: 'float64' }),
      new BatchNorm1d(32, { dtype: 'float64' }),
      new ReLU(),
      new Linear(32, 3, { rng, dtype: 'float64' }),
    );
    const outputs: unknown[] = [];
    const evalOutputs: unknown[] = [];
    const data = problem();
    const trainer = new Trainer({
      // the model as a function, to see each step's output storage (a function stays in train
      // mode for the evaluations too: both runs alike)
      model: (x) => {
        const out = net.call(x);
        (out.shape[0] === 128 ? outputs : evalOutputs).push(out.data);
        return out;
      },
      loss: (o, t) => crossEntropy(o, t),
      optimizer: sgd(net.parameters(), 0.05),
      epochs: 3,
      trainLoader: data.batches,
      trainData: { x: data.x, y: data.y },
      valData: { x: data.x, y: data.y },
      reuseActivations: reuse,
    });
    return { trainer, net, outputs, evalOutputs };
  }

  it('trains to the same history and parameters, bit for bit (batch norm included), writing each step into the last one’s storage', async () => {
    const fresh = run(false);
    const reused = run(true);
    const h1 = await fresh.trainer.fit();
    const h2 = await reused.trainer.fit();
    const strip = (h: EpochRecord[]) => h.map(({ seconds, ...r }) => r);
    expect(strip(h2)).toEqual(strip(h1));
    const state = (net: Sequential) =>
      Object.entries(net.stateDict()).map(([k, t]) => [k, Array.from(t.data)]);
    expect(state(reused.net)).toEqual(state(fresh.net));
    // 12 steps: with reuse every step's output is the first step's storage; without, each is new;
    // and so for the 6 evaluations (training and validation sets, 3 epochs)
    expect(reused.outputs).toHaveLength(12);
    expect(new Set(reused.outputs).size).toBe(1);
    expect(new Set(fresh.outputs).size).toBe(12);
    expect(reused.evalOutputs).toHaveLength(6);
    expect(new Set(reused.evalOutputs).size).toBe(1);
    expect(new Set(fresh.evalOutputs).size).toBe(6);
  });

  it('must be true or false', () => {
    expect(() => setup({ reuseActivations: 'yes' as never })).toThrow(ValueError);
    expect(() => setup({ reuseActivations: 1 as never })).toThrow(
      /Trainer: options.reuseActivations must be true or false, received 1/,
    );
  });
});
