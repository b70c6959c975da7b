/**
 * The CM20315 coursework (Coursework I–III) as an app would write it with the published gradkit
 * packages: generate MNIST-1D, build the notebook's 40-100-100-10 ReLU MLP with He weights,
 * train it with cross-entropy, SGD (lr 0.05, momentum 0.9) and StepLR(10, 0.5) in batches of 100,
 * and report the training/validation error % per epoch.
 *
 * The coursework's improvement recipes are options of {@link Recipe}:
 * - `weightDecay` — L2 regularisation (UDL eq. 9.5) through SGD's `weightDecay` (PyTorch's
 *   `weight_decay`, the gradient of λ/2·‖φ‖²);
 * - `dropout` — `Dropout(p)` after each hidden ReLU (UDL section 9.3.3);
 * - `augment` — extra copies of the training set transformed by MNIST-1D's own circular
 *   translation plus Gaussian noise (UDL section 9.3.6), `augmentMnist1d` of `@gradkit/datasets`;
 * - `ensemble` — K networks trained from different seeds whose softmax outputs are averaged
 *   (UDL section 9.3.2).
 */
import { astype, noGrad, RandomState, type Tensor } from '@gradkit/core';
import { augmentMnist1d, DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy, softmax } from '@gradkit/losses';
import { Dropout, type EpochRecord, init, Linear, type Module, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD, StepLR } from '@gradkit/optimizers';

/** Training and validation examples as rows `[N, 40]` (float32, as the notebook) with labels `[N]`. */
export interface Data {
  x: Tensor;
  y: Tensor;
  xVal: Tensor;
  yVal: Tensor;
}

/** One training configuration: the notebook's recipe plus the improvements. */
export interface Recipe {
  epochs: number;
  seed: number;
  lr: number;
  momentum: number;
  batchSize: number;
  stepSize: number;
  gamma: number;
  hidden: number[];
  /** L2 penalty λ (SGD weight decay); 0 = off. */
  weightDecay: number;
  /** Dropout probability after each hidden ReLU; 0 = off. */
  dropout: number;
  /** Number of augmented copies of the training set appended to it; 0 = off. */
  augment: number;
  /** Number of networks whose softmax outputs are averaged; 1 = a single network. */
  ensemble: number;
}

/** The coursework notebook's recipe (50 epochs, no improvements). */
export const NOTEBOOK_RECIPE: Recipe = {
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
};

/** The improvement recipes, each the notebook's recipe with one change. */
export const IMPROVEMENTS: Record<string, Partial<Recipe>> = {
  baseline: {},
  l2: { weightDecay: 1e-3 },
  dropout: { dropout: 0.2 },
  augment: { augment: 1 },
  ensemble: { ensemble: 3 },
};

/**
 * MNIST-1D generated with `@gradkit/datasets` (bit-compatible with the Python generator).
 * Default arguments give the paper's frozen dataset: 4000 training and 1000 validation examples.
 */
export function loadData(options: { numSamples?: number; seed?: number } = {}): Data {
  const d = makeMnist1d(options);
  return { x: astype(d.x, 'float32'), y: d.y, xVal: astype(d.xTest, 'float32'), yVal: d.yTest };
}

/** The MLP `40 → hidden… → 10` with ReLU (and Dropout), He (kaiming-uniform) weights, zero biases. */
export function buildMlp(
  recipe: Pick<Recipe, 'hidden' | 'dropout'>,
  inputDim: number,
  rng: RandomState,
): Module {
  const widths = [inputDim, ...recipe.hidden, 10];
  const layers: Module[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    if (i > 0) {
      layers.push(new ReLU());
      if (recipe.dropout > 0) layers.push(new Dropout(recipe.dropout, { rng }));
    }
    const layer = new Linear(widths[i]!, widths[i + 1]!, { rng });
    init.kaimingUniform_(layer.weight, { rng });
    if (layer.bias) init.zeros_(layer.bias);
    layers.push(layer);
  }
  return new Sequential(...layers);
}

/** Train one network of the recipe from `seed`; returns the per-epoch history and the model. */
export async function trainOne(
  data: Data,
  recipe: Recipe,
  seed: number,
  onEpoch?: (r: EpochRecord) => void,
): Promise<{ history: EpochRecord[]; model: Module }> {
  const rng = new RandomState(seed);
  const model = buildMlp(recipe, data.x.shape[1]!, rng);
  const train = augmentMnist1d(data.x, data.y, recipe.augment, rng);
  const optimizer = new SGD(model.parameters(), {
    lr: recipe.lr,
    momentum: recipe.momentum,
    weightDecay: recipe.weightDecay,
  });
  const scheduler = new StepLR(optimizer, { stepSize: recipe.stepSize, gamma: recipe.gamma });
  const trainer = new Trainer({
    model,
    loss: (out, y) => crossEntropy(out, y),
    optimizer,
    scheduler,
    epochs: recipe.epochs,
    trainLoader: new DataLoader({
      dataset: new TensorDataset(train.x, train.y),
      batchSize: recipe.batchSize,
      shuffle: true,
      rng,
    }),
    // errors are reported on the original training set, as in the notebook
    trainData: { x: data.x, y: data.y },
    valData: { x: data.xVal, y: data.yVal },
  });
  if (onEpoch) trainer.on('epoch', onEpoch);
  const history = await trainer.fit();
  return { history, model };
}

/** Error % of the class with the largest averaged softmax probability over the `models`. */
export function ensembleError(models: Module[], x: Tensor, y: Tensor): number {
  const [n] = x.shape as [number];
  let avg: Float64Array | null = null;
  for (const model of models) {
    model.eval();
    const p = noGrad(() => softmax(model.call(x), { axis: -1 }));
    if (!avg) avg = new Float64Array(p.size);
    for (let i = 0; i < p.size; i++) avg[i]! += p.data[i]! / models.length;
  }
  const probs = avg!;
  const c = probs.length / n;
  let wrong = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < c; j++) if (probs[i * c + j]! > probs[i * c + best]!) best = j;
    if (best !== y.data[i]) wrong++;
  }
  return (100 * wrong) / n;
}

/** The result of one recipe: the first network's history and the final (ensemble) validation error %. */
export interface RecipeResult {
  name: string;
  history: EpochRecord[];
  trainError: number;
  valError: number;
}

/** Run a recipe: `ensemble` networks from seeds `seed, seed + 1, …`, errors of their averaged softmax. */
export async function runRecipe(
  name: string,
  data: Data,
  recipe: Recipe,
  onEpoch?: (r: EpochRecord) => void,
): Promise<RecipeResult> {
  const runs = [];
  for (let k = 0; k < recipe.ensemble; k++)
    runs.push(await trainOne(data, recipe, recipe.seed + k, k === 0 ? onEpoch : undefined));
  const models = runs.map((r) => r.model);
  return {
    name,
    history: runs[0]!.history,
    trainError: ensembleError(models, data.x, data.y),
    valError: ensembleError(models, data.xVal, data.yVal),
  };
}
