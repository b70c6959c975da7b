/**
 * @gradkit/core: tensors with numpy broadcasting, numpy-exact RandomState, autograd and
 * special functions. See the package README for what it offers each lesson.
 */
import './autograd/setup.js';
import './methods.js';

export * from './autograd/api.js';
export * from './autograd/checkgrad.js';
// autograd
export {
  type BackwardFn,
  backward,
  enableGrad,
  type GradientsOptions,
  type GradNode,
  gradients,
  isGradEnabled,
  leafGradScratch,
  noGrad,
  passGradScratch,
  record,
  setGradEnabled,
} from './autograd/engine.js';
export * from './autograd/pytree.js';
export * from './dtype.js';
export * from './errors.js';
export { fma } from './fma.js';
// high-dimensional geometry (Coursework IV)
export * from './geometry.js';
// kernel layer (backends 'js' / 'wasm': GEMM, im2col/col2im, fused training kernels)
export * from './kernels/index.js';
// element-wise, reductions, special functions
export * from './ops/arith.js';
export * from './ops/binary.js';
export * from './ops/indexing.js';
export * from './ops/linalg.js';
export * from './ops/reduce.js';
// shapes, indexing, linear algebra, sorting
export * from './ops/shape.js';
export * from './ops/sort.js';
export * from './ops/unary.js';
// random numbers (numpy legacy RandomState)
export * from './random/index.js';
export { broadcastShapes, normalizeAxes, normalizeAxis, sameShape, shapeSize, stridesOf } from './shape.js';
export * from './special.js';
export * from './tensor.js';
