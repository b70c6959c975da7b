/**
 * CM20315 Coursework I (model hyperparameters; its text is not among the seeds — the seeds'
 * README summarises it): the same MNIST-1D pipeline as Coursework II and III — the 40-100-100-10
 * ReLU network with He init, SGD lr 0.05 momentum 0.9, StepLR(10, 0.5), batches of 100, 50 epochs
 * after `set_seed(1)`, the original run at 37.45 % validation error — where the student may change
 * only the model (`D_1`, `D_2`, depth, activations; `gradkit train --hidden`). The code is the
 * Coursework II lesson's, shared, not copied.
 */
import type { Notebook } from '../../src/notebook.js';
import { runCourseworkNotebook } from '../coursework-ii/notebook.js';

/** Runs the coursework pipeline with the baseline 40-100-100-10 model (Coursework II's code). */
export async function run(nb: Notebook): Promise<void> {
  await runCourseworkNotebook(nb);
}
