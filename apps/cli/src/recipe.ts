/**
 * The coursework's constants, kept free of heavy imports so `commands/train.ts` can use them for
 * its option defaults without loading the training code (`coursework.ts` re-exports them).
 */
import type { TrainOptions } from './coursework.js';

/** The coursework's original validation error (the notebooks' PyTorch run): the dotted line of the figure. */
export const COURSEWORK_BASELINE = 37.45;

/** The notebook's recipe. */
export const RECIPE: Omit<TrainOptions, 'json' | 'plot' | 'data'> = {
  dataset: 'mnist1d',
  model: 'mlp',
  epochs: 50,
  seed: 1,
  lr: 0.05,
  momentum: 0.9,
  batchSize: 100,
  stepSize: 10,
  gamma: 0.5,
  hidden: [100, 100],
  weightDecay: 0,
  dropout: 0,
  augment: 0,
  ensemble: 1,
  init: 'notebook',
};
