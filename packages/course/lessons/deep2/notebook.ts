/**
 * CM20315 Deep2 (`udl-cm20315-deep2.md`), the notebook translated to library calls: the Deep
 * notebook's first network in matrix form, the composition of the two networks as one network
 * with two hidden layers (UDL eqs. 4.5–4.7), and a random network with three hidden layers in the
 * book's matrix notation (eq. 4.15, examples in columns). The TODOs are nn's functions:
 * `shallowToMatrix` (the first), `composeShallowToMatrix` (the second) and, for the forward passes
 * `h1 = ReLU(beta_0 + Omega_0 x)`, …, nn's `deepNetwork`.
 *
 * The notebook draws the random network with `np.random.normal` and no seed; this translation
 * seeds numpy's stream with 0 (`RandomState(0)`, as tests/fixtures/gen_nn.py does), so its
 * printed `x` and `y` are reproducible.
 */
import { arange, RandomState, type Tensor } from '@gradkit/core';
import {
  composeShallowToMatrix,
  DEEP_NOTEBOOK_NETWORKS,
  deepNetwork,
  shallowNetwork,
  shallowToMatrix,
} from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';
import { numpyStr } from '../../src/numpy-print.js';
import { parameterVariables } from '../shallow/notebook.js';

/** The notebook's `beta_k` / `Omega_k` variables of a network in matrix form. */
function matrixVariables(m: { betas: Tensor[]; omegas: Tensor[] }): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  m.betas.forEach((b, k) => {
    out[`beta_${k}`] = b;
    out[`Omega_${k}`] = m.omegas[k]!;
  });
  return out;
}

/** What the CM20315 practical and notebook 4.3 (`4_3_Deep_Networks.md`) do differently. */
export interface MatrixNotebookOptions {
  /** Examples of the random 4-5-2-4-1 network: 10 in the practical, 4 in notebook 4.3. */
  n_data: number;
  /** Notebook 4.3 prints "Input data points" and "Output data points" above the two arrays. */
  labels: boolean;
}

/**
 * The notebook's cells, shared by this lesson and `4-3-deep-networks` (notebook 4.3 runs the same
 * code with `n_data = 4` and two more print lines).
 */
export function runMatrixNotebook(nb: Notebook, options: MatrixNotebookOptions): void {
  const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;

  // The first network, inputs as a (1, 200) row.
  nb.setAll(parameterVariables('n1_', n1));
  const n1_in = arange(-1, 1, 0.01).reshape([1, -1]);
  let n1_out = shallowNetwork(n1_in, n1);

  // The same network in matrix form: beta_0, Omega_0 (3, 1), beta_1 (1, 1), Omega_1 (1, 3).
  let n_data = n1_in.size;
  let n_dim_in = 1;
  let n1_in_mat = n1_in.reshape([n_dim_in, n_data]);
  const single = shallowToMatrix(n1);
  let net = deepNetwork(n1_in_mat, single.betas, single.omegas);
  n1_out = net.output;
  nb.setAll({ ...matrixVariables(single), h1: net.activations[0] });

  // The second network, fed with the output of the first.
  nb.setAll(parameterVariables('n2_', n2));
  const n2_in = arange(-1, 1, 0.01);
  const n2_out = shallowNetwork(n1_out, n2);
  nb.setAll({ n2_in, n2_out });

  // The composition as one network with two hidden layers (eqs. 4.5–4.7).
  n_data = n1_in.size;
  n_dim_in = 1;
  n1_in_mat = n1_in.reshape([n_dim_in, n_data]);
  const composed = composeShallowToMatrix(n1, n2);
  net = deepNetwork(n1_in_mat, composed.betas, composed.omegas);
  n1_out = net.output;
  nb.setAll({ ...matrixVariables(composed), h1: net.activations[0], h2: net.activations[1] });
  nb.setAll({ n1_in, n1_out, n1_in_mat, n_dim_in });

  // A deep network with D_i = 4 inputs, hidden layers of 5, 2 and 4 units and D_o = 1 output.
  const D_i = 4;
  const D_1 = 5;
  const D_2 = 2;
  const D_3 = 4;
  const D_o = 1;
  const rng = new RandomState(0);
  n_data = options.n_data;
  const x = rng.normal(0, 1, [D_i, n_data]);
  const sizes = [D_i, D_1, D_2, D_3, D_o];
  const betas: Tensor[] = [];
  const omegas: Tensor[] = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    betas.push(rng.normal(0, 1, [sizes[k + 1]!, 1]));
    omegas.push(rng.normal(0, 1, [sizes[k + 1]!, sizes[k]!]));
  }
  net = deepNetwork(x, betas, omegas);
  const [h1, h2, h3] = net.activations as [Tensor, Tensor, Tensor];
  const y = net.output;
  const wrong = (h: Tensor, d: number) => h.shape[0] !== d || h1.shape[1] !== n_data;
  if (wrong(h1, D_1)) nb.print('h1 is wrong shape');
  if (wrong(h2, D_2)) nb.print('h2 is wrong shape');
  if (wrong(h3, D_3)) nb.print('h3 is wrong shape');
  if (wrong(y, D_o)) nb.print('Output is wrong shape');
  nb.setAll({ D_i, D_1, D_2, D_3, D_o, n_data, ...matrixVariables({ betas, omegas }), h1, h2, h3 });

  if (options.labels) nb.print('Input data points');
  nb.show('x', x);
  nb.print(numpyStr(x));
  if (options.labels) nb.print('Output data points');
  nb.show('y', y);
  nb.print(numpyStr(y));
}

export function run(nb: Notebook): void {
  runMatrixNotebook(nb, { n_data: 10, labels: false });
}
