/**
 * @gradkit/optimizers: line search and gradient descent as the Training I–III practicals teach
 * them, and the `torch.optim` family (SGD with momentum/Nesterov, Adagrad, RMSprop, Adam, AdamW)
 * with PyTorch's update rules, learning-rate schedules, the lessons' test surfaces and a
 * `minimize` driver that records trajectories for plotting.
 */

/** `a·b + c` rounded once: @gradkit/core's `fma`, re-exported (the float64 kernels use it). */
export { fma } from '@gradkit/core';
export * from './adagrad.js';
export * from './adam.js';
export * from './dips.js';
export * from './l2-regularization.js';
export * from './line-search.js';
export * from './lr-scheduler.js';
export * from './minimize.js';
export * from './optimizer.js';
export * from './rmsprop.js';
export * from './sgd.js';
export * from './surfaces.js';
export * from './training.js';
