/**
 * The `linear` kernel (see `LinearKernel` in `registry.ts`): a fully connected layer's forward
 * `out = x·wᵀ (+ bias) (then max(·, 0))` on raw arrays, the number crunching of core's
 * `linear`/`linearRelu` ops.
 *
 * - `'js'`: the current backend's `gemm` ('NT'), then `addRowVector` and `reluForward`;
 * - `'wasm'`: the same three steps in linear memory with one copy back
 *   (`wasm/assembly/linear.ts`: the GEMM, then the bias and relu epilogue): the same bits. Products
 *   below `WASM_GEMM_MIN_WORK`, ones split over worker threads, and memory that cannot grow take the
 *   `'js'` kernel (whose steps then run on this backend's own kernels).
 */
import { addRowVector, reluForward } from './elementwise.js';
import { WASM_GEMM_MIN_WORK } from './gemm.js';
import { type FloatArray, getKernel, type LinearKernel, registerKernel } from './registry.js';
import { align16, ensureMemory, wasm } from './wasm.js';

/** The `'js'` `linear` kernel. */
export const linearJs: LinearKernel = (x, w, bias, out, m, k, n, relu) => {
  getKernel('gemm')('NT', x, 0, w, 0, out, 0, m, k, n, false);
  if (bias !== null) addRowVector(out, bias, m, n);
  if (relu) reluForward(out, out, m * n);
};

/** The `'wasm'` `linear` kernel. */
const linearWasm: LinearKernel = (x, w, bias, out, m, k, n, relu) => {
  const work = m * k * n;
  const is64 = out instanceof Float64Array;
  const bytes = is64 ? 8 : 4;
  const pa = align16(wasm.arena);
  const pw = align16(pa + m * k * bytes);
  const pb = align16(pw + n * k * bytes);
  const pc = align16(pb + (bias === null ? 0 : n) * bytes);
  const parallel = wasm.parallel;
  wasm.largeGemm?.(m, n, k);
  if (work < WASM_GEMM_MIN_WORK || parallel?.pays(m, n, k) || !ensureMemory(pc + m * n * bytes)) {
    linearJs(x, w, bias, out, m, k, n, relu);
    return;
  }
  const view: FloatArray = is64 ? wasm.f64 : wasm.f32;
  const shift = is64 ? 3 : 2;
  view.set(x.subarray(0, m * k), pa >> shift);
  view.set(w.subarray(0, n * k), pw >> shift);
  if (bias !== null) view.set(bias.subarray(0, n), pb >> shift);
  const ex = wasm.ex!;
  (is64 ? ex.linearF64 : ex.linearF32)(
    pa,
    pw,
    bias === null ? 0 : pb,
    pc,
    m,
    k,
    n,
    relu ? 1 : 0,
    wasm.packA,
    wasm.packB,
  );
  out.set(view.subarray(pc >> shift, (pc >> shift) + m * n));
};

registerKernel('linear', 'js', linearJs);
if (wasm.ex) registerKernel('linear', 'wasm', linearWasm);
