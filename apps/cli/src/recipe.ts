/**
 * The coursework's constants for `gradkit train`'s option defaults: the notebooks' recipe (from the
 * Coursework II lesson's `recipe.ts`, free of heavy imports so `commands/train.ts` can use it
 * without loading the training code) on generated MNIST-1D, and the options of `gradkit train`.
 * `coursework.ts` re-exports them.
 */
import { RECIPE as NOTEBOOK_RECIPE, type Recipe } from '@gradkit/course/lessons/coursework-ii/recipe';
import type { CommonOptions } from './util.js';

export { COURSEWORK_BASELINE } from '@gradkit/course/lessons/coursework-ii/recipe';

/** Options of `gradkit train`: the notebook's recipe plus the data, the figure and the output. */
export interface TrainOptions extends CommonOptions, Recipe {
  dataset: 'mnist1d' | 'course';
  data?: string;
  plot?: string;
  /** Force the progress display: true = bar, false = JSON lines (default: stderr is a TTY). */
  tty?: boolean;
  /** No progress output at all (benchmarks). */
  quiet?: boolean;
}

/** The notebook's recipe, on generated MNIST-1D. */
export const RECIPE: Omit<TrainOptions, 'json' | 'plot' | 'data'> = {
  dataset: 'mnist1d',
  ...NOTEBOOK_RECIPE,
};
