// The LM head's fast paths (core's GEMM kernel, and the resident head `Gpt2Model` uses; WebAssembly
// SIMD when available) against the readable reference loop `lmHead`, on both kernel backends:
// float32 rounding apart (tolerance 1e-5 relative to the largest |logit|), for one row and for a
// batch of beams.
import { availableBackends, RandomState, withBackend } from '@gradkit/core';
import { matmulResidentNT, ResidentMatrix } from '@gradkit/core/kernels';
import { describe, expect, it } from 'vitest';
import { lmHead, lmHeadGemm } from '../src/index.js';

describe('lmHeadGemm and the resident head (matmulResidentNT) == lmHead', () => {
  const rng = new RandomState(0);
  const V = 1003;
  const d = 64;
  const head = Float32Array.from(rng.normal(0, 0.5, [V * d]).data);
  for (const backend of availableBackends())
    for (const R of [1, 5, 8])
      it(`${backend} kernel, ${R} row(s)`, () => {
        const x = Float32Array.from(rng.normal(0, 1, [R * d]).data);
        const ref = lmHead(x, R, d, head, V);
        const resident = new ResidentMatrix(head, V, d);
        for (const fast of [
          withBackend(backend, () => lmHeadGemm(x, R, d, head, V)),
          withBackend(backend, () => matmulResidentNT(x, R, resident)),
        ])
          expectClose(fast, ref);
        resident.release();
      });
});

function expectClose(fast: Float32Array, ref: Float32Array): void {
  expect(fast.length).toBe(ref.length);
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    scale = Math.max(scale, Math.abs(ref[i]!));
    worst = Math.max(worst, Math.abs(ref[i]! - fast[i]!));
  }
  expect(scale).toBeGreaterThan(1);
  expect(worst / scale).toBeLessThan(1e-5);
}
