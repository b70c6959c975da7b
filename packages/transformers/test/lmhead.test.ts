// The LM head's fast path (core's GEMM kernel, WebAssembly SIMD when available) against the
// readable reference loop `lmHead`, on both kernel backends: float32 rounding apart (tolerance
// 1e-5 relative to the largest |logit|), for one row and for a batch of beams.
import { availableBackends, RandomState, withBackend } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { lmHead, lmHeadGemm } from '../src/index.js';

describe('lmHeadGemm == lmHead', () => {
  const rng = new RandomState(0);
  const V = 1003;
  const d = 64;
  const head = Float32Array.from(rng.normal(0, 0.5, [V * d]).data);
  for (const backend of availableBackends())
    for (const R of [1, 5, 8])
      it(`${backend} kernel, ${R} row(s)`, () => {
        const x = Float32Array.from(rng.normal(0, 1, [R * d]).data);
        const ref = lmHead(x, R, d, head, V);
        const fast = withBackend(backend, () => lmHeadGemm(x, R, d, head, V));
        expect(fast.length).toBe(R * V);
        let scale = 0;
        let worst = 0;
        for (let i = 0; i < ref.length; i++) {
          scale = Math.max(scale, Math.abs(ref[i]!));
          worst = Math.max(worst, Math.abs(ref[i]! - fast[i]!));
        }
        expect(scale).toBeGreaterThan(1);
        expect(worst / scale).toBeLessThan(1e-5);
      });
});
