/**
 * `@gradkit/core/kernels`: the kernel layer. Ops (`ops/`, and `@gradkit/conv`'s convolutions)
 * define the maths, check their inputs and record their backward rules; the number crunching runs
 * in named kernels looked up in a typed registry (`Kernels`, `getKernel`, `registerKernel`), each
 * with a `'js'` implementation (readable loops) and, where it wins, a `'wasm'` one (SIMD). The map:
 *
 * | topic | kernels | JavaScript side | WebAssembly source |
 * | --- | --- | --- | --- |
 * | matrix products | `gemm` | `gemm.ts`, `gemm-js.ts` | `wasm/assembly/gemm.ts` |
 * | products with a matrix kept in linear memory (inference) | `matmulResidentNT`, `ResidentMatrix` | `gemm.ts` | `wasm/assembly/gemm.ts` (`gemvNTF32`) |
 * | fully connected layer | `linear` | `linear.ts` | `wasm/assembly/linear.ts` |
 * | ReLU, bias rows, column sums | `reluForward`, `reluBackward`, `addRowVector`, `sumRows` | `elementwise.ts` | `wasm/assembly/elementwise.ts` |
 * | a row's argmax and log-sum-exp (inference) | `argmax`, `logSumExp`, `logSumExp32` | `reduce.ts` | `wasm/assembly/reduce.ts` |
 * | optimizer steps | `sgdMomentum32` (`'js'`: `@gradkit/optimizers`) | `optim.ts` | `wasm/assembly/optim.ts` |
 * | convolution | `conv2dForward`, `conv2dBackward`, … (registered by `@gradkit/conv`) | `im2col.ts`, `conv.ts` | `wasm/assembly/conv.ts` |
 * | 2×2 max pooling, Dropout2d's multiply | `maxPool2x2Wasm`, `maxPool2x2BackwardWasm`, `scalePlanesWasm` (called by `@gradkit/conv`) | `pool.ts` | `wasm/assembly/pool.ts` |
 *
 * Besides the kernels: the gradient-buffer protocol of the autograd engine (`gradBuffer`, see
 * `grad-buffers.ts`), reusable scratch buffers (`scratchBuffer`), worker threads for large GEMMs
 * (automatic on Node's main thread; `setNumThreads`) and the WebAssembly module's loader (`initWasm`, `wasmStatus`).
 */
import './optim.js'; // registers the 'wasm' sgdMomentum32 kernel

export { conv2dBackwardWasm, conv2dForwardWasm } from './conv.js';
export { addRowVector, reluBackward, reluForward, sumRows } from './elementwise.js';
export {
  gemm,
  gemmJs,
  gemmWasmSimd,
  matmulResidentNT,
  ResidentMatrix,
  WASM_GEMM_MIN_WORK,
} from './gemm.js';
export { gradBuffer } from './grad-buffers.js';
export {
  CONV_WEIGHT_CHUNK_ELEMENTS,
  type ConvKernelDims,
  col2im,
  convChunkImages,
  gatherChannels,
  type Im2colParams,
  im2col,
  scatterChannels,
} from './im2col.js';
export { linearJs } from './linear.js';
export { maxPool2x2BackwardWasm, maxPool2x2Wasm, scalePlanesWasm } from './pool.js';
export { argmax, logSumExp, logSumExp32 } from './reduce.js';
export {
  type AddRowVectorKernel,
  type ArgmaxKernel,
  availableBackends,
  type FloatArray,
  type GemmKernel,
  type GemmLayout,
  getBackend,
  getKernel,
  type KernelBackend,
  type KernelName,
  type Kernels,
  type LinearKernel,
  type LogSumExp32Kernel,
  type LogSumExpKernel,
  type ReluBackwardKernel,
  type ReluForwardKernel,
  registerKernel,
  type SgdMomentumKernel,
  type SgdMomentumOptions,
  type SumRowsKernel,
  setBackend,
  withBackend,
} from './registry.js';
export { releaseScratch, scratchBuffer } from './scratch.js';
export { AUTO_MAX_THREADS, getNumThreads, PARALLEL_GEMM_MIN_WORK, setNumThreads } from './threads.js';
export { initWasm, wasmAvailable, wasmFma, wasmMemoryBytes, wasmStatus } from './wasm.js';
