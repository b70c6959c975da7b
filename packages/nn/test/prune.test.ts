// prune (PyTorch's torch.nn.utils.prune) against PyTorch 1.13 on exported weights: the masks of
// l1_unstructured (a fraction rounded half to even, a count, pruning again among the unpruned),
// custom_from_mask, global_unstructured twice, remove, the parameter and buffer names at each
// stage, and the forward output and gradients through the mask (float32, 1e-6).
// Fixture: tests/fixtures/nn_prune.json from tests/fixtures/gen_udl_lottery_tickets.py.
import { readFileSync } from 'node:fs';
import { mul, RandomState, sum, type Tensor, tensor, ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { Linear, type Module, prune } from '../src/index.js';

type Names = { params: string[]; buffers: string[] };
const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/nn_prune.json', import.meta.url), 'utf8'),
) as {
  single: {
    init_weight: number[];
    init_bias: number[];
    stages: Record<string, Names & Record<string, unknown>>;
  };
  rounding: { weight: number[]; cases: { amount: number; mask: number[] }[] };
  global: { init: { w1: number[]; w2: number[] }; steps: { mask1: number[]; mask2: number[] }[] };
};

const flat = (t: Tensor) => Array.from(t.data as Float32Array);
const names = (m: Module): Names => ({
  params: [...m.namedParameters()].map(([n]) => n),
  buffers: [...m.namedBuffers()].map(([n]) => n),
});
/** A Linear with the fixture's weights (its own init drawn from a throwaway stream, then replaced). */
function linear(inF: number, outF: number, w: number[], b?: number[]): Linear {
  const l = new Linear(inF, outF, { rng: new RandomState(0), bias: b !== undefined });
  (l.weight.data as Float32Array).set(w);
  if (b && l.bias) (l.bias.data as Float32Array).set(b);
  return l;
}
const expectClose = (got: number[], want: number[], tol = 1e-6) => {
  expect(got.length).toBe(want.length);
  got.forEach((v, i) =>
    expect(Math.abs(v - want[i]!), `#${i}`).toBeLessThanOrEqual(tol * (1 + Math.abs(want[i]!))),
  );
};

describe('prune against torch.nn.utils.prune', () => {
  const s = fx.single.stages;
  const lin = linear(6, 4, fx.single.init_weight, fx.single.init_bias);
  const weightOrig = lin.weight;
  const slot = lin as unknown as Record<string, Tensor>;

  it('l1Unstructured(0.3) re-parametrizes weight as weight_orig · weight_mask (names as PyTorch)', () => {
    expect(prune.l1Unstructured(lin, 'weight', 0.3)).toBe(lin);
    expect(flat(slot.weight_mask!)).toEqual(s['l1_0.3']!.mask);
    expect(names(lin)).toEqual({ params: s['l1_0.3']!.params, buffers: s['l1_0.3']!.buffers });
    expect(slot.weight_orig).toBe(weightOrig); // the same tensor keeps training
    expect(prune.isPruned(lin)).toBe(true);
  });

  it('the forward pass uses the masked weight; gradients reach weight_orig only where the mask is 1', () => {
    const f = s.forward as unknown as {
      x: number[][];
      out: number[][];
      grad_weight_orig: number[];
      grad_bias: number[];
    };
    const out = lin.call(tensor(f.x, { dtype: 'float32' }));
    expectClose(flat(out), f.out.flat());
    sum(mul(out, out)).backward();
    expectClose(flat(weightOrig.grad!), f.grad_weight_orig);
    expectClose(flat(lin.bias!.grad!), f.grad_bias);
  });

  it('pruning again takes the fraction of the entries still unpruned; a count prunes that many', () => {
    prune.l1Unstructured(lin, 'weight', 0.5);
    expect(flat(slot.weight_mask!)).toEqual(s['l1_again_0.5']!.mask);
    prune.l1Unstructured(lin, 'bias', { count: 2 });
    expect(flat(slot.bias_mask!)).toEqual(s.bias_count_2!.mask);
    expect(names(lin)).toEqual({ params: s.bias_count_2!.params, buffers: s.bias_count_2!.buffers });
  });

  it('customFromMask combines with the mask already there', () => {
    const m = tensor(
      Array.from({ length: 24 }, (_, i) => (i < 6 ? 0 : 1)),
      { dtype: 'float32' },
    ).reshape([4, 6]);
    prune.customFromMask(lin, 'weight', m);
    expect(flat(slot.weight_mask!)).toEqual(s.custom_row0!.mask);
  });

  it('remove makes it permanent: the original tensor holds the masked values and is weight again', () => {
    prune.remove(lin, 'weight');
    expect(lin.weight).toBe(weightOrig);
    expect(flat(lin.weight)).toEqual(s.remove_weight!.weight);
    // PyTorch re-inserts `weight` last (['bias_orig', 'weight']); here it keeps its place
    expect(names(lin).params.sort()).toEqual(s.remove_weight!.params.sort());
    expect(names(lin).buffers).toEqual(s.remove_weight!.buffers);
    expect(prune.isPruned(lin)).toBe(s.remove_weight!.is_pruned);
    prune.remove(lin, 'bias');
    expect(flat(lin.bias!)).toEqual(s.remove_bias!.bias);
    expect(names(lin)).toEqual({ params: s.remove_bias!.params, buffers: s.remove_bias!.buffers });
    expect(prune.isPruned(lin)).toBe(false);
    expect(Object.keys(lin.stateDict())).toEqual(['weight', 'bias']);
  });

  it('a fraction rounds half to even, as Python’s round (2.5 → 2, 7.5 → 8)', () => {
    for (const c of fx.rounding.cases) {
      const l = linear(5, 4, fx.rounding.weight);
      prune.l1Unstructured(l, 'weight', c.amount);
      expect(flat((l as unknown as Record<string, Tensor>).weight_mask!), `amount ${c.amount}`).toEqual(
        c.mask,
      );
    }
  });

  it('globalUnstructured prunes the smallest magnitudes over several layers together, twice', () => {
    const g1 = linear(5, 4, fx.global.init.w1, [0, 0, 0, 0]);
    const g2 = linear(4, 3, fx.global.init.w2, [0, 0, 0]);
    const pairs: [Module, string][] = [
      [g1, 'weight'],
      [g2, 'weight'],
    ];
    for (const [k, amount] of [0.6, 0.25].entries()) {
      prune.globalUnstructured(pairs, { pruningMethod: prune.L1Unstructured, amount });
      expect(flat((g1 as unknown as Record<string, Tensor>).weight_mask!), `step ${k}`).toEqual(
        fx.global.steps[k]!.mask1,
      );
      expect(flat((g2 as unknown as Record<string, Tensor>).weight_mask!), `step ${k}`).toEqual(
        fx.global.steps[k]!.mask2,
      );
    }
  });

  it('bad input: typed errors naming the argument, what was received and what was expected', () => {
    const l = linear(2, 2, [1, 2, 3, 4], [0, 0]);
    expect(() => prune.l1Unstructured(l, 'weight', 1.5)).toThrow(ValueError);
    expect(() => prune.l1Unstructured(l, 'weight', 1.5)).toThrow(
      /amount must be a fraction in \[0, 1\].*received 1\.5/,
    );
    expect(() => prune.l1Unstructured(l, 'weight', { count: 5 })).toThrow(/5 entries to prune.*only 4/);
    expect(() => prune.l1Unstructured(l, 'kernel', 0.5)).toThrow(/no parameter "kernel"; expected one of/);
    expect(() => prune.remove(l, 'weight')).toThrow(/has to be pruned before pruning can be removed/);
    expect(() => prune.customFromMask(l, 'weight', tensor([1, 0]))).toThrow(
      /mask must be a Tensor of the parameter's shape \[2, 2\]/,
    );
    prune.l1Unstructured(l, 'weight', 0.5);
    expect(() => {
      (l as unknown as Record<string, unknown>).weight = tensor([
        [1, 1],
        [1, 1],
      ]);
    }).toThrow(/call prune.remove/);
  });
});
