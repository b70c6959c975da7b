// StepBuffers (src/step-buffers.ts): inside run(), an op's float storage of STEP_BUFFER_MIN_ELEMENTS
// or more is the previous run's storage made at the same point (same dtype and length), zeroed;
// everything else (outside a run, small, integer, another size) is fresh; a tensor set to require
// gradients inside a run leaves the buffers; runs nest; a training loop run this way gives the
// same bits as one that allocates afresh.
import { describe, expect, it } from 'vitest';
import {
  backward,
  linearRelu,
  mean,
  noGrad,
  RandomState,
  STEP_BUFFER_MIN_ELEMENTS,
  StepBuffers,
  type Tensor,
  tensor,
  ValueError,
  zeros,
} from '../src/index.js';

const N = STEP_BUFFER_MIN_ELEMENTS;

describe('StepBuffers', () => {
  it("hands a run the previous run's storage in order, zeroed, and a tensor of another size fresh storage", () => {
    const steps = new StepBuffers();
    const x = tensor(Array.from({ length: N }, (_, i) => i + 1));
    const first = steps.run(() => [x.mul(2), x.add(1)]);
    const second = steps.run(() => [x.mul(3), zeros([N]), x.mul(2).reshape([1, N])]);
    expect(second[0]!.data).toBe(first[0]!.data);
    expect(second[1]!.data).toBe(first[1]!.data);
    // zeros() made where x + 1 was: its storage was zero-filled before it was handed out
    expect(Array.from(second[1]!.data).every((v) => v === 0)).toBe(true);
    expect(second[0]!.data[N - 1]).toBe(3 * N);
    // a third allocation had no buffer yet: fresh, and kept for the next run
    expect(second[2]!.data).not.toBe(first[0]!.data);
    const third = steps.run(() => [x.mul(1), x.mul(1), x.mul(5)]);
    expect(third[2]!.data).toBe(second[2]!.data);
    expect(steps.bytes).toBe(3 * N * 8);
    // another length at a position: fresh storage, which then replaces the old buffer
    const fourth = steps.run(() => [tensor(new Float64Array(N + 1)).mul(1)]);
    expect(fourth[0]!.data).not.toBe(third[0]!.data);
    steps.clear();
    expect(steps.bytes).toBe(0);
  });

  it('leaves alone what is made outside a run, small storage, integer storage and another dtype', () => {
    const steps = new StepBuffers();
    const x = tensor(Array.from({ length: N }, (_, i) => i));
    const outside = [x.mul(2), x.mul(2)];
    expect(outside[0]!.data).not.toBe(outside[1]!.data);
    const small = tensor([1, 2, 3]);
    const ints = tensor(
      Array.from({ length: N }, (_, i) => i),
      { dtype: 'int32' },
    );
    const a = steps.run(() => [small.mul(2), ints.add(ints), x.astype('float32').mul(2)]);
    const b = steps.run(() => [small.mul(2), ints.add(ints), x.mul(2)]);
    expect(b[0]!.data).not.toBe(a[0]!.data);
    expect(b[1]!.data).not.toBe(a[1]!.data);
    // float32 then float64 at the same point: the float64 result gets fresh storage
    expect(b[2]!.data).not.toBe(a[2]!.data);
    expect(b[2]!.dtype).toBe('float64');
    expect(steps.bytes).toBeGreaterThan(0);
  });

  it('a tensor set to require gradients inside a run (a parameter made on first call) keeps its storage', () => {
    const steps = new StepBuffers();
    let w: Tensor | undefined;
    steps.run(() => {
      w = zeros([N]).requiresGrad_();
      return w;
    });
    const before = Float64Array.from(w!.data);
    w!.data.fill(7);
    const next = steps.run(() => zeros([N]).add(1));
    expect(next.data).not.toBe(w!.data);
    expect(Array.from(w!.data).every((v) => v === 7)).toBe(true);
    expect(before.every((v) => v === 0)).toBe(true);
  });

  it('runs nest (the inner run has its own buffers) and the outer run goes on in order', () => {
    const outer = new StepBuffers();
    const inner = new StepBuffers();
    const x = tensor(Array.from({ length: N }, (_, i) => i));
    const go = () =>
      outer.run(() => {
        const a = x.mul(2);
        const b = inner.run(() => x.mul(3));
        const c = x.mul(4);
        return [a, b, c];
      });
    const r1 = go();
    const r2 = go();
    for (let i = 0; i < 3; i++) expect(r2[i]!.data).toBe(r1[i]!.data);
    expect(outer.bytes).toBe(2 * N * 8);
    expect(inner.bytes).toBe(N * 8);
    expect(r2[2]!.data[1]).toBe(4);
  });

  it('refuses an asynchronous function, and a function that throws leaves no run active', async () => {
    const steps = new StepBuffers();
    expect(() => steps.run(() => Promise.resolve(1))).toThrow(ValueError);
    expect(() => steps.run(() => Promise.resolve(1))).toThrow(
      /fn returned a promise; it must be synchronous/,
    );
    expect(() =>
      steps.run(() => {
        throw new RangeError('inside');
      }),
    ).toThrow(RangeError);
    const x = tensor(Array.from({ length: N }, (_, i) => i));
    expect(x.mul(2).data).not.toBe(x.mul(2).data);
  });

  it('a training loop (forward and loss in the run, backward and the update after) gives the same bits as fresh storage', () => {
    const train = (steps: StepBuffers | null) => {
      const rng = new RandomState(3);
      const w1 = rng.standardNormal([32, 20]).astype('float32').requiresGrad_();
      const b1 = zeros([32], { dtype: 'float32', requiresGrad: true });
      const w2 = rng.standardNormal([4, 32]).astype('float32').requiresGrad_();
      const losses: number[] = [];
      for (let step = 0; step < 12; step++) {
        const x = rng.standardNormal([64, 20]).astype('float32');
        const forward = () => mean(linearRelu(x, w1, b1).matmul(w2.T).square());
        const loss = steps ? steps.run(forward) : forward();
        losses.push(loss.item());
        for (const p of [w1, b1, w2]) p.grad = null;
        backward(loss);
        noGrad(() => {
          for (const p of [w1, b1, w2]) p.data.set(p.sub(p.grad!.mul(0.01)).data);
        });
      }
      return { losses, params: [w1, b1, w2].map((p) => Array.from(p.data)) };
    };
    const fresh = train(null);
    const steps = new StepBuffers();
    const reused = train(steps);
    expect(reused.losses).toEqual(fresh.losses);
    expect(reused.params).toEqual(fresh.params);
    // the forward's storage was held across the steps: the 64×32 activations and the 64×4 output
    expect(steps.bytes).toBeGreaterThanOrEqual((64 * 32 + 64 * 4) * 4);
  });
});
