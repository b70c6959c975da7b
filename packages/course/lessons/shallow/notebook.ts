/**
 * CM20315 Shallow (summarised in the seeds' README; its text is UDL notebooks 3.1 and 3.2), the
 * notebook translated to library calls: the ReLU (UDL eq. 3.2); the shallow network with one
 * input, three hidden units and one output (section 3.1, eqs. 3.1 and 3.3) returning every
 * intermediate, which the notebook draws as a 3×3 grid; its least-squares loss on training data
 * (eq. 2.5 form, `Your Loss = …, True value = 9.385`); the same network with other activation
 * functions; networks with two inputs and one or two outputs (section 3.2, figure 3.8); and the
 * linear regions these networks make. The TODOs are the library's functions: `ReLU` is nn's
 * `relu`, `shallow_1_1_3` is nn's `shallow1_1_3`, `least_squares_loss` is losses' `sumOfSquares`;
 * `shallow_2_1_3` and `shallow_2_2_3` are nn's `deepNetwork` with two inputs, under the notebook's
 * names ({@link shallow2_1_3}, {@link shallow2_2_3}).
 */
import { arange, meshgrid, mul, sigmoid, type Tensor, tanh, tensor, ValueError } from '@gradkit/core';
import { LOSS_X } from '@gradkit/datasets';
import { sumOfSquares } from '@gradkit/losses';
import {
  type ActivationFn,
  countLinearRegions,
  deepNetwork,
  leakyRelu,
  relu,
  type Shallow113Params,
  type Shallow113Result,
  shallowNetworkParts,
} from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/**
 * The notebook's network (UDL 3.1's parameters, in the order of its cell): θ10 = 0.3, θ11 = −1,
 * θ20 = −1, θ21 = 2, θ30 = −0.5, θ31 = 0.65, φ0 = −0.3, φ1 = 2, φ2 = −1, φ3 = 7. The course
 * site's slider demo starts from (and resets to) these values.
 */
export const SHALLOW_DEFAULTS: Shallow113Params = {
  theta10: 0.3,
  theta11: -1.0,
  theta20: -1.0,
  theta21: 2.0,
  theta30: -0.5,
  theta31: 0.65,
  phi0: -0.3,
  phi1: 2.0,
  phi2: -1.0,
  phi3: 7.0,
};

/** The least-squares cell's `y_train` (UDL notebook 3.1), one target per `x_train` = datasets' `LOSS_X`. */
export const Y_TRAIN: readonly number[] = Object.freeze([
  -0.15934537, 0.18195445, 0.45127015, 0.13921448, 0.09366691, 0.30567674, 0.37229117, 0.40716968,
  -0.08131792, 0.41187806, 0.36943738, 0.3994327, 0.01906257, 0.3582041, 0.45256496, -0.0183121, 0.02957665,
  -0.24354444, 0.14803884, 0.2682497,
]);

/**
 * A network's parameters as the notebooks' variables: `theta_10`, …, `phi_3`, with `prefix`
 * in front (`n1_theta_10` in the Deep notebooks).
 */
export function parameterVariables(prefix: string, p: Shallow113Params): Record<string, number> {
  return {
    [`${prefix}theta_10`]: p.theta10,
    [`${prefix}theta_11`]: p.theta11,
    [`${prefix}theta_20`]: p.theta20,
    [`${prefix}theta_21`]: p.theta21,
    [`${prefix}theta_30`]: p.theta30,
    [`${prefix}theta_31`]: p.theta31,
    [`${prefix}phi_0`]: p.phi0,
    [`${prefix}phi_1`]: p.phi1,
    [`${prefix}phi_2`]: p.phi2,
    [`${prefix}phi_3`]: p.phi3,
  };
}

/** What `shallow_1_1_3` returns, under the notebook's names (`y`, `pre_1`, …, `w_act_3`). */
export function notebookNames(r: Shallow113Result): Record<string, Tensor> {
  return {
    y: r.y,
    pre_1: r.pre1,
    pre_2: r.pre2,
    pre_3: r.pre3,
    act_1: r.act1,
    act_2: r.act2,
    act_3: r.act3,
    w_act_1: r.wAct1,
    w_act_2: r.wAct2,
    w_act_3: r.wAct3,
  };
}

/** The hidden layer of UDL notebook 3.2's networks: θk0 + θk1 x1 + θk2 x2 for k = 1, 2, 3. */
export interface Shallow2InputHidden {
  theta10: number;
  theta11: number;
  theta12: number;
  theta20: number;
  theta21: number;
  theta22: number;
  theta30: number;
  theta31: number;
  theta32: number;
}

/** UDL notebook 3.2's hidden layer: θ10 = −4, θ11 = 0.9, θ12 = 0; θ20 = 5, θ21 = −0.9, θ22 = −0.5; θ30 = −7, θ31 = 0.5, θ32 = 0.9. */
export const SHALLOW_2D_HIDDEN: Readonly<Shallow2InputHidden> = Object.freeze({
  theta10: -4.0,
  theta11: 0.9,
  theta12: 0.0,
  theta20: 5.0,
  theta21: -0.9,
  theta22: -0.5,
  theta30: -7,
  theta31: 0.5,
  theta32: 0.9,
});

/** Everything a two-input network with three hidden units computes, as `[rows, cols]` grids like `x1`. */
export interface Shallow2InputResult {
  /** The outputs, one grid per output unit (`y`, or `y1`, `y2`). */
  outputs: Tensor[];
  /** Pre-activations `θk0 + θk1 x1 + θk2 x2`. */
  pre: Tensor[];
  /** Activations `a[pre_k]`. */
  act: Tensor[];
  /** Weighted activations `φ_ok act_k`: `weighted[o][k]` for output `o`, hidden unit `k`. */
  weighted: Tensor[][];
}

/**
 * A network with two inputs, three hidden units and `phis.length` outputs (UDL section 3.2,
 * eq. 3.7 with D_i = 2), evaluated at every point of the grids `x1`, `x2` (the notebook's
 * `meshgrid`); `phis[o] = [φo0, φo1, φo2, φo3]`. nn's `deepNetwork` with examples in columns,
 * its rows reshaped back to the grid.
 */
function shallow2Input(
  x1: Tensor,
  x2: Tensor,
  activationFn: ActivationFn,
  phis: readonly (readonly [number, number, number, number])[],
  h: Shallow2InputHidden,
): Shallow2InputResult {
  const shape = x1.shape;
  const grid = (t: Tensor, row: number) => tensor((t.toArray() as number[][])[row]!).reshape([...shape]);
  const x = tensor([x1.toList(), x2.toList()]);
  const beta0 = [[h.theta10], [h.theta20], [h.theta30]];
  const omega0 = [
    [h.theta11, h.theta12],
    [h.theta21, h.theta22],
    [h.theta31, h.theta32],
  ];
  const beta1 = phis.map((p) => [p[0]]);
  const omega1 = phis.map((p) => [p[1], p[2], p[3]]);
  const r = deepNetwork(x, [beta0, beta1], [omega0, omega1], activationFn);
  const pre = [0, 1, 2].map((k) => grid(r.preactivations[0]!, k));
  const act = [0, 1, 2].map((k) => grid(r.activations[0]!, k));
  return {
    outputs: phis.map((_, o) => grid(r.output, o)),
    pre,
    act,
    weighted: phis.map((p) => act.map((a, k) => mul(p[k + 1]!, a))),
  };
}

/**
 * UDL notebook 3.2's `shallow_2_1_3`: two inputs, three hidden units, one output
 * `y = φ0 + Σ_k φk a[θk0 + θk1 x1 + θk2 x2]`, with every intermediate on the grid.
 */
export function shallow2_1_3(
  x1: Tensor,
  x2: Tensor,
  activationFn: ActivationFn,
  phi: readonly [number, number, number, number],
  hidden: Shallow2InputHidden,
): Shallow2InputResult {
  return shallow2Input(x1, x2, activationFn, [phi], hidden);
}

/**
 * UDL notebook 3.2's `shallow_2_2_3`: two inputs, three hidden units shared by two outputs
 * `y_o = φo0 + Σ_k φok a[θk0 + θk1 x1 + θk2 x2]`, with every intermediate on the grid.
 */
export function shallow2_2_3(
  x1: Tensor,
  x2: Tensor,
  activationFn: ActivationFn,
  phi1: readonly [number, number, number, number],
  phi2: readonly [number, number, number, number],
  hidden: Shallow2InputHidden,
): Shallow2InputResult {
  return shallow2Input(x1, x2, activationFn, [phi1, phi2], hidden);
}

/**
 * The number of linear regions (convex polytopes) a ReLU layer cuts the sampled inputs into:
 * the number of distinct patterns of active hidden units (pre-activation > 0) over the samples,
 * for the pre-activations of each hidden unit sampled at the same points. Answers notebook
 * 3.2's "How many different linear polytopes are made by this model?" when the grid is fine
 * enough to hit every region.
 */
export function activationRegions(pre: readonly Tensor[]): number {
  if (pre.length === 0 || pre.some((p) => p.size !== pre[0]!.size))
    throw new ValueError(
      'activationRegions',
      `pre must be a non-empty list of pre-activations sampled at the same points, received sizes [${pre.map((p) => p.size).join(', ')}]`,
    );
  const data = pre.map((p) => p.toList());
  const patterns = new Set<string>();
  for (let i = 0; i < data[0]!.length; i++) patterns.add(data.map((d) => (d[i]! > 0 ? '1' : '0')).join(''));
  return patterns.size;
}

export function run(nb: Notebook): void {
  // The ReLU (eq. 3.2), drawn on [-5, 5).
  const z = arange(-5, 5, 0.1);
  const RelU_z = relu(z);
  nb.setAll({ z, RelU_z });

  // The network with one input, three hidden units and one output, on [0, 1) (eqs. 3.1, 3.3).
  const p = SHALLOW_DEFAULTS;
  nb.setAll(parameterVariables('', p));
  const x = arange(0, 1, 0.01);
  const r = shallowNetworkParts(x, p, relu);
  nb.setAll({ x, ...notebookNames(r) });

  // The parameter experiments and the least-squares cell start again from the same parameters
  // and inputs (the same x, y and intermediates). Least squares: the network against 20 pairs.
  const x_train = [...LOSS_X];
  const y_train = [...Y_TRAIN];
  const y_predict = shallowNetworkParts(x_train, p, relu).y;
  const loss = sumOfSquares(y_train, y_predict).item();
  nb.setAll({ x_train, y_train, y_predict });
  nb.show('loss', loss);
  nb.print(pyFormat('Your Loss = %3.3f, True value = 9.385', loss));

  // Other activation functions in the same network: smooth steps instead of hinges.
  const activation_fns: Record<string, ActivationFn> = {
    sigmoid: (v) => sigmoid(v),
    tanh: (v) => tanh(v),
    leaky_relu: (v) => leakyRelu(v, 0.1),
  };
  const activations: Record<string, Record<string, Tensor>> = {};
  for (const [name, fn] of Object.entries(activation_fns))
    activations[name] = notebookNames(shallowNetworkParts(x, p, fn));
  nb.set('activations', activations);

  // The linear regions of the ReLU network on [0, 1): one joint per hidden unit, at x = -θk0/θk1.
  const x_fine = arange(0, 1, 0.001);
  const regions = countLinearRegions(x_fine, shallowNetworkParts(x_fine, p, relu).y);
  nb.setAll({ x_fine, linear_regions: regions.count, joints: regions.breakpoints });

  // Two inputs (UDL notebook 3.2, figure 3.8): one output, then two outputs.
  const h = SHALLOW_2D_HIDDEN;
  const [x1, x2] = meshgrid(arange(0.0, 10.0, 0.1), arange(0.0, 10.0, 0.1)) as [Tensor, Tensor];
  const phi_0 = 0.0;
  const phi_1 = -2.0;
  const phi_2 = 2.0;
  const phi_3 = 1.5;
  const one = shallow2_1_3(x1, x2, relu, [phi_0, phi_1, phi_2, phi_3], h);
  nb.setAll({
    theta_10: h.theta10,
    theta_11: h.theta11,
    theta_12: h.theta12,
    theta_20: h.theta20,
    theta_21: h.theta21,
    theta_22: h.theta22,
    theta_30: h.theta30,
    theta_31: h.theta31,
    theta_32: h.theta32,
    phi_0,
    phi_1,
    phi_2,
    phi_3,
    x1,
    x2,
    y: one.outputs[0],
    w_act_1: one.weighted[0]![0],
    w_act_2: one.weighted[0]![1],
    w_act_3: one.weighted[0]![2],
  });
  // "How many different linear polytopes are made by this model?"
  nb.set('polytopes', activationRegions(one.pre));

  const phi1: [number, number, number, number] = [0.0, -2.0, 2.0, 1.5];
  const phi2: [number, number, number, number] = [-2.0, -1.0, -2.0, 0.8];
  const two = shallow2_2_3(x1, x2, relu, phi1, phi2, h);
  const [phi_10, phi_11, phi_12, phi_13] = phi1;
  const [phi_20, phi_21, phi_22, phi_23] = phi2;
  nb.setAll({ phi_10, phi_11, phi_12, phi_13, phi_20, phi_21, phi_22, phi_23 });
  nb.setAll({ y1: two.outputs[0], y2: two.outputs[1] });
  two.pre.forEach((t, k) => nb.set(`pre_${k + 1}`, t));
  two.act.forEach((t, k) => nb.set(`act_${k + 1}`, t));
  two.weighted.forEach((row, o) => row.forEach((t, k) => nb.set(`w_act_${o + 1}${k + 1}`, t)));
}
