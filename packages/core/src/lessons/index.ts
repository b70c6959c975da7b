/**
 * The course lessons' library code, one namespace per notebook, with the notebook's names
 * (camelCased): `gradientsI.forwardPass`, `gradientsII.backwardPass`, `implicitRegularization.loss`, ...
 * Tests under `tests/test/` reproduce each notebook's printed numbers with them.
 */

export * as autogradIntro from './autograd-intro.js';
export * from './catalog.js';
export * as gradientsI from './gradients-i.js';
export * as gradientsII from './gradients-ii.js';
export * as gradientsIII from './gradients-iii.js';
export * as implicitRegularization from './implicit-regularization.js';
