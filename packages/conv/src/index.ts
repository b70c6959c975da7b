/**
 * @gradkit/conv: convolution the way Convolution I–III teach it — the notebook's loops as a
 * readable reference, an im2col fast path equal to PyTorch, pooling, transposed convolution,
 * and (in modules.ts) Conv1d/Conv2d modules that train with @gradkit/core's autograd.
 */

export * from './functional.js';
export type {
  ChannelSumKernel,
  ConvBackwardInputKernel,
  ConvBackwardKernel,
  ConvBackwardWeightKernel,
  ConvForwardKernel,
} from './kernels.js';
export * from './modules.js';
export * from './params.js';
export * from './pool.js';
export * from './reference.js';
export * from './resample.js';
