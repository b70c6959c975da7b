/**
 * UDL Notebook 10.2: Convolution for MNIST-1D (`udlbook/10_2_Convolution_for_MNIST_1D.md`, book
 * section 10.2, figures 10.7 and 10.8a), the notebook translated to library calls. MNIST-1D with
 * the reference generator's default arguments (`@gradkit/datasets`' `makeMnist1d`, equal to
 * `mnist1d.data.get_dataset(args)`: 4000 training and 1000 test signals of length 40), the TODO
 * network of figure 10.7 — three `Conv1d` (kernel 3, stride 2, 'valid', 15 channels; lengths
 * 40 → 19 → 9 → 4), each followed by ReLU, flatten (4·15 = 60) and `Linear(60, 10)`
 * (`mnist1dConvNet` of `@gradkit/conv`) — `model.apply(weights_init)` (He init of the Linear layer
 * only; the convolutions keep PyTorch's default init), cross-entropy, SGD lr 0.05 momentum 0.9,
 * StepLR(20, 0.5), shuffled batches of 100, 100 epochs, with the loss and error on the whole
 * training and validation sets after every epoch. The pipeline is CM20315 Coursework II's
 * (`../coursework-ii/notebook.ts`: `courseworkTrainer` with `model: 'cnn'`, `mnist1dData`); the
 * CM20315 practical Convolution II runs a different version of this notebook (the course's files,
 * `set_seed(1)`, StepLR(10), 50 epochs), so it is a lesson of its own.
 *
 * Seeds: the notebook seeds nothing but numpy (`worker_init_fn=np.random.seed(1)` runs once, when
 * the DataLoader is built); PyTorch's initialization and shuffling are unseeded, so its numbers
 * change from run to run. Here one `RandomState(1)` draws everything, in the notebook's order:
 * PyTorch's default init of the four layers, `weights_init` on the Linear layer, then each epoch's
 * shuffle.
 */
import type { EpochRecord, Trainer } from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { fitAndRecord, printDataSizes } from '../8-1-mnist-1d-performance/notebook.js';
import { courseworkTrainer, mnist1dData, RECIPE, type TrainData } from '../coursework-ii/notebook.js';

/** The notebook's sizes: `D_i = 40` inputs (the MNIST-1D template's offsets), `D_o = 10` digits. */
export const D_I = 40;
export const D_O = 10;

/** The notebook's training settings (its optimizer, scheduler, data-loader and loop cells). */
export const SETTINGS = {
  lr: 0.05,
  momentum: 0.9,
  stepSize: 20,
  gamma: 0.5,
  batchSize: 100,
  epochs: 100,
  seed: 1,
} as const;

/**
 * The notebook's training cell as a ready `Trainer` (`await trainer.fit()` runs it) for `epochs`
 * epochs: the figure 10.7 network with `weights_init`, SGD + StepLR(20, 0.5), batches of 100, the
 * statistics on the whole training and validation sets; inputs get their channel axis
 * (`x_batch[:, None, :]`). Every draw comes from `RandomState(seed)`.
 */
export function makeTrainer(data: TrainData, epochs: number, seed: number = SETTINGS.seed): Trainer {
  const { lr, momentum, stepSize, gamma, batchSize } = SETTINGS;
  const settings = { ...RECIPE, model: 'cnn' as const, lr, momentum, stepSize, gamma, batchSize, epochs };
  return courseworkTrainer(data, settings, seed).trainer;
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
 * The notebook, top to bottom: the data sizes (twice: the data set, then the transposed arrays),
 * the network, 100 epochs with one line each, and the plot of the errors per epoch, titled with
 * the final validation error.
 */
export async function run(nb: Notebook): Promise<void> {
  const data = { ...mnist1dData(), source: 'MNIST-1D' };
  printDataSizes(nb, data.y.size, data.yVal.size, data.x.shape[1]!, { transposed: true });
  nb.setAll({ D_i: D_I, D_o: D_O });

  const n_epoch = nb.steps(SETTINGS.epochs);
  nb.set('n_epoch', n_epoch);
  const trainer = makeTrainer(data, n_epoch);
  const { last } = await fitAndRecord(nb, trainer, epochLine, 'val');
  // the plot's title: 'Part I: Validation Result %3.2f' % (errors_val[-1])
  nb.show('errors_val[-1]', last.errors_val!);
}
