/**
 * The CM20315 coursework recipe's settings (Coursework I–III, Convolution II), kept free of
 * imports so that a command line can use them for its option defaults without loading the
 * training code (`notebook.ts` re-exports them and holds the code).
 */

/** The options of the coursework pipeline: what Coursework I (model), II (training) and III (regularization) may change. */
export interface Recipe {
  /** `mlp`: the fully connected network; `cnn`: the figure 10.7 network of Convolution II. */
  model: 'mlp' | 'cnn';
  /** The notebook's `n_epoch`. */
  epochs: number;
  /** The notebook's `set_seed(1)`: the seed of the one RandomState behind init, dropout, augmentation and shuffling. */
  seed: number;
  /** SGD learning rate (the notebook's `lr = 0.05`). */
  lr: number;
  /** SGD momentum (the notebook's `momentum=0.9`). */
  momentum: number;
  /** Examples per minibatch (`batch_size=100`), shuffled every epoch. */
  batchSize: number;
  /** StepLR: epochs between learning-rate drops (`step_size=10`). */
  stepSize: number;
  /** StepLR: factor of each drop (`gamma=0.5`). */
  gamma: number;
  /** The MLP's hidden widths (`D_1 = 100`, `D_2 = 100`; depth = their count). */
  hidden: number[];
  /** L2 penalty as SGD weight decay (UDL eq. 9.5; Coursework III). */
  weightDecay: number;
  /** Dropout probability after each hidden ReLU of the MLP (Coursework III). */
  dropout: number;
  /** Copies of the training set appended, shifted and noisy (MNIST-1D's transforms; Coursework III). */
  augment: number;
  /** Models trained with seeds `seed … seed + ensemble − 1`, their softmax outputs averaged (Coursework III). */
  ensemble: number;
  /**
   * `notebook`: He init on the Linear layers only, as the notebooks' `weights_init` (the CNN's
   * Conv1d layers keep PyTorch's default init); `all`: He init on the Conv1d layers too.
   */
  init: 'notebook' | 'all';
}

/** The coursework's original validation error (the notebooks' PyTorch run): the dotted line of the figure. */
export const COURSEWORK_BASELINE = 37.45;

/**
 * The notebooks' recipe: a 40-100-100-10 ReLU MLP with He weights, SGD lr 0.05 momentum 0.9,
 * StepLR(10, 0.5), batches of 100, 50 epochs, `set_seed(1)`.
 */
export const RECIPE: Recipe = {
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
