/**
 * UDL Notebook 11.2: Residual Networks (`udlbook/11_2_Residual_Networks.md`, book section 11.2,
 * figure 11.5b), the notebook translated to library calls. The MNIST-1D network of Notebook 8.1
 * rewritten as a `Module` with four linear layers (`linear1` 40→100, `linear2` and `linear3`
 * 100→100, `linear4` 100→10) and, the TODO, residual connections around the middle two, each
 * residual block being a ReLU followed by a linear layer (figure 11.5b):
 * ```
 * h1 = linear1(x),  h2 = h1 + linear2(ReLU(h1)),  h3 = h2 + linear3(ReLU(h2)),  y = linear4(h3)
 * ```
 * He initialization (`kaiming_uniform_`, zero biases), cross-entropy, SGD lr 0.05 momentum 0.9,
 * StepLR(20, 0.5), shuffled batches of 100, 100 epochs, with the loss and error on the whole
 * training and validation sets after every epoch. The data are MNIST-1D with the reference
 * generator's default arguments (`@gradkit/datasets`' `makeMnist1d`, equal to
 * `mnist1d.data.get_dataset(args)`: 4000 training and 1000 validation signals of length 40).
 *
 * Seeds: the notebook seeds nothing but numpy (`worker_init_fn=np.random.seed(1)` runs once, when
 * the DataLoader is built); PyTorch's initialization and shuffling are unseeded, so its numbers
 * change from run to run. Here one `RandomState(1)` draws everything in the notebook's order:
 * PyTorch's default init of the four layers (at construction), `model.apply(weights_init)`, then
 * each epoch's shuffle. The notebook's last TODO (with and without the residual connections) is
 * `new ResidualNetwork(40, 10, 100, { residual: false })`, the notebook's original forward.
 *
 * ```ts
 * import * as rn from '@gradkit/course/lessons/11-2-residual-networks/notebook';
 * const history = await rn.makeTrainer(rn.mnist1dData(), 10).fit();   // 10 epochs
 * ```
 */
import { RandomState, type Tensor } from '@gradkit/core';
import { DataLoader, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { type EpochRecord, Linear, Module, relu, Trainer } from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { fitAndRecord, printDataSizes } from '../8-1-mnist-1d-performance/notebook.js';
import {
  courseworkOptimizer,
  mnist1dData as generateMnist1d,
  type TrainData,
  weightsInit,
} from '../coursework-ii/notebook.js';

let cachedData: TrainData | undefined;
/**
 * MNIST-1D as the notebook loads it (`@gradkit/datasets`' exact generator, default arguments,
 * seed 42; signals float32 as rows), generated once per process and shared by the runs.
 */
export function mnist1dData(): TrainData {
  cachedData ??= generateMnist1d();
  return cachedData;
}

/** The notebook's sizes: `D_i = 40` inputs, 100 hidden units, `D_o = 10` outputs. */
export const D_I = 40;
export const D_HIDDEN = 100;
export const D_O = 10;

/** The notebook's training settings. */
export const SETTINGS = {
  lr: 0.05,
  momentum: 0.9,
  weightDecay: 0,
  stepSize: 20,
  gamma: 0.5,
  batchSize: 100,
  epochs: 100,
  seed: 1,
} as const;

/** Options of {@link ResidualNetwork}. */
export interface ResidualNetworkOptions {
  /** Draws PyTorch's default initialization of the four layers (as `new Linear(…, { rng })`). */
  rng?: RandomState;
  /** With the residual connections (the TODO; default) or without (the notebook's original forward). */
  residual?: boolean;
}

/**
 * The notebook's `ResidualNetwork(input_size, output_size, hidden_size=100)`: a `Module` with
 * `linear1` `[hidden, input]`, `linear2`, `linear3` `[hidden, hidden]` and `linear4`
 * `[output, hidden]` (PyTorch's state-dict names). `forward` is the TODO, the residual network of
 * figure 11.5b: `h1 = linear1(x)`, `h2 = h1 + linear2(ReLU(h1))`, `h3 = h2 + linear3(ReLU(h2))`,
 * `linear4(h3)`. With `residual: false` it is the notebook's original forward, a plain network
 * `linear4(ReLU(linear3(ReLU(linear2(ReLU(linear1(x)))))))`. Input `[N, input]`, output `[N, output]`.
 */
export class ResidualNetwork extends Module {
  linear1: Linear;
  linear2: Linear;
  linear3: Linear;
  linear4: Linear;
  readonly residual: boolean;

  constructor(inputSize: number, outputSize: number, hiddenSize = 100, options: ResidualNetworkOptions = {}) {
    super();
    const { rng, residual = true } = options;
    this.linear1 = new Linear(inputSize, hiddenSize, { rng });
    this.linear2 = new Linear(hiddenSize, hiddenSize, { rng });
    this.linear3 = new Linear(hiddenSize, hiddenSize, { rng });
    this.linear4 = new Linear(hiddenSize, outputSize, { rng });
    this.residual = residual;
  }

  /** The notebook's `count_params`: the number of weights and biases (25310 for 40, 10, 100). */
  countParams(): number {
    return this.numParameters();
  }

  forward(x: Tensor): Tensor {
    if (this.residual) {
      const h1 = this.linear1.call(x);
      const h2 = h1.add(this.linear2.call(relu(h1)));
      const h3 = h2.add(this.linear3.call(relu(h2)));
      return this.linear4.call(h3);
    }
    const h1 = relu(this.linear1.call(x));
    const h2 = relu(this.linear2.call(h1));
    const h3 = relu(this.linear3.call(h2));
    return this.linear4.call(h3);
  }

  override describe(): string {
    return `ResidualNetwork(${this.residual ? 'residual' : 'plain'})`;
  }
}

/**
 * The notebook's model cell and training cell up to the loop: `ResidualNetwork(40, 10)` (PyTorch's
 * default init drawn from `rng`), then `model.apply(weights_init)`.
 */
export function makeModel(rng: RandomState, residual = true): ResidualNetwork {
  const model = new ResidualNetwork(D_I, D_O, D_HIDDEN, { rng, residual });
  model.apply((m) => {
    if (m instanceof Linear) weightsInit(m, rng);
  });
  return model;
}

/**
 * The notebook's training cell as a ready `Trainer` (`await trainer.fit()` runs it) for `epochs`
 * epochs, with (default) or without the residual connections.
 */
export function makeTrainer(
  data: TrainData,
  epochs: number,
  options: { seed?: number; residual?: boolean } = {},
): Trainer & { model: ResidualNetwork } {
  const rng = new RandomState(options.seed ?? SETTINGS.seed);
  const model = makeModel(rng, options.residual ?? true);
  const { optimizer, scheduler } = courseworkOptimizer(model.parameters(), SETTINGS);
  const trainLoader = new DataLoader({
    dataset: new TensorDataset(data.x, data.y),
    batchSize: SETTINGS.batchSize,
    shuffle: true,
    rng,
  });
  const trainer = new Trainer({
    model,
    loss: (out, y) => crossEntropy(out, y),
    optimizer,
    scheduler,
    epochs,
    trainLoader,
    trainData: { x: data.x, y: data.y },
    valData: { x: data.xVal, y: data.yVal },
  });
  return Object.assign(trainer, { model });
}

/** The per-epoch line the notebook prints (note its two spaces before "val loss"). */
export function epochLine(r: EpochRecord): string {
  return pyFormat(
    'Epoch %5d, train loss %.6f, train error %3.2f,  val loss %.6f, percent error %3.2f',
    r.epoch,
    r.trainLoss,
    r.trainError,
    r.valLoss,
    r.valError,
  );
}

/**
 * The notebook, top to bottom: the data sizes, the data as columns, the residual network (its
 * parameter count), 100 epochs with one line each, and the error plot (titled with the final
 * train and validation errors).
 */
export async function run(nb: Notebook): Promise<void> {
  const data = mnist1dData();
  printDataSizes(nb, data.y.size, data.yVal.size, data.x.shape[1]!, { transposed: true });
  nb.setAll({ D_i: D_I, D_o: D_O });

  const n_epoch = nb.steps(SETTINGS.epochs);
  nb.set('n_epoch', n_epoch);
  const trainer = makeTrainer(data, n_epoch);
  const params = trainer.model.countParams();
  nb.show('self.count_params()', params);
  nb.print(`Initialized MLPBase model with ${params} parameters`);
  const { last } = await fitAndRecord(nb, trainer, epochLine, 'val');
  // the plot's title: 'TrainError %3.2f, Val Error %3.2f'
  nb.show('errors_train[-1]', last.errors_train!);
  nb.show('errors_val[-1]', last.errors_val!);
}
