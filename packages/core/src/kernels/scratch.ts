/**
 * Reusable scratch buffers for kernels (im2col columns, GEMM staging): one growing typed array
 * per (slot, dtype), so a training loop stops allocating them after its first step.
 */
import type { FloatArray } from './registry.js';

const pool = new Map<string, FloatArray>();

/**
 * A float buffer of at least `n` elements for `slot`, reused across calls (contents are
 * arbitrary; the view has length exactly `n`). A later call with the same slot and dtype returns
 * the same memory, so a caller must be done with it before the next call for that slot.
 *
 * ```ts
 * const cols = scratchBuffer('conv.cols', 'float32', K * L);
 * ```
 */
export function scratchBuffer(slot: string, dtype: 'float32' | 'float64', n: number): FloatArray {
  const key = `${slot}:${dtype}`;
  let buf = pool.get(key);
  if (!buf || buf.length < n) {
    const size = Math.max(n, Math.ceil((buf?.length ?? 0) * 1.5));
    buf = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
    pool.set(key, buf);
  }
  return buf.length === n ? buf : buf.subarray(0, n);
}

/** Drops every cached scratch buffer (they are re-created on demand). */
export function releaseScratch(): void {
  pool.clear();
}
