/**
 * Notebook 5.3 — Multiclass Cross-Entropy Loss (`5_3_Multiclass_Cross_entropy_Loss.md`), translated
 * to library calls: multiclass classification with a categorical likelihood (UDL 5.5). The
 * notebook's TODOs are `softmax` over the classes in the rows (eq. 5.22: losses' `softmax(·,
 * { axis: 0 })`), `compute_likelihood` (eq. 5.3, top: `categoricalLikelihood`) and
 * `compute_negative_log_likelihood` (eq. 5.24: `categoricalNll`); `categorical_distribution` is
 * given (`categoricalPmf`). The CM20315 practical "Loss functions part III" (lesson `loss-iii`)
 * runs the same cells with the softmax given and prints the three categorical examples as
 * "Correct answer" lines, so both lessons run `runMulticlassNotebook` of `loss-iii/notebook.ts`.
 */
import type { Notebook } from '../../src/notebook.js';
import { getParameters, runMulticlassNotebook } from '../loss-iii/notebook.js';

export { getParameters };

export function run(nb: Notebook): void {
  runMulticlassNotebook(nb, { categoricalPrints: 'arrays' });
}
