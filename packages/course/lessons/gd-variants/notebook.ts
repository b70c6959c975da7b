/**
 * Gradient-descent variants (`dl4cv-gradient-descent-variants.md`, the UvA DL course's notebook),
 * translated to library calls: the seed's six optimizers — SGD, SGD with momentum 0.9 (UDL eq.
 * 6.11), Nesterov momentum, Adagrad, RMSprop with α = 0.1 and Adam (UDL eq. 6.15–6.16), PyTorch's
 * `torch.optim` update rules from `@gradkit/optimizers` — run 100 updates on its two surfaces:
 * pathological curvature (`pathological_curve_loss`, start (5, 5), lr 10) and steep optima
 * (`comb_func`, start (0, 0), lr 0.05), both `@gradkit/optimizers` surfaces. `train_curve` is
 * {@link trainCurve}.
 *
 * The seed builds its weights with `torch.FloatTensor` (float32); this run uses float64, the parity
 * target of tests/fixtures/optim_variants.json: at lr 10 the pathological run is chaotic, and the
 * last-bit differences of float32 `tanh`/`exp` between implementations grow to order one, so no
 * float32 run reproduces another's path, while the float64 steep-optima runs equal PyTorch's to
 * 1e-15.
 */
import type { Tensor } from '@gradkit/core';
import {
  Adagrad,
  Adam,
  minimize,
  type Optimizer,
  type OptimizerName,
  pathological,
  RMSprop,
  SGD,
  type Surface,
  steep,
  type Trajectory,
} from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';

/** The seed's `optimizer_func`: builds an optimizer over the parameter list. */
export type OptimizerFunc = (params: Tensor[]) => Optimizer<{ lr: number }>;

/** One of the seed's six runs: the optimizer, its legend label and the notebook variable it fills. */
export interface SeedOptimizer {
  /** The optimizer's name in `@gradkit/optimizers`' `minimize` (`gradkit optimize --optimizer`). */
  name: OptimizerName;
  /** The seed's legend label (its spelling, "Nestrov" included). */
  label: string;
  /** The notebook's variable holding the run's `train_curve` points. */
  variable: string;
  /** The seed's `optimizer_func` at this learning rate. */
  make: OptimizerFunc;
}

/**
 * The seed's six optimizers at learning rate `lr`, in its plotting order: `torch.optim.SGD(lr)`,
 * `SGD(lr, momentum=0.9)`, `SGD(lr, momentum=0.9, nesterov=True)`, `Adagrad(lr)`,
 * `RMSprop(lr, alpha=0.1)`, `Adam(lr)`.
 *
 * @example
 *   seedOptimizers(10).map((o) => o.variable); // ['SGD_points', 'SGDMom_points', …, 'Adam_points']
 */
export function seedOptimizers(lr: number): SeedOptimizer[] {
  return [
    { name: 'sgd', label: 'SGD', variable: 'SGD_points', make: (p) => new SGD(p, { lr }) },
    {
      name: 'momentum',
      label: 'Momentum SGD',
      variable: 'SGDMom_points',
      make: (p) => new SGD(p, { lr, momentum: 0.9 }),
    },
    {
      name: 'nesterov',
      label: 'Nestrov',
      variable: 'Nest_points',
      make: (p) => new SGD(p, { lr, momentum: 0.9, nesterov: true }),
    },
    { name: 'adagrad', label: 'Adagrad', variable: 'Adagrad_points', make: (p) => new Adagrad(p, { lr }) },
    {
      name: 'rmsprop',
      label: 'RMSprop',
      variable: 'RMSprop_points',
      make: (p) => new RMSprop(p, { lr, alpha: 0.1 }),
    },
    { name: 'adam', label: 'Adam', variable: 'Adam_points', make: (p) => new Adam(p, { lr }) },
  ];
}

/**
 * The seed's `train_curve(optimizer_func, curve_func, num_updates, init)`: `numUpdates` updates of
 * the optimizer on the surface from `init`; `points` holds `[w1, w2, loss]` before each update (the
 * seed's `[num_updates, 3]` array) and `final` the position after the last one.
 *
 * @example
 *   trainCurve((p) => new SGD(p, { lr: 10 })).points[0]; // [5, 5, loss at (5, 5)]
 */
export function trainCurve(
  optimizerFunc: OptimizerFunc,
  curveFunc: Surface = pathological,
  numUpdates = 100,
  init: readonly number[] = [5, 5],
): Trajectory {
  return minimize(curveFunc, init, { optimizer: optimizerFunc, steps: numUpdates });
}

/** The seed's two experiments: the surface, its start point and learning rate. */
export const EXPERIMENTS: readonly { surface: Surface; init: readonly number[]; lr: number }[] = [
  { surface: pathological, init: [5, 5], lr: 10 },
  { surface: steep, init: [0, 0], lr: 0.05 },
];

/** Run the notebook top to bottom: the six optimizers on the pathological surface, then on steep optima. */
export function run(nb: Notebook): void {
  nb.print('Video available at https://youtube.com/watch?v=g_bV6bo5dL0');
  const numUpdates = nb.steps(100);
  for (const { surface, init, lr } of EXPERIMENTS) {
    // X_points = train_curve(lambda params: torch.optim.X(params, lr=…), curve_func, init=…),
    // each drawn on the surface (the variables are rebound by the second experiment).
    const all: number[][] = [];
    for (const o of seedOptimizers(lr)) {
      const { points } = trainCurve(o.make, surface, numUpdates, init);
      nb.show(o.variable, points);
      all.push(...points);
    }
    // all_points: the six runs stacked, [6·num_updates, 3] (it sets the plot's window).
    nb.show('all_points', all);
  }
}
