/**
 * The lesson registry: one line per lesson folder. Adding a lesson is its folder
 * (`lessons/<id>/`, see CONTRIBUTING.md) and one line here.
 */

export { default as implicitRegularization92 } from './9-2-implicit-regularization/index.js';
export { default as autogradIntro } from './autograd-intro/index.js';
export { default as convolutionI } from './convolution-i/index.js';
export { default as convolutionIi } from './convolution-ii/index.js';
export { default as convolutionIii } from './convolution-iii/index.js';
export { default as courseworkI } from './coursework-i/index.js';
export { default as courseworkIi } from './coursework-ii/index.js';
export { default as courseworkIii } from './coursework-iii/index.js';
export { default as courseworkIv } from './coursework-iv/index.js';
export { default as deep } from './deep/index.js';
export { default as deep2 } from './deep2/index.js';
export { default as gdVariants } from './gd-variants/index.js';
export { default as gradientsI } from './gradients-i/index.js';
export { default as gradientsIi } from './gradients-ii/index.js';
export { default as gradientsIii } from './gradients-iii/index.js';
export { default as lossI } from './loss-i/index.js';
export { default as lossIi } from './loss-ii/index.js';
export { default as lossIii } from './loss-iii/index.js';
export { default as shallow } from './shallow/index.js';
export { default as trainingI } from './training-i/index.js';
export { default as trainingIi } from './training-ii/index.js';
export { default as trainingIii } from './training-iii/index.js';
export { default as transformers } from './transformers/index.js';
export { default as weightDecay } from './weight-decay/index.js';
