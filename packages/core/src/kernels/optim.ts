/**
 * The optimizers' update kernels that have a WebAssembly form: `sgdMomentum32` (see
 * `SgdMomentumKernel` in `registry.ts`), one SGD-with-momentum step over float32 parameters.
 *
 * - `'js'`: registered by `@gradkit/optimizers` (its float32 loop in `src/sgd.ts`,
 *   the arithmetic of PyTorch's `_single_tensor_sgd`);
 * - `'wasm'`: that arithmetic in f64x2 lanes (`wasm/assembly/optim.ts`), bit for bit, for 256+
 *   values; fewer values, or memory that cannot grow, take the `'js'` kernel.
 */
import { getKernel, registerKernel, type SgdMomentumKernel } from './registry.js';
import { align16, ensureMemory, wasm } from './wasm.js';

/** Below this many parameters the step stays in JavaScript (the call and copies cost more). */
const SIMD_MIN = 256;

/** The `'wasm'` `sgdMomentum32` kernel: parameters, gradient and buffer copied in, updated, copied out. */
const sgdMomentumWasm: SgdMomentumKernel = (param, grad, buf, initBuffer, o) => {
  const n = param.length;
  const pp = wasm.arena;
  const pg = align16(pp + n * 4);
  const pb = align16(pg + n * 4);
  if (n < SIMD_MIN || !ensureMemory(pb + n * 4))
    return getKernel('sgdMomentum32', 'js')(param, grad, buf, initBuffer, o);
  const f32 = wasm.f32;
  f32.set(param, pp >> 2);
  f32.set(grad.subarray(0, n), pg >> 2);
  if (!initBuffer) f32.set(buf.subarray(0, n), pb >> 2);
  const finite = wasm.ex!.sgdMomentumF32(
    pp,
    pg,
    pb,
    n,
    initBuffer ? 1 : 0,
    o.lr,
    o.momentum,
    o.dampening,
    o.nesterov ? 1 : 0,
    o.weightDecay,
    o.maximize ? 1 : 0,
  );
  param.set(f32.subarray(pp >> 2, (pp >> 2) + n));
  buf.set(f32.subarray(pb >> 2, (pb >> 2) + n));
  return finite === 1;
};

if (wasm.ex) registerKernel('sgdMomentum32', 'wasm', sgdMomentumWasm);
