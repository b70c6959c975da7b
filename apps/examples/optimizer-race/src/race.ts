/**
 * The race's logic, free of the DOM so Node can test it: the six optimizers of the
 * gradient-descent-variants seed (`torch.optim.SGD`, SGD + momentum 0.9, Nesterov, Adagrad,
 * RMSprop with α = 0.1, Adam) started together on one of `@gradkit/optimizers`' surfaces, all
 * with the surface's lesson learning rate (the seed uses lr 10 on the pathological curve and
 * 0.05 on the steep optima), 100 updates each (the seed's `num_updates`).
 */
import {
  type MinimizeOptions,
  minimize,
  type OptimizerName,
  SURFACES,
  type Surface,
  type SurfaceName,
  type Trajectory,
} from '@gradkit/optimizers';

/** One runner of the race. */
export interface Runner {
  name: OptimizerName;
  label: string;
  color: string;
  options: MinimizeOptions;
}

/** The seed's six optimizers and their settings (the learning rate is the surface's). */
export const RUNNERS: readonly Runner[] = [
  { name: 'sgd', label: 'SGD', color: '#1f77b4', options: { optimizer: 'sgd' } },
  {
    name: 'momentum',
    label: 'Momentum',
    color: '#ff7f0e',
    options: { optimizer: 'momentum', momentum: 0.9 },
  },
  {
    name: 'nesterov',
    label: 'Nesterov',
    color: '#2ca02c',
    options: { optimizer: 'nesterov', momentum: 0.9 },
  },
  { name: 'adagrad', label: 'Adagrad', color: '#d62728', options: { optimizer: 'adagrad' } },
  { name: 'rmsprop', label: 'RMSprop', color: '#9467bd', options: { optimizer: 'rmsprop', alpha: 0.1 } },
  { name: 'adam', label: 'Adam', color: '#8c564b', options: { optimizer: 'adam' } },
];

/** The surfaces offered, in menu order: the seed's two first, then the Training II/III and UDL 9.2 losses. */
export const SURFACE_NAMES: readonly SurfaceName[] = ['pathological', 'steep', 'gabor', 'line', 'udl92'];

/** A runner's finished race: its trajectory (state before each update, plus the final point). */
export interface Lane {
  runner: Runner;
  /** `steps + 1` points `[w1, w2]`: the start, then the position after each update. */
  path: [number, number][];
  /** The loss at each point of `path`. */
  loss: number[];
}

/** Run all six optimizers on `surface` for `steps` updates with the surface's learning rate. */
export function race(surfaceName: SurfaceName, steps = 100): { surface: Surface; lanes: Lane[] } {
  const surface = SURFACES[surfaceName];
  if (!surface)
    throw new Error(
      `race: unknown surface ${JSON.stringify(surfaceName)}; expected one of ${SURFACE_NAMES.join(', ')}`,
    );
  const lanes = RUNNERS.map((runner) => {
    const t: Trajectory = minimize(surface, [...surface.init], { ...runner.options, lr: surface.lr, steps });
    const path = [...t.params, t.final].map((p) => [p[0]!, p[1]!] as [number, number]);
    return { runner, path, loss: [...t.loss, surface.loss(t.final)] };
  });
  return { surface, lanes };
}

/** The loss on an `n × n` grid over the surface's plot window (row 0 at the top, w2 = yRange[1]). */
export function lossGrid(surface: Surface, n = 80): { values: Float64Array; min: number; max: number } {
  const values = new Float64Array(n * n);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const [x0, x1] = surface.xRange;
  const [y0, y1] = surface.yRange;
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const w1 = x0 + ((c + 0.5) / n) * (x1 - x0);
      const w2 = y1 - ((r + 0.5) / n) * (y1 - y0);
      const v = surface.loss([w1, w2]);
      values[r * n + c] = v;
      if (Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  return { values, min, max };
}

/** Map parameters to SVG coordinates in a `width × height` plot of the surface's window. */
export function toPixels(
  surface: Surface,
  w: readonly [number, number],
  width: number,
  height: number,
): [number, number] {
  const [x0, x1] = surface.xRange;
  const [y0, y1] = surface.yRange;
  return [((w[0] - x0) / (x1 - x0)) * width, ((y1 - w[1]) / (y1 - y0)) * height];
}
