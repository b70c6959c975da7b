/**
 * @gradkit/nn: activations, PyTorch-style modules (`Module`, `Linear`, `Sequential`, `Flatten`,
 * `Dropout`, ...), initialisers with PyTorch's formulas and the book's He initialization, the
 * book's shallow and deep networks in its own notation, and safetensors (de)serialisation of
 * state dicts. File I/O lives in `@gradkit/nn/node`.
 */
export * from './activations.js';
export * from './batchnorm.js';
export * from './book.js';
export * from './callbacks.js';
export * from './fuse.js';
export * from './init.js';
/** The initialisers also as a namespace, PyTorch's `nn.init` (`init.kaimingUniform_(w, { rng })`), avoiding clashes with core's `zeros`. */
export * as init from './init.js';
export * from './layers.js';
export * from './module.js';
export * as prune from './prune.js';
export * from './regions.js';
export type { Rng } from './rng.js';
export * from './safetensors.js';
export * from './trainer.js';
