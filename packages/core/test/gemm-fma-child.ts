// Child process of kernels-fma.test.ts, run as `node [--experimental-wasm-relaxed-simd]
// --conditions=@gradkit/source --import tsx gemm-fma-child.ts` (GRADKIT_WASM_FMA as the test
// sets it): prints one JSON line with which build loaded, each case's float32 GEMM result and
// convolution forward, weight and input gradients (the bytes, base64) and whether two worker threads reproduce the one-thread result bit for bit.
import { conv2dBackwardWasm, conv2dForwardWasm } from '../src/kernels/conv.js';
import { gemmWasmSimd } from '../src/kernels/gemm.js';
import { setNumThreads } from '../src/kernels/threads.js';
import { relaxedSimdSupported, wasmFma, wasmStatus } from '../src/kernels/wasm.js';
import { cases, convCases, convDims, convGradOperands, convOperands, operands } from './gemm-fma-cases.js';

const results = cases.map((cs, idx) => {
  const { a, b, c } = operands(idx);
  gemmWasmSimd(cs.layout, a, 0, b, 0, c, 0, cs.m, cs.k, cs.n, cs.accumulate);
  return Buffer.from(c.buffer).toString('base64');
});

const convResults = convCases.map((cs, idx) => {
  const { x, wt, bias } = convOperands(idx);
  const dims = convDims(cs);
  const out = new Float32Array(cs.n * cs.o * dims.oh * dims.ow);
  if (!conv2dForwardWasm(x, wt, bias, out, dims, cs.relu))
    throw new Error(`conv case ${idx} did not run in WebAssembly`);
  return Buffer.from(out.buffer).toString('base64');
});

// the weight gradient alone, of g masked by relu when the case has one
const convGwResults = convCases.map((cs, idx) => {
  const { x, wt } = convOperands(idx);
  const { gOut, mask, gw0 } = convGradOperands(idx);
  const gw = gw0.slice();
  if (!conv2dBackwardWasm(gOut, cs.relu ? mask : null, x, wt, null, gw, null, convDims(cs)))
    throw new Error(`conv case ${idx}'s backward did not run in WebAssembly`);
  return Buffer.from(gw.buffer).toString('base64');
});

// the input gradient alone, onto gx0
const convGxResults = convCases.map((cs, idx) => {
  const { x, wt } = convOperands(idx);
  const { gOut, mask, gx0 } = convGradOperands(idx);
  const gx = gx0.slice();
  if (!conv2dBackwardWasm(gOut, cs.relu ? mask : null, x, wt, gx, null, null, convDims(cs)))
    throw new Error(`conv case ${idx}'s backward did not run in WebAssembly`);
  return Buffer.from(gx.buffer).toString('base64');
});

// above PARALLEL_GEMM_MIN_WORK: two bands of rows, each computed by another thread
const n = 200;
const x = Float32Array.from({ length: n * n }, (_, i) => Math.sin(0.37 * i));
const one = new Float32Array(n * n);
const two = new Float32Array(n * n);
gemmWasmSimd('NN', x, 0, x, 0, one, 0, n, n, n, false);
await setNumThreads(2);
gemmWasmSimd('NN', x, 0, x, 0, two, 0, n, n, n, false);
await setNumThreads(1);
const threadsSame = one.every((v, i) => Object.is(v, two[i]));

console.log(
  JSON.stringify({
    status: wasmStatus(),
    supported: relaxedSimdSupported(),
    fma: wasmFma(),
    results,
    convResults,
    convGwResults,
    convGxResults,
    threadsSame,
  }),
);
