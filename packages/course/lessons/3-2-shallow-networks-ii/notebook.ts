/**
 * Notebook 3.2, Shallow neural networks II (UDL section 3.3, figure 3.8), the notebook translated
 * to library calls: a network with two inputs, three ReLU hidden units and one output
 * (`shallow_2_1_3`, eq. 3.7 with D_i = 2), evaluated on the `meshgrid` of `arange(0, 10, 0.1)`
 * twice; then the same hidden layer with two outputs (`shallow_2_2_3`, section 3.3.2). The
 * TODOs are the book's equations, computed by nn's `deepNetwork` with the examples in columns
 * (shared with the CM20315 `shallow` lesson: `shallow2_1_3`, `shallow2_2_3` and the
 * parameters `SHALLOW_2D_HIDDEN` of `../shallow/notebook.ts`). The notebook prints nothing; it
 * asks how many linear polytopes the first network makes (seven: `activationRegions` of the `shallow` lesson counts them).
 */
import { arange, meshgrid, type Tensor } from '@gradkit/core';
import { relu } from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';
import {
  SHALLOW_2D_HIDDEN,
  type Shallow2InputHidden,
  shallow2_1_3,
  shallow2_2_3,
} from '../shallow/notebook.js';

/** The notebook's `theta_10`, …, `theta_32` as variables. */
function thetaVariables(h: Shallow2InputHidden): Record<string, number> {
  return {
    theta_10: h.theta10,
    theta_11: h.theta11,
    theta_12: h.theta12,
    theta_20: h.theta20,
    theta_21: h.theta21,
    theta_22: h.theta22,
    theta_30: h.theta30,
    theta_31: h.theta31,
    theta_32: h.theta32,
  };
}

/** The notebook's `x1, x2 = np.meshgrid(np.arange(0.0, 10.0, 0.1), np.arange(0.0, 10.0, 0.1))`. */
export function notebookGrid(): [Tensor, Tensor] {
  return meshgrid(arange(0.0, 10.0, 0.1), arange(0.0, 10.0, 0.1)) as [Tensor, Tensor];
}

/** The first network's output weights φ0..φ3 = 0, −2, 2, 1.5. */
export const PHI: readonly [number, number, number, number] = [0.0, -2.0, 2.0, 1.5];
/** The two-output network's weights: φ1· = 0, −2, 2, 1.5 (y1) and φ2· = −2, −1, −2, 0.8 (y2). */
export const PHI_1: readonly [number, number, number, number] = [0.0, -2.0, 2.0, 1.5];
export const PHI_2: readonly [number, number, number, number] = [-2.0, -1.0, -2.0, 0.8];

export function run(nb: Notebook): void {
  const h = SHALLOW_2D_HIDDEN;

  // Two inputs, one output (figure 3.8).
  const [phi_0, phi_1, phi_2, phi_3] = PHI;
  nb.setAll({ ...thetaVariables(h), phi_0, phi_1, phi_2, phi_3 });
  let [x1, x2] = notebookGrid();
  nb.setAll({ x1, x2 });
  const one = shallow2_1_3(x1, x2, relu, PHI, h);
  nb.set('y', one.outputs[0]);
  one.pre.forEach((t, k) => nb.set(`pre_${k + 1}`, t));
  one.act.forEach((t, k) => nb.set(`act_${k + 1}`, t));
  one.weighted[0]!.forEach((t, k) => nb.set(`w_act_${k + 1}`, t));

  // Two inputs, two outputs: the same hidden units, a second row of output weights.
  const [phi_10, phi_11, phi_12, phi_13] = PHI_1;
  const [phi_20, phi_21, phi_22, phi_23] = PHI_2;
  nb.setAll({ ...thetaVariables(h), phi_10, phi_11, phi_12, phi_13, phi_20, phi_21, phi_22, phi_23 });
  [x1, x2] = notebookGrid();
  nb.setAll({ x1, x2 });
  const two = shallow2_2_3(x1, x2, relu, PHI_1, PHI_2, h);
  nb.setAll({ y1: two.outputs[0], y2: two.outputs[1] });
  two.pre.forEach((t, k) => nb.set(`pre_${k + 1}`, t));
  two.act.forEach((t, k) => nb.set(`act_${k + 1}`, t));
  two.weighted.forEach((row, o) => row.forEach((t, k) => nb.set(`w_act_${o + 1}${k + 1}`, t)));
}
