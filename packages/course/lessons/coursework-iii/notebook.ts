/**
 * CM20315 Coursework III (`udl-cm20315-coursework_iii.md`), the notebook translated to library
 * calls: the code is Coursework II's, cell for cell (the same data, network, `weights_init`,
 * `set_seed(1)`, SGD + StepLR and 50-epoch loop; only the plot's title says Part III). The
 * student adds regularization (UDL chapter 9) without changing the model or the training
 * algorithm: `gradkit train --weight-decay`, `--dropout`, `--augment`, `--ensemble` run the same
 * pipeline with those options (`trainRecipe` of the Coursework II lesson).
 */
import type { Notebook } from '../../src/notebook.js';
import { runCourseworkNotebook } from '../coursework-ii/notebook.js';

/** Runs the notebook: Coursework II's pipeline, before the student's regularization. */
export async function run(nb: Notebook): Promise<void> {
  await runCourseworkNotebook(nb);
}
