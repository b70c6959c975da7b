/**
 * UDL Notebook 11.3: Batch Normalization (`udlbook/11_3_Batch_Normalization.md`, book section
 * 11.4, figure 11.6b–c), the notebook translated to library calls. A residual network on MNIST-1D
 * (`@gradkit/datasets`' `makeMnist1d`, equal to `mnist1d.data.get_dataset(args)`: 4000 training
 * signals of length 40): `Linear(40, 100)`, five residual branches `res + Linear(100, 100)(ReLU(res))`
 * and `Linear(100, 10)`, which prints the variance of the hidden units over a batch at the input, at
 * the first preactivation and after every residual connection (`print_variance`). The notebook's
 * `run_one_step_of_model` builds SGD (lr 0.05, momentum 0.9) and a shuffled DataLoader of batches of
 * 200, applies He initialization (`weights_init`: `kaiming_uniform_` weights, zero biases) and takes
 * one SGD step on the first batch, so the variances printed are those at initialization. Without
 * normalization they roughly double at each residual connection (figure 11.6b); its TODO puts a
 * `BatchNorm1d` at the start of every residual branch (figure 11.6c), after which they grow by about
 * one per branch (linearly).
 *
 * Seeds: the notebook seeds nothing but numpy (`worker_init_fn=np.random.seed(1)`); PyTorch's
 * initialization and shuffle are unseeded. Here one `RandomState(1)` draws everything, in the
 * notebook's order: PyTorch's default init of the first network's seven layers, its
 * `weights_init`, the shuffle of the first batch, then the same for the batch-norm network.
 *
 * ```ts
 * import { ResidualNetworkWithBatchNorm, runOneStepOfModel } from '@gradkit/course/lessons/11-3-batch-normalization/notebook';
 * const model = new ResidualNetworkWithBatchNorm(40, 10, 100, { rng, monitor: (name, h) => console.log(name, neuronVariance(h)) });
 * runOneStepOfModel(model, x_train, y_train, rng);
 * ```
 */
import {
  add,
  type DType,
  mean,
  RandomState,
  ShapeError,
  type Tensor,
  ValueError,
  variance,
} from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { DataLoader, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { BatchNorm1d, Linear, Module, relu } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { printDataSizes } from '../8-1-mnist-1d-performance/notebook.js';
import { mnist1dData, weightsInit } from '../coursework-ii/notebook.js';

/** The notebook's sizes: `n_input = 40`, `n_hidden = 100`, `n_output = 10`. */
export const N_INPUT = 40;
export const N_HIDDEN = 100;
export const N_OUTPUT = 10;

/** `run_one_step_of_model`'s settings (and the seed of the one `RandomState` that draws everything). */
export const SETTINGS = { lr: 0.05, momentum: 0.9, batchSize: 200, seed: 1 } as const;

/** The names `forward` prints, in order. */
export const VARIANCE_NAMES = [
  'Input',
  'First preactivation',
  'After first residual connection',
  'After second residual connection',
  'After third residual connection',
  'After fourth residual connection',
  'After fifth residual connection',
] as const;

/**
 * `print_variance`'s number: `np.mean(np.var(data, axis=0))`, the variance over the batch (rows) of
 * every neuron (column), biased (divided by the batch size), averaged over the neurons.
 */
export function neuronVariance(data: Tensor): number {
  if (data.ndim !== 2 || data.shape[0]! < 1 || data.shape[1]! < 1)
    throw new ShapeError(
      'neuronVariance',
      `data must be a non-empty [batch, neurons] matrix, received shape ${showShape(data.shape)}`,
    );
  return mean(variance(data.detach(), { axis: 0 })).item();
}

/** Called by `forward` at each point the notebook's `print_variance` runs: the name and the activations. */
export type VarianceMonitor = (name: (typeof VARIANCE_NAMES)[number], data: Tensor) => void;

/** Options of {@link ResidualNetwork}. */
export interface ResidualNetworkOptions {
  /** Draws PyTorch's default initialization of the seven layers (default: core's generator). */
  rng?: RandomState;
  /** Sees the activations where the notebook prints their variance (default: none). */
  monitor?: VarianceMonitor;
  /** Parameter dtype (default 'float32', as PyTorch). */
  dtype?: DType;
}

/**
 * The notebook's `ResidualNetwork`: `linear1` (input → hidden), five residual connections
 * `res_k = res_{k−1} + linear_{k+1}(ReLU(res_{k−1}))` (`res_0` the first preactivation) and
 * `linear7` (hidden → output); the parameters under PyTorch's names, so a `state_dict` of the
 * notebook's model loads. `monitor` is called where the notebook calls `print_variance`.
 */
export class ResidualNetwork extends Module {
  declare linear1: Linear;
  declare linear2: Linear;
  declare linear3: Linear;
  declare linear4: Linear;
  declare linear5: Linear;
  declare linear6: Linear;
  declare linear7: Linear;
  monitor: VarianceMonitor | null;

  constructor(inputSize: number, outputSize: number, hiddenSize = 100, options: ResidualNetworkOptions = {}) {
    super();
    for (const [name, v] of [
      ['inputSize', inputSize],
      ['outputSize', outputSize],
      ['hiddenSize', hiddenSize],
    ] as const)
      if (!Number.isInteger(v) || v < 1)
        throw new ValueError(
          this.constructor.name,
          `${name} must be a positive integer, received ${show(v)}`,
        );
    const o = { rng: options.rng, dtype: options.dtype };
    const sizes = [
      [inputSize, hiddenSize],
      [hiddenSize, hiddenSize],
      [hiddenSize, hiddenSize],
      [hiddenSize, hiddenSize],
      [hiddenSize, hiddenSize],
      [hiddenSize, hiddenSize],
      [hiddenSize, outputSize],
    ];
    sizes.forEach(([i, out], k) => this.registerModule(`linear${k + 1}`, new Linear(i!, out!, o)));
    this.monitor = options.monitor ?? null;
  }

  /** The contents of residual branch `k` (1..5) applied to `res`: `linear_{k+1}(ReLU(res))`. */
  protected branch(k: number, res: Tensor): Tensor {
    return this.linearAt(k + 1).call(relu(res));
  }

  protected linearAt(k: number): Linear {
    return this[`linear${k}` as 'linear1'];
  }

  forward(x: Tensor): Tensor {
    const printVariance = (name: (typeof VARIANCE_NAMES)[number], t: Tensor) => this.monitor?.(name, t);
    printVariance('Input', x);
    let res = this.linear1.call(x);
    printVariance('First preactivation', res);
    for (let k = 1; k <= 5; k++) {
      res = add(res, this.branch(k, res));
      printVariance(VARIANCE_NAMES[k + 1]!, res);
    }
    return this.linear7.call(res);
  }

  /** `count_params`: the number of trainable values. */
  countParams(): number {
    return this.parameters().reduce((a, p) => a + p.size, 0);
  }
}

/**
 * The notebook's TODO completed as figure 11.6c intends: a `BatchNorm1d(hidden)` (`bn1`..`bn5`) at
 * the start of every residual branch, `res_k = res_{k−1} + linear_{k+1}(ReLU(bn_k(res_{k−1})))`.
 */
export class ResidualNetworkWithBatchNorm extends ResidualNetwork {
  declare bn1: BatchNorm1d;
  declare bn2: BatchNorm1d;
  declare bn3: BatchNorm1d;
  declare bn4: BatchNorm1d;
  declare bn5: BatchNorm1d;

  constructor(inputSize: number, outputSize: number, hiddenSize = 100, options: ResidualNetworkOptions = {}) {
    super(inputSize, outputSize, hiddenSize, options);
    for (let k = 1; k <= 5; k++)
      this.registerModule(`bn${k}`, new BatchNorm1d(hiddenSize, { dtype: options.dtype }));
  }

  protected override branch(k: number, res: Tensor): Tensor {
    const bn = this[`bn${k}` as 'bn1'];
    return this.linearAt(k + 1).call(relu(bn.call(res)));
  }
}

/**
 * One SGD step on one batch, as the notebook's loop body: zero the gradients, forward, the
 * cross-entropy loss, backward, `optimizer.step()`. Returns the loss.
 */
export function stepOnBatch(model: Module, xBatch: Tensor, yBatch: Tensor, optimizer: SGD): number {
  optimizer.zeroGrad();
  const pred = model.call(xBatch);
  const loss = crossEntropy(pred, yBatch);
  loss.backward();
  optimizer.step();
  return loss.item();
}

/**
 * The notebook's `run_one_step_of_model`: SGD(lr 0.05, momentum 0.9), a shuffled DataLoader of
 * batches of 200, `model.apply(weights_init)` (He initialization of every `Linear`), then one step
 * on the first batch (the notebook breaks out of the loop). Every draw from `rng`, in that order.
 * Returns the step's loss.
 */
export function runOneStepOfModel(model: Module, xTrain: Tensor, yTrain: Tensor, rng: RandomState): number {
  const optimizer = new SGD(model.parameters(), { lr: SETTINGS.lr, momentum: SETTINGS.momentum });
  const dataLoader = new DataLoader({
    dataset: new TensorDataset(xTrain, yTrain),
    batchSize: SETTINGS.batchSize,
    shuffle: true,
    rng,
  });
  model.apply((m) => {
    if (m instanceof Linear) weightsInit(m, rng);
  });
  for (const [xBatch, yBatch] of dataLoader) return stepOnBatch(model, xBatch!, yBatch!, optimizer);
  throw new ValueError('runOneStepOfModel', 'the training set is empty');
}

/** The notebook, top to bottom: the data sizes, then one step of each network, printing the variances. */
export async function run(nb: Notebook): Promise<void> {
  const data = mnist1dData();
  printDataSizes(nb, data.y.size, data.yVal.size, data.x.shape[1]!, { transposed: true });

  const monitor: VarianceMonitor = (name, h) => {
    const neuron_variance = neuronVariance(h);
    nb.show('neuron_variance', neuron_variance, { loop: true });
    nb.print(pyFormat('%s variance=%f', name, neuron_variance));
  };
  nb.setAll({ n_hidden: N_HIDDEN, n_input: N_INPUT, n_output: N_OUTPUT });
  const rng = new RandomState(SETTINGS.seed);
  for (const Net of [ResidualNetwork, ResidualNetworkWithBatchNorm]) {
    const model = new Net(N_INPUT, N_OUTPUT, N_HIDDEN, { rng, monitor });
    runOneStepOfModel(model, data.x, data.y, rng);
  }
}
