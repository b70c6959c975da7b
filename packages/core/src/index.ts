/**
 * @gradkit/core: tensors with numpy broadcasting, numpy-exact RandomState, autograd and
 * special functions. See the package README for what it offers each lesson.
 */
import './autograd/setup.js';
import './methods.js';

// numpy's isclose / allclose
export * from './allclose.js';
export {
  type GradOptions,
  grad,
  type LooseArgs,
  type Loosen,
  valueAndGrad,
  vjp,
  zeroGrad,
} from './autograd/api.js';
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
  noGrad,
  type RecordOptions,
  record,
  setGradEnabled,
} from './autograd/engine.js';
// pytrees (jax.tree_util): nested arrays and plain objects of tensors; `isPlainObject` is
// `@gradkit/core/extend`
export {
  assertSameStructure,
  keyPathString,
  type PathEntry,
  type PyTree,
  type TreeDef,
  treeDefNumLeaves,
  treeFlatten,
  treeLeafPaths,
  treeLeaves,
  treeMap,
  treeMapWithPath,
  treeStructureEqual,
  treeUnflatten,
} from './autograd/pytree.js';
// exact integer combinatorics (math.comb)
export * from './combinatorics.js';
// dtypes; the helpers an op uses to pick and cast dtypes are `@gradkit/core/extend`
export {
  allocate,
  type DataArray,
  DTYPES,
  type DType,
  isDType,
  isFloatDType,
  promoteTypes,
} from './dtype.js';
export { AutogradError, DTypeError, GradkitError, IndexError, ShapeError, ValueError } from './errors.js';
// 16-bit floats (float16, bfloat16) and the safetensors format
export * from './float16.js';
export { fma } from './fma.js';
// high-dimensional geometry (Coursework IV)
export * from './geometry.js';
// kernel backends ('js' / 'wasm') and threads: the controls a user sets; the kernels themselves,
// their typed registry and the engine's gradient buffers are the `@gradkit/core/kernels` subpath
export {
  availableBackends,
  getBackend,
  getNumThreads,
  initWasm,
  type KernelBackend,
  setBackend,
  setNumThreads,
  wasmAvailable,
  wasmFma,
  wasmStatus,
  withBackend,
} from './kernels/index.js';
// least squares and the singular value decomposition (numpy.linalg.lstsq, numpy.linalg.svd)
export * from './lstsq.js';
// element-wise, reductions, special functions
// the element-wise machinery's internals (binaryOperands, mapBinary, mapBinaryKernel,
// unbroadcast) stay inside core
export { add, broadcastTo, div, mul, neg, sub } from './ops/arith.js';
export * from './ops/binary.js';
export * from './ops/correlate.js';
export {
  asStrided,
  gather,
  type IndexSpec,
  index,
  indexPut,
  indexSelect,
  maskedSelect,
  newaxis,
  Slice,
  scatterAdd,
  setIndex,
  slice,
  take,
} from './ops/indexing.js';
export * from './ops/linalg.js';
export * from './ops/linear.js';
export { dot, inner, matmul, outer } from './ops/matmul.js';
// the median along an axis (numpy.median)
export * from './ops/median.js';
export * from './ops/histogram.js';
export * from './ops/reduce.js';
// shapes, indexing, linear algebra, sorting
export * from './ops/shape.js';
export * from './ops/sort.js';
export * from './ops/unary.js';
// random numbers (numpy legacy RandomState)
export * from './random/index.js';
export * from './safetensors.js';
export * from './special.js';
export { STEP_BUFFER_MIN_ELEMENTS, StepBuffers } from './step-buffers.js';
export { type SvdOptions, type SvdResult, svd } from './svd.js';
// tensors and their constructors (`setCloneImpl`, autograd's hook into `clone`, stays inside core)
export {
  arange,
  asTensor,
  eye,
  fromData,
  full,
  fullLike,
  linspace,
  MAX_DIMS,
  type NestedArray,
  ones,
  onesLike,
  Tensor,
  type TensorData,
  type TensorLike,
  type TensorOptions,
  tensor,
  zeros,
  zerosLike,
} from './tensor.js';
