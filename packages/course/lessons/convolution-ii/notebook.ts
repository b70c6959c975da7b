/**
 * CM20315 Convolution II (`udl-cm20315-convolution_ii.md`), the notebook translated to library
 * calls: the coursework's MNIST-1D pipeline (Coursework II's code: the course's files, `set_seed(1)`,
 * cross-entropy, SGD lr 0.05 momentum 0.9, StepLR(10, 0.5), batches of 100, 50 epochs) with the
 * network of UDL figure 10.7 in place of the fully connected one — the notebook's TODO:
 * three `Conv1d` (kernel 3, stride 2, 'valid', 15 channels; lengths 40 → 19 → 9 → 4), each
 * followed by ReLU, flatten (4·15 = 60) and a linear layer to 10 classes (`mnist1dConvNet` of
 * `@gradkit/conv`). `weights_init` re-initialises the Linear layer only; the convolutions keep
 * PyTorch's default init, as in the notebook. Inputs get a channel axis, `x_batch[:, None, :]`.
 */
import type { Notebook } from '../../src/notebook.js';
import { runCourseworkNotebook } from '../coursework-ii/notebook.js';

/** Runs the coursework pipeline with the figure 10.7 network in place of the MLP. */
export async function run(nb: Notebook): Promise<void> {
  await runCourseworkNotebook(nb, 'cnn');
}
