/**
 * @gradkit/core's kernel layer: named kernels behind a backend registry (`'js'` reference,
 * `'wasm'` SIMD), used by the ops (matmul) and by other packages (conv's im2col + GEMM).
 */

export {
  addRowVector,
  type LinearKernel,
  linearJs,
  reluBackward,
  reluForward,
  type SgdMomentumOptions,
  sgdMomentumSimd32,
  sumRows,
} from './fused.js';
export { type FloatArray, type GemmKernel, type GemmLayout, gemm, gemmJs } from './gemm.js';
export {
  type ChannelSumKernel,
  CONV_WEIGHT_CHUNK_ELEMENTS,
  type ConvBackwardInputKernel,
  type ConvBackwardKernel,
  type ConvBackwardWeightKernel,
  type ConvForwardKernel,
  type ConvKernelDims,
  col2im,
  convChunkImages,
  gatherChannels,
  type Im2colParams,
  im2col,
  scatterChannels,
} from './im2col.js';
export {
  availableBackends,
  type BackendName,
  getBackend,
  getKernel,
  registerKernel,
  setBackend,
  withBackend,
} from './registry.js';
export { releaseScratch, scratchBuffer } from './scratch.js';
export { getNumThreads, PARALLEL_GEMM_MIN_WORK, setNumThreads } from './threads.js';
export {
  gemmWasmSimd,
  initWasm,
  WASM_GEMM_MIN_WORK,
  wasmAvailable,
  wasmMemoryBytes,
  wasmStatus,
} from './wasm.js';
