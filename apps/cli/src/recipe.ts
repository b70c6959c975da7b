/**
 * The coursework's constants for `gradkit train`'s option defaults: the notebooks' recipe (from the
 * Coursework II lesson's `recipe.ts`, free of heavy imports so `commands/train.ts` can use it
 * without loading the training code) on generated MNIST-1D. `coursework.ts` re-exports them.
 */
import { RECIPE as NOTEBOOK_RECIPE } from '@gradkit/course/lessons/coursework-ii/recipe';
import type { TrainOptions } from './coursework.js';

export { COURSEWORK_BASELINE } from '@gradkit/course/lessons/coursework-ii/recipe';

/** The notebook's recipe, on generated MNIST-1D. */
export const RECIPE: Omit<TrainOptions, 'json' | 'plot' | 'data'> = {
  dataset: 'mnist1d',
  ...NOTEBOOK_RECIPE,
};
