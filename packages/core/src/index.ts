/**
 * @gradkit/core: tensors with numpy broadcasting, numpy-exact RandomState, autograd and
 * special functions. See the package README for the lessons it serves.
 */
import './autograd/setup.js';
import './methods.js';

export * from './errors.js';
export * from './dtype.js';
export { shapeSize, stridesOf, broadcastShapes, normalizeAxis, normalizeAxes, sameShape } from './shape.js';
export * from './tensor.js';
export * from './ops/arith.js';
export {
  backward,
  gradients,
  noGrad,
  enableGrad,
  isGradEnabled,
  setGradEnabled,
  record,
  type GradNode,
  type BackwardFn,
  type GradientsOptions,
} from './autograd/engine.js';
