/**
 * Step buffers: the storage of one training step's tensors, handed to the same tensors of the next
 * step instead of fresh memory.
 *
 * A training loop makes the same tensors in the same order every step: each layer's output, the
 * loss and what it computed. Fresh typed arrays are cheap in Node, whose allocator hands back the
 * memory of arrays that just died, but in Chromium a fresh `ArrayBuffer`'s memory is faulted in
 * page by page when first written, which costs what the machine's page faults cost: 14 µs per
 * 4 KB page, 30 times Node's, on this project's machine one day (the coursework MLP's forward then
 * took three times as long in the page as in Node); a step that writes into last step's memory
 * pays none of it (docs/performance.md).
 *
 * Inside `steps.run(fn)` (synchronous), every float32 or float64 storage of at least
 * {@link STEP_BUFFER_MIN_ELEMENTS} elements that an op allocates is the n-th buffer of the previous
 * run when that has the same dtype and length, zero-filled as fresh storage is, and otherwise a new
 * array that becomes the n-th buffer for the next run. So a training loop that runs its forward
 * and loss inside `run` allocates nothing once warmed up, as the backward pass already does with
 * the engine's gradient buffers (`kernels/grad-buffers.ts`).
 *
 * The contract: **a tensor made inside one run is valid until the next run begins.** Its storage is
 * then another tensor's. The backward pass, `optimizer.step()` and anything else that reads the
 * step's tensors must come before the next run, and nothing may keep them (or their `data`) past
 * it. A tensor set to require gradients inside a run (a parameter a layer makes on its first call)
 * is taken out of the buffers for good. Modules that update state in place (batch norm's running
 * statistics) are fine; a module that stores a tensor its forward computed for later steps is not.
 * `Trainer`'s `reuseActivations` option runs each step's forward and loss this way.
 *
 * ```ts
 * const steps = new StepBuffers();
 * for (const [x, y] of loader) {
 *   const loss = steps.run(() => crossEntropy(model.call(x), y));
 *   backward(loss); // reads the step's tensors: before the next run
 *   optimizer.step();
 * }
 * ```
 */
import { ValueError } from './errors.js';

/** Storage smaller than this many elements is always fresh (too small to page-fault much). */
export const STEP_BUFFER_MIN_ELEMENTS = 256;

type FloatStorage = Float32Array | Float64Array;

let active: StepBuffers | null = null;

/** Reuses the storage of a training step's tensors across steps (see the module comment). */
export class StepBuffers {
  private buffers: (FloatStorage | null)[] = [];
  private used = 0;

  /**
   * Run `fn` (synchronous) with its tensors' storage taken from this object's buffers: the
   * buffers of the previous run are handed out again in order. Returns `fn`'s result. Runs may
   * nest (the inner one uses its own buffers).
   */
  run<T>(fn: () => T): T {
    const outer = active;
    active = this;
    this.used = 0;
    let result: T;
    try {
      result = fn();
    } finally {
      active = outer;
    }
    if (
      result !== null &&
      typeof result === 'object' &&
      typeof (result as { then?: unknown }).then === 'function'
    )
      throw new ValueError(
        'StepBuffers.run',
        'fn returned a promise; it must be synchronous (the buffers are handed out only while it runs)',
      );
    return result;
  }

  /** The bytes of storage held for the next run. */
  get bytes(): number {
    let b = 0;
    for (const buf of this.buffers) b += buf?.byteLength ?? 0;
    return b;
  }

  /** Drop every buffer (the next run allocates afresh). */
  clear(): void {
    this.buffers = [];
    this.used = 0;
  }

  /** The next buffer of this run for `n` elements of `dtype`, zeroed. @internal */
  take(dtype: 'float32' | 'float64', n: number): FloatStorage {
    const i = this.used++;
    const old = this.buffers[i];
    if (old != null && old.length === n && old instanceof Float32Array === (dtype === 'float32')) {
      old.fill(0);
      return old;
    }
    const fresh = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
    this.buffers[i] = fresh;
    return fresh;
  }

  /** Stop handing out `data` (a tensor that outlives the step was made with it). @internal */
  forget(data: unknown): void {
    const i = this.buffers.indexOf(data as FloatStorage);
    if (i >= 0) this.buffers[i] = null;
  }
}

/**
 * Storage for `n` elements of `dtype` from the running `StepBuffers`, or null outside a run (or
 * for an integer dtype or a small size): `allocate`'s hook. @internal
 */
export function stepStorage(dtype: string, n: number): FloatStorage | null {
  if (active === null || n < STEP_BUFFER_MIN_ELEMENTS || (dtype !== 'float32' && dtype !== 'float64'))
    return null;
  return active.take(dtype, n);
}

/** A tensor's storage will outlive the step: no run may hand it out again. @internal */
export function keepStorage(data: unknown): void {
  active?.forget(data);
}
