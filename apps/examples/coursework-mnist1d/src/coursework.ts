/**
 * The CM20315 coursework (Coursework I–III) as an app: the coursework-ii lesson of
 * `@gradkit/course` holds the notebook's pipeline (MNIST-1D generated exactly, the 40-100-100-10
 * ReLU MLP with He weights, cross-entropy, SGD lr 0.05 momentum 0.9, StepLR(10, 0.5), batches of
 * 100, per-epoch training/validation error %); this app runs it with the coursework's improvement
 * recipes, each the notebook's recipe with one change:
 * - `weightDecay` — L2 regularisation (UDL eq. 9.5) through SGD's `weightDecay` (PyTorch's
 *   `weight_decay`, the gradient of λ/2·‖φ‖²);
 * - `dropout` — `Dropout(p)` after each hidden ReLU (UDL section 9.3.3);
 * - `augment` — extra copies of the training set transformed by MNIST-1D's own circular
 *   translation plus Gaussian noise (UDL section 9.3.6);
 * - `ensemble` — K networks trained from different seeds whose softmax outputs are averaged
 *   (UDL section 9.3.2).
 */

import {
  mnist1dData,
  RECIPE,
  type Recipe,
  type TrainData,
  trainRecipe,
} from '@gradkit/course/lessons/coursework-ii/notebook';
import type { EpochRecord } from '@gradkit/nn';

export type { Recipe, TrainData };

/** The coursework notebook's recipe (50 epochs, no improvements). */
export const NOTEBOOK_RECIPE: Recipe = RECIPE;

/** The improvement recipes, each the notebook's recipe with one change. */
export const IMPROVEMENTS: Record<string, Partial<Recipe>> = {
  baseline: {},
  l2: { weightDecay: 1e-3 },
  dropout: { dropout: 0.2 },
  augment: { augment: 1 },
  ensemble: { ensemble: 3 },
};

/** MNIST-1D as the paper froze it (default arguments, seed 42): 4000 training, 1000 validation examples. */
export function loadData(): TrainData {
  return mnist1dData();
}

/** The result of one recipe: the first network's history and the final (ensemble) errors %. */
export interface RecipeResult {
  name: string;
  history: EpochRecord[];
  trainError: number;
  valError: number;
}

/**
 * Run a recipe: `ensemble` networks from seeds `seed, seed + 1, …`, errors of their averaged
 * softmax; `onEpoch` sees the first network's epochs.
 */
export async function runRecipe(
  name: string,
  data: TrainData,
  recipe: Recipe,
  onEpoch?: (r: EpochRecord) => void,
): Promise<RecipeResult> {
  let first = true;
  const r = await trainRecipe(data, recipe, (trainer) => {
    if (onEpoch && first) trainer.on('epoch', onEpoch);
    first = false;
    return () => {};
  });
  return { name, history: r.history, trainError: r.trainError, valError: r.valError };
}
