import * as Plot from '@observablehq/plot';
import { udlBrown } from './colormap.js';
import {
  baselineRule,
  type Figure,
  type FigureOptions,
  gridAxes,
  LEGEND_CORNERS,
  type LegendCorner,
  type LegendEntry,
  makeFigure,
  numberIn,
  type PanelSpec,
  PlotInputError,
  type Series,
  seriesMarks,
  seriesOf,
  textWidth,
} from './figure.js';

/**
 * Line colours for named series and trajectories (matplotlib's tab10, which the notebooks' defaults
 * use): ten distinct categorical colours, so up to ten series never share one.
 */
export const SERIES_COLORS: readonly string[] = Object.freeze([
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
]);

const colorOf = (i: number): string => SERIES_COLORS[i % SERIES_COLORS.length] as string;

/** A named curve sampled at the figure's `x`. */
export interface NamedSeries {
  name: string;
  y: Series;
  /** Line colour (default: the next of {@link SERIES_COLORS}). */
  color?: string;
  /** Dash pattern of the line, an SVG `stroke-dasharray` such as `'5,3'` (default: solid). */
  dash?: string;
  /** Draw the series as a dot at each sample instead of a line (matplotlib's `'o'` format), e.g. a check drawn over a curve. */
  dots?: boolean;
}

function lineMarks(op: string, xs: number[], series: NamedSeries[], arg = 'series'): Plot.Markish[] {
  if (!Array.isArray(series) || series.length === 0) {
    throw new PlotInputError(
      op,
      `argument '${arg}' must be a non-empty array of { name, y }, received ${JSON.stringify(series)?.slice(0, 40)}`,
    );
  }
  return series.map((s, k) => {
    const ys = seriesOf(op, `${arg}[${k}].y`, s.y, xs.length);
    const rows = xs.map((x, i) => ({ x, y: ys[i] as number, name: s.name }));
    return seriesMarks(rows, s, s.color ?? colorOf(k));
  });
}

/**
 * Marked points as dots, each labelled above it, or below it when it lies in the top tenth of the
 * plot (where a label above would run into the frame's top and the y axis's label). Shared with
 * legend-plot.ts, not part of the documented API.
 * @internal
 */
export function pointMarks(
  points: { x: number; y: number; label?: string }[],
  series: { y: Series }[],
  yDomain?: [number, number],
  clip = false,
): Plot.Markish[] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of [...series.flatMap((s) => Array.from(s.y)), ...points.map((p) => p.y)]) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (yDomain) [lo, hi] = [Math.min(...yDomain), Math.max(...yDomain)];
  const high = (p: { y: number }) => p.y > hi - 0.1 * (hi - lo);
  return [
    Plot.dot(points, { x: 'x', y: 'y', fill: 'currentColor', r: 3.5, clip }),
    Plot.text(
      points.filter((p) => !high(p)),
      { x: 'x', y: 'y', text: 'label', dy: -10, clip: false },
    ),
    Plot.text(points.filter(high), { x: 'x', y: 'y', text: 'label', dy: 12, clip: false }),
  ];
}

/** The legend entries of named series (in their colours, as {@link lineMarks} draws them). */
function legendOf(series: NamedSeries[]): LegendEntry[] {
  return series.map((s, k) => ({
    name: String(s.name),
    color: s.color ?? colorOf(k),
    dash: s.dash,
    dots: s.dots,
  }));
}

/** Options of {@link functionPlot}. */
export interface FunctionPlotOptions extends FigureOptions {
  /** Sample positions, `[N]`. */
  x: Series;
  /** The curves, each `[N]` (e.g. `f(x)` and its derivative `df/dx`). */
  series: NamedSeries[];
  xLabel?: string;
  yLabel?: string;
  /** Shade the interval `[a, b]` (Training I's bracket `[a, d]` in line search). */
  shade?: [number, number];
  /** Marked points, e.g. the bracket points a, b, c, d. */
  points?: { x: number; y: number; label?: string }[];
  xDomain?: [number, number];
  yDomain?: [number, number];
}

/**
 * A function and its derivative (or any curves sampled at the same x): the Autograd
 * introduction's side-by-side `f` and `g = grad(f)` plots, Training I's 1-D loss with its
 * bracketing interval, the shallow network's output. One `<path>` per series.
 *
 * @example
 * const x = Array.from({ length: 101 }, (_, i) => -5 + i / 10);
 * functionPlot({ x, series: [
 *   { name: 'f(x) = x²', y: x.map((v) => v * v) },
 *   { name: "f'(x) = 2x", y: x.map((v) => 2 * v) },
 * ] });
 */
export function functionPlot(options: FunctionPlotOptions): Figure {
  const op = 'functionPlot';
  const xs = seriesOf(op, 'x', options.x);
  const marks = [Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.2 })] as Plot.Markish[];
  if (options.shade) {
    const [a, b] = options.shade;
    marks.push(Plot.rectX([{ a, b }], { x1: 'a', x2: 'b', fill: 'currentColor', fillOpacity: 0.15 }));
  }
  marks.push(...lineMarks(op, xs, options.series));
  if (options.points?.length) marks.push(...pointMarks(options.points, options.series, options.yDomain));
  const names = options.series.map((s) => s.name).join(', ');
  return makeFigure(
    op,
    `Line plot of ${names} against ${options.xLabel ?? 'x'} for x from ${Math.min(...xs)} to ${Math.max(...xs)}`,
    options,
    () => ({
      x: { label: options.xLabel ?? 'x', ...(options.xDomain ? { domain: options.xDomain } : {}) },
      y: {
        label: options.yLabel ?? 'y',
        grid: true,
        ...(options.yDomain ? { domain: options.yDomain } : {}),
      },
      marks,
    }),
    { height: 320, legend: options.series.length > 1 ? legendOf(options.series) : [] },
  );
}

/** Options of {@link shallowNetworkGrid}. */
export interface ShallowNetworkGridOptions extends FigureOptions {
  /** Inputs, `[N]`. */
  x: Series;
  /** Pre-activations `θ_d0 + θ_d1 x`, three series `[N]` (book eq. 3.3). */
  preActivations: Series[];
  /** Activations `h_d = a[θ_d0 + θ_d1 x]`, three series `[N]`. */
  activations: Series[];
  /** Weighted activations `φ_d h_d`, three series `[N]`. */
  weighted: Series[];
  /** y range of every panel (default: the data's range). */
  yDomain?: [number, number];
}

/**
 * The Shallow notebook's 3x3 grid for the network with one input and three hidden units
 * (UDL section 3.1, eq. 3.1–3.3): row 1 the pre-activations `θ_d0 + θ_d1 x`, row 2 the
 * activations `h_d = a[·]`, row 3 the weighted activations `φ_d h_d`, one column per hidden unit.
 * Nine `<path>` elements, one per panel.
 *
 * @example
 * const x = [0, 0.5, 1], pre = [[-0.2, 0.4, 1], [1, 0, -1], [0.1, 0.1, 0.1]];
 * const act = pre.map((p) => p.map((v) => Math.max(0, v)));
 * shallowNetworkGrid({ x, preActivations: pre, activations: act, weighted: act.map((a) => a.map((v) => -v)) });
 */
export function shallowNetworkGrid(options: ShallowNetworkGridOptions): Figure {
  const op = 'shallowNetworkGrid';
  const xs = seriesOf(op, 'x', options.x);
  const stages = [
    ['preActivations', 'pre-activation'],
    ['activations', 'activation'],
    ['weighted', 'weighted activation'],
  ] as const;
  const rows: { x: number; y: number; unit: string; stage: string }[] = [];
  for (const [key, stage] of stages) {
    const group = options[key];
    if (!Array.isArray(group) || group.length !== 3) {
      throw new PlotInputError(
        op,
        `argument '${key}' must be an array of 3 series (one per hidden unit), received ${Array.isArray(group) ? `${group.length} series` : typeof group}`,
      );
    }
    group.forEach((s, d) => {
      const ys = seriesOf(op, `${key}[${d}]`, s, xs.length);
      xs.forEach((x, i) => rows.push({ x, y: ys[i] as number, unit: `h${d + 1}`, stage }));
    });
  }
  return makeFigure(
    op,
    'A 3 by 3 grid: pre-activations, activations and weighted activations of the three hidden units against the input x',
    options,
    ({ panelWidth }) => ({
      // wider gaps between the columns when narrow, so neighbouring end ticks stay apart
      fx: { label: null, domain: ['h1', 'h2', 'h3'], padding: panelWidth < 500 ? 0.3 : 0.2 },
      // the row names on the right, one word a line ('weighted\nactivation', 'pre-\nactivation')
      fy: {
        label: null,
        // room between the rows, so one row's bottom tick and the next row's top tick stay apart
        padding: 0.2,
        domain: stages.map((s) => s[1]),
        tickFormat: (d: string) => d.replace(/-| /, (m) => (m === '-' ? '-\n' : '\n')),
      },
      x: { label: 'Input, x', ticks: 3 },
      y: { label: null, grid: true, ...(options.yDomain ? { domain: options.yDomain } : {}) },
      marginRight: Math.ceil(textWidth('activation') + 14),
      marks: [
        Plot.frame({ strokeOpacity: 0.3 }),
        Plot.ruleY([0], { strokeOpacity: 0.2 }),
        Plot.line(rows, { x: 'x', y: 'y', fx: 'unit', fy: 'stage', stroke: 'unit', strokeWidth: 1.75 }),
      ],
      color: { domain: ['h1', 'h2', 'h3'], range: [colorOf(0), colorOf(1), colorOf(2)] },
    }),
    { height: 480 },
  );
}

/** Options of {@link regressionPlot}. */
export interface RegressionPlotOptions extends FigureOptions {
  /** Model inputs, `[M]`. */
  xModel: Series;
  /** Model mean `μ = f[x, φ]`, `[M]`. */
  yModel: Series;
  /** Standard deviation σ (scalar for homoscedastic, `[M]` for heteroscedastic); draws the ±2σ band. */
  sigma?: number | Series;
  /** Training inputs, `[N]`. */
  xData?: Series;
  /** Training targets, `[N]`. */
  yData?: Series;
  xDomain?: [number, number];
  yDomain?: [number, number];
}

/**
 * Univariate regression as Loss I draws it (`plot_univariate_regression`): the model's mean as a
 * line, the band `μ ± 2σ` of the Gaussian likelihood (UDL eq. 5.7) in light grey, and the
 * training data as black dots. One area `<path>`, one line `<path>`, one `<circle>` per datum.
 *
 * @example
 * regressionPlot({ xModel: [0, 0.5, 1], yModel: [0, 0.3, -0.2], sigma: 0.2, xData: [0.1, 0.7], yData: [0.05, 0.1] });
 */
export function regressionPlot(options: RegressionPlotOptions): Figure {
  const op = 'regressionPlot';
  const xm = seriesOf(op, 'xModel', options.xModel);
  const ym = seriesOf(op, 'yModel', options.yModel, xm.length);
  let sig: number[] | undefined;
  if (typeof options.sigma === 'number')
    sig = xm.map(() => numberIn(op, 'sigma', options.sigma, 0, Number.POSITIVE_INFINITY));
  else if (options.sigma !== undefined) sig = seriesOf(op, 'sigma', options.sigma, xm.length);
  const model = xm.map((x, i) => ({
    x,
    y: ym[i] as number,
    lo: sig ? (ym[i] as number) - 2 * (sig[i] as number) : 0,
    hi: sig ? (ym[i] as number) + 2 * (sig[i] as number) : 0,
  }));
  const marks: Plot.Markish[] = [];
  if (sig)
    marks.push(Plot.areaY(model, { x: 'x', y1: 'lo', y2: 'hi', fill: 'currentColor', fillOpacity: 0.18 }));
  marks.push(Plot.line(model, { x: 'x', y: 'y', stroke: colorOf(0), strokeWidth: 2 }));
  let n = 0;
  if (options.xData !== undefined || options.yData !== undefined) {
    const xd = seriesOf(op, 'xData', options.xData);
    const yd = seriesOf(op, 'yData', options.yData, xd.length);
    n = xd.length;
    marks.push(
      Plot.dot(
        xd.map((x, i) => ({ x, y: yd[i] })),
        { x: 'x', y: 'y', fill: 'currentColor', r: 3 },
      ),
    );
  }
  return makeFigure(
    op,
    `Regression: model mean${sig ? ' with a plus or minus two sigma band' : ''}${n ? ` and ${n} training points` : ''}`,
    options,
    () => ({
      x: { label: 'Input, x', domain: options.xDomain ?? [0, 1] },
      y: { label: 'Output, y', grid: true, domain: options.yDomain ?? [-1, 1] },
      marks,
    }),
    { height: 340 },
  );
}

/** Options of {@link classificationPlot}. */
export interface ClassificationPlotOptions extends FigureOptions {
  /** Model inputs, `[M]`. */
  xModel: Series;
  /** Network outputs before the sigmoid/softmax: one series `[M]` (binary) or K series (multiclass). Drawn in a left panel when given. */
  outputs?: Series[];
  /** `λ = Pr(y = k | x)`: one series `[M]` for binary (Pr(y = 1)), K series for K classes (each row of the softmax). */
  probabilities: Series[];
  /** Training inputs, `[N]`. */
  xData?: Series;
  /** Training labels, `[N]` (0/1 for binary, 0..K-1 for multiclass). */
  yData?: Series;
}

/**
 * Classification as Loss II and III draw it: the model output (left, optional) and the class
 * probabilities `λ = sig[f]` (Bernoulli, UDL eq. 5.18) or `softmax[f]` (categorical, eq. 5.22)
 * against x (right) with the training labels as dots (at y = label for binary, along the bottom
 * coloured by class for multiclass). One `<path>` per class, one `<circle>` per datum.
 *
 * @example
 * classificationPlot({ xModel: [0, 0.5, 1], probabilities: [[0.1, 0.5, 0.9]], xData: [0.2, 0.8], yData: [0, 1] });
 */
export function classificationPlot(options: ClassificationPlotOptions): Figure {
  const op = 'classificationPlot';
  const xm = seriesOf(op, 'xModel', options.xModel);
  const probs = options.probabilities;
  if (!Array.isArray(probs) || probs.length === 0)
    throw new PlotInputError(
      op,
      `argument 'probabilities' must be a non-empty array of series, received ${typeof probs}`,
    );
  const K = probs.length;
  const binary = K === 1;
  const named = (group: Series[], name: (k: number) => string): NamedSeries[] =>
    group.map((y, k) => ({ name: name(k), y, color: colorOf(k) }));
  const right: Plot.Markish[] = [
    ...lineMarks(
      op,
      xm,
      named(probs, (k) => (binary ? 'Pr(y=1|x)' : `Pr(y=${k}|x)`)),
      'probabilities',
    ),
  ];
  let n = 0;
  if (options.xData !== undefined) {
    const xd = seriesOf(op, 'xData', options.xData);
    const yd = seriesOf(op, 'yData', options.yData, xd.length);
    n = xd.length;
    yd.forEach((y, i) => {
      if (!Number.isInteger(y) || y < 0 || y >= Math.max(2, K)) {
        throw new PlotInputError(
          op,
          `argument 'yData[${i}]' must be a class label in 0..${Math.max(2, K) - 1}, received ${y}`,
        );
      }
    });
    const pts = xd.map((x, i) => ({
      x,
      y: binary ? (yd[i] as number) : 0,
      fill: binary ? 'currentColor' : colorOf(yd[i] as number),
    }));
    right.push(Plot.dot(pts, { x: 'x', y: 'y', fill: (d: { fill: string }) => d.fill, r: 3 }));
  }
  const probsPanel: Plot.PlotOptions = {
    x: { label: 'Input, x' },
    y: { label: binary ? 'λ or Pr(y=1|x)' : 'λ or Pr(y=k|x)', grid: true, domain: [-0.05, 1.05] },
    color: { type: 'identity' },
    marks: right,
  };
  const panels: Plot.PlotOptions[] = [];
  if (options.outputs) {
    panels.push({
      x: { label: 'Input, x' },
      y: { label: 'Model output', grid: true },
      marks: [
        Plot.ruleY([0], { strokeOpacity: 0.2 }),
        ...lineMarks(
          op,
          xm,
          named(options.outputs, (k) => (binary ? 'f' : `f${k}`)),
          'outputs',
        ),
      ],
    });
  }
  panels.push(probsPanel);
  return makeFigure(
    op,
    `Classification: probabilities of ${binary ? 'class 1' : `${K} classes`} against x${n ? ` with ${n} labelled points` : ''}`,
    options,
    () => panels,
    {
      height: 320,
      legend: binary
        ? []
        : probs.map((_, k) => ({
            name: options.outputs ? `f${k}, Pr(y=${k}|x)` : `Pr(y=${k}|x)`,
            color: colorOf(k),
          })),
    },
  );
}

/** Options of {@link likelihoodSweep}. */
export interface LikelihoodSweepOptions extends FigureOptions {
  /** The swept parameter's values, `[P]` (e.g. the offset β₁). */
  param: Series;
  paramLabel?: string;
  /** One panel per curve (e.g. likelihood, negative log-likelihood, sum of squares), each `[P]`. */
  curves: NamedSeries[];
  /** Mark the optimum of each curve (max for names containing "likelihood" but not "log", min otherwise) with a dot and a vertical rule. */
  markOptimum?: boolean;
}

/**
 * Loss II/III's likelihood sweep: likelihood, negative log-likelihood (and least squares) as a
 * function of one parameter, one panel each with its own y scale, showing that the maximum of
 * the likelihood and the minimum of the NLL sit at the same parameter value (UDL eq. 5.4–5.6).
 * One `<path>` per curve, plus a rule and a dot at each optimum when `markOptimum` is set.
 *
 * @example
 * const b = [0, 0.5, 1, 1.5];
 * likelihoodSweep({ param: b, paramLabel: 'β₁', curves: [
 *   { name: 'likelihood', y: [0.1, 0.5, 0.3, 0.1] },
 *   { name: 'negative log likelihood', y: [2.3, 0.7, 1.2, 2.3] } ], markOptimum: true });
 */
export function likelihoodSweep(options: LikelihoodSweepOptions): Figure {
  const op = 'likelihoodSweep';
  const ps = seriesOf(op, 'param', options.param);
  if (!Array.isArray(options.curves) || options.curves.length === 0)
    throw new PlotInputError(op, "argument 'curves' must be a non-empty array of { name, y }");
  const panels = options.curves.map((c, k): Plot.PlotOptions => {
    const ys = seriesOf(op, `curves[${k}].y`, c.y, ps.length);
    const rows = ps.map((p, i) => ({ p, y: ys[i] as number }));
    const maximize = /likelihood/i.test(c.name) && !/log/i.test(c.name);
    const marks: Plot.Markish[] = [
      Plot.line(rows, { x: 'p', y: 'y', stroke: c.color ?? colorOf(k), strokeWidth: 1.75 }),
    ];
    if (options.markOptimum) {
      let best = 0;
      rows.forEach((r, i) => {
        if (maximize ? r.y > (rows[best] as typeof r).y : r.y < (rows[best] as typeof r).y) best = i;
      });
      const b = rows[best] as (typeof rows)[number];
      marks.push(
        Plot.ruleX([b.p], { strokeDasharray: '3,3', strokeOpacity: 0.6 }),
        Plot.dot([b], { x: 'p', y: 'y', fill: c.color ?? colorOf(k), r: 4 }),
      );
    }
    return { x: { label: options.paramLabel ?? 'parameter' }, y: { label: c.name, grid: true }, marks };
  });
  return makeFigure(
    op,
    `Sweep of ${options.curves.map((c) => c.name).join(', ')} against ${options.paramLabel ?? 'the parameter'}`,
    options,
    () => panels,
    { height: 300 },
  );
}

/** A gradient-descent path on a 2-D loss surface. */
export interface Trajectory {
  name: string;
  /** Iterates `[T, 2]` as `[φ0, φ1]` pairs. */
  points: ArrayLike<readonly [number, number] | ArrayLike<number>>;
  color?: string;
}

/** Options of {@link lossContour}. */
export interface LossContourOptions extends FigureOptions {
  /** Grid positions along the horizontal axis, `[NX]` (e.g. intercepts φ0), evenly spaced, increasing. */
  x: Series;
  /** Grid positions along the vertical axis, `[NY]` (e.g. slopes φ1), evenly spaced, increasing. */
  y: Series;
  /** Loss values row-major `[NY, NX]`: `values[j * NX + i]` is the loss at `(x[i], y[j])` (numpy's `meshgrid` layout). */
  values: Series;
  /** Optimizer trajectories drawn on top as dots joined by lines (the notebooks' `'go-'`). */
  trajectories?: Trajectory[];
  /** Number of filled contour levels (the notebooks' `contourf(..., 256)`; default 256). */
  fillLevels?: number;
  /** Number of grey contour lines (the notebooks' `contour(..., 40)`; default 40; 0 for none). */
  lineLevels?: number;
  xLabel?: string;
  yLabel?: string;
  /** Flip the vertical axis (Training II/III draw slopes with `set_ylim([1, -1])`). */
  reverseY?: boolean;
  /**
   * Accepted for compatibility (checked): the trajectories are always named in the figure's
   * legend above the plot, in their colours.
   */
  legend?: LegendCorner;
  /** The label of the colour bar under the plot (what the colours mean; default `'loss'`). */
  valueLabel?: string;
}

/**
 * A loss surface as filled contours in the UDL notebooks' brown colormap ({@link udlBrown}:
 * Training II/III, Notebook 9.2) with grey contour lines and optimizer trajectories on top —
 * the picture of gradient descent, SGD, momentum, Adam and implicit regularization (UDL
 * eq. 9.8) walking down the loss. Filled contour `<path>`s (one per level band), one `<circle>`
 * per iterate and one line `<path>` per trajectory.
 *
 * @example
 * const x = [-1, 0, 1], y = [-1, 0, 1];
 * const values = y.flatMap((b) => x.map((a) => a * a + b * b));
 * lossContour({ x, y, values, fillLevels: 16, trajectories: [{ name: 'GD', points: [[1, 1], [0.5, 0.5], [0, 0]] }] });
 */
export function lossContour(options: LossContourOptions): Figure {
  const op = 'lossContour';
  const { xs, ys } = gridAxes(op, options.x, options.y);
  const values = seriesOf(op, 'values', options.values);
  if (values.length !== xs.length * ys.length) {
    throw new PlotInputError(
      op,
      `argument 'values' must have length y.length * x.length = ${ys.length} * ${xs.length} = ${ys.length * xs.length} (row-major [NY, NX]), received length ${values.length}`,
    );
  }
  const dx = ((xs.at(-1) as number) - (xs[0] as number)) / (xs.length - 1);
  const dy = ((ys.at(-1) as number) - (ys[0] as number)) / (ys.length - 1);
  if (!(dx > 0) || !(dy > 0))
    throw new PlotInputError(op, `arguments 'x' and 'y' must be increasing, received steps ${dx} and ${dy}`);
  // Plot samples grid values at cell centres: widen the extent by half a step on each side.
  const extent = {
    x1: (xs[0] as number) - dx / 2,
    x2: (xs.at(-1) as number) + dx / 2,
    y1: (ys[0] as number) - dy / 2,
    y2: (ys.at(-1) as number) + dy / 2,
    width: xs.length,
    height: ys.length,
  };
  const fillLevels = options.fillLevels ?? 256;
  const lineLevels = options.lineLevels ?? 40;
  const marks: Plot.Markish[] = [
    Plot.contour(values, {
      ...extent,
      value: Plot.identity,
      fill: 'value',
      thresholds: fillLevels,
      stroke: 'none',
    } as Plot.ContourOptions),
  ];
  if (lineLevels > 0) {
    marks.push(
      Plot.contour(values, {
        ...extent,
        value: Plot.identity,
        thresholds: lineLevels,
        fill: 'none',
        stroke: '#808080',
        strokeOpacity: 0.5,
        strokeWidth: 0.75,
      } as Plot.ContourOptions),
    );
  }
  const corner = options.legend;
  if (corner !== undefined && !LEGEND_CORNERS.includes(corner))
    throw new PlotInputError(
      op,
      `argument 'legend' must be one of ${LEGEND_CORNERS.map((c) => `'${c}'`).join(', ')}, received ${JSON.stringify(corner)}`,
    );
  const legend: LegendEntry[] = [];
  (options.trajectories ?? []).forEach((t, k) => {
    const pts = Array.from(t.points, (p, i) => {
      const a = seriesOf(op, `trajectories[${k}].points[${i}]`, p, 2);
      return { x: a[0] as number, y: a[1] as number, name: t.name };
    });
    const color = t.color ?? ['#2ca02c', '#17becf', '#d62728', '#ff7f0e', '#9467bd', '#e377c2'][k % 6];
    marks.push(
      Plot.line(pts, { x: 'x', y: 'y', stroke: color, strokeWidth: 1.5 }),
      Plot.dot(pts, { x: 'x', y: 'y', fill: color, r: 2.5, stroke: 'white', strokeWidth: 0.5 }),
    );
    legend.push({ name: String(t.name), color: color as string });
  });
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const names = (options.trajectories ?? []).map((t) => t.name);
  return makeFigure(
    op,
    `Filled contour plot of the loss over ${options.xLabel ?? 'x'} and ${options.yLabel ?? 'y'} in a brown colormap (dark is low loss)${names.length ? `, with the trajectories of ${names.join(', ')}` : ''}`,
    options,
    () => ({
      x: { label: options.xLabel ?? 'φ0', domain: [extent.x1, extent.x2] },
      y: {
        label: options.yLabel ?? 'φ1',
        domain: [extent.y1, extent.y2],
        reverse: options.reverseY ?? false,
      },
      color: { type: 'linear', interpolate: udlBrown },
      marks,
      ramp: {
        label: options.valueLabel ?? 'loss',
        color: { type: 'linear', interpolate: udlBrown, domain: [lo, hi] },
      },
    }),
    { width: 520, height: 480, legend },
  );
}

/** A 2-D image for {@link convolutionPlot}: row-major `[H, W]` values. */
export interface Image2D {
  data: Series;
  height: number;
  width: number;
}

/** Options of {@link convolutionPlot}. */
export interface ConvolutionPlotOptions extends FigureOptions {
  /** The input signal `[N]` or image `[H, W]`. */
  input: Series | Image2D;
  /** The output signal `[N']` or image `[H', W']` (same kind as the input). */
  output: Series | Image2D;
  /** The kernel, drawn as a third panel (`[K]` or `[KH, KW]`). */
  kernel?: Series | Image2D;
}

function isImage(v: unknown): v is Image2D {
  return typeof v === 'object' && v !== null && 'data' in v && 'height' in v && 'width' in v;
}

function heatmap(op: string, arg: string, img: Image2D, label: string): PanelSpec {
  const H = img.height;
  const W = img.width;
  if (!Number.isInteger(H) || !Number.isInteger(W) || H < 1 || W < 1)
    throw new PlotInputError(
      op,
      `argument '${arg}' must have positive integer height and width, received ${H} x ${W}`,
    );
  const data = seriesOf(op, `${arg}.data`, img.data, H * W);
  const cells = data.map((v, k) => ({ row: Math.floor(k / W), col: k % W, v }));
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const color: Plot.ScaleOptions = { type: 'linear', scheme: 'greys', reverse: true, domain: [lo, hi] };
  return {
    aspectRatio: 1,
    padding: 0,
    x: { axis: null, domain: Array.from({ length: W }, (_, i) => i) },
    y: { axis: null, domain: Array.from({ length: H }, (_, i) => i) },
    color,
    ramp: { label, color },
    marks: [
      Plot.cell(cells, { x: 'col', y: 'row', fill: 'v', inset: 0 }),
      Plot.text([label], { frameAnchor: 'top', dy: -14 }),
    ],
    marginTop: 24,
    marginLeft: 4,
    marginRight: 4,
    marginBottom: 4,
  };
}

function signal(op: string, arg: string, s: Series, label: string, color: string): Plot.PlotOptions {
  const ys = seriesOf(op, arg, s);
  const rows = ys.map((y, i) => ({ i, y }));
  return {
    x: { label: 'index' },
    y: { label, grid: true },
    marks: [
      Plot.ruleY([0], { strokeOpacity: 0.2 }),
      Plot.line(rows, { x: 'i', y: 'y', stroke: color, strokeWidth: 1.5 }),
      Plot.dot(rows, { x: 'i', y: 'y', fill: color, r: 2 }),
    ],
  };
}

/**
 * Convolution inputs and outputs as Convolution I–III show them: 1-D signals as lines with a dot
 * per sample, 2-D images as grey heatmaps (one `<rect>` per pixel), side by side (input, kernel,
 * output). Shapes: `[N]`/`[H, W]` in, `[N']`/`[H', W']` out (UDL eq. 10.3–10.6).
 *
 * @example
 * convolutionPlot({ input: [0, 1, 2, 3, 2, 1, 0], kernel: [-1, 0, 1], output: [2, 2, 0, -2, -2] });
 */
export function convolutionPlot(options: ConvolutionPlotOptions): Figure {
  const op = 'convolutionPlot';
  const twoD = isImage(options.input);
  if (
    twoD !== isImage(options.output) ||
    (options.kernel !== undefined && twoD !== isImage(options.kernel))
  ) {
    throw new PlotInputError(
      op,
      "arguments 'input', 'kernel' and 'output' must all be 1-D series or all be { data, height, width } images",
    );
  }
  const panels: PanelSpec[] = [];
  if (twoD) {
    panels.push(heatmap(op, 'input', options.input as Image2D, 'input'));
    if (options.kernel) panels.push(heatmap(op, 'kernel', options.kernel as Image2D, 'kernel'));
    panels.push(heatmap(op, 'output', options.output as Image2D, 'output'));
  } else {
    panels.push(signal(op, 'input', options.input as Series, 'input', colorOf(0)));
    if (options.kernel) panels.push(signal(op, 'kernel', options.kernel as Series, 'kernel', colorOf(2)));
    panels.push(signal(op, 'output', options.output as Series, 'output', colorOf(1)));
  }
  return makeFigure(
    op,
    `Convolution: ${twoD ? 'input and output images as grey heatmaps' : 'input and output signals'}${options.kernel ? ' with the kernel' : ''}`,
    options,
    () => panels,
    { height: twoD ? 240 : 260 },
  );
}

/** Options of {@link errorCurves}. */
export interface ErrorCurvesOptions extends FigureOptions {
  /** Training error in percent, one per epoch, `[E]`. */
  train: Series;
  /** Validation error in percent, one per epoch, `[E]`. */
  validation?: Series;
  /** Dotted horizontal line (the coursework's 37.45% validation baseline); `null` for none. */
  baseline?: number | null;
  yLabel?: string;
}

/**
 * Training and validation error per epoch as Coursework I–III and Convolution II plot them
 * (`'r-'` train, `'b-'` validation, y from 0 to 100), with the coursework's 37.45% validation
 * baseline as a dotted line. One `<path>` per curve and one dotted `<line>` for the baseline.
 *
 * @example
 * errorCurves({ train: [80, 50, 30, 20], validation: [82, 55, 40, 36] });
 */
export function errorCurves(options: ErrorCurvesOptions): Figure {
  const op = 'errorCurves';
  const train = seriesOf(op, 'train', options.train);
  const series: NamedSeries[] = [{ name: 'train', y: train, color: '#d62728' }];
  if (options.validation !== undefined) {
    const val = seriesOf(op, 'validation', options.validation);
    series.push({ name: 'validation', y: val, color: '#1f77b4' });
  }
  const E = Math.max(...series.map((s) => s.y.length));
  const baseline = options.baseline === undefined ? 37.45 : options.baseline;
  const marks: Plot.Markish[] = [];
  const legend: LegendEntry[] = series.map((s) => ({ name: s.name, color: s.color as string }));
  series.forEach((s) => {
    const rows = Array.from(s.y, (y, i) => ({ epoch: i, y, name: s.name }));
    marks.push(Plot.line(rows, { x: 'epoch', y: 'y', stroke: s.color as string, strokeWidth: 1.75 }));
  });
  if (baseline !== null) {
    const rule = baselineRule(op, baseline);
    marks.push(rule.mark);
    legend.push(rule.legend);
  }
  return makeFigure(
    op,
    `Error per epoch for ${series.map((s) => s.name).join(' and ')} over ${E} epochs${baseline !== null ? `, with a dotted baseline at ${baseline}%` : ''}`,
    options,
    () => ({
      x: { label: 'Epoch', domain: [0, Math.max(1, E - 1)] },
      y: { label: options.yLabel ?? 'Error (%)', domain: [0, 100], grid: true },
      marks,
    }),
    { height: 320, legend },
  );
}

/** Options of {@link distanceHistogram}. */
export interface DistanceHistogramOptions extends FigureOptions {
  /** One panel per group, e.g. pairwise distances in 2, 100 and 1000 dimensions. */
  groups: { name: string; values: Series }[];
  /** Number of bins per panel (default 30). */
  bins?: number;
  xLabel?: string;
  /** About how many x ticks each panel gets (default 4; the panels are narrow, so Plot's own default often gives one). */
  xTicks?: number;
}

/**
 * Histograms of distances between random points, Coursework IV's view of the curse of
 * dimensionality: as the dimension grows, pairwise distances concentrate around their mean
 * (the ratio of largest to smallest distance tends to 1). One panel per group, one `<rect>` per
 * non-empty bin.
 *
 * @example
 * distanceHistogram({ groups: [{ name: 'D = 2', values: [0.1, 0.5, 0.9, 1.2] }], bins: 4 });
 */
export function distanceHistogram(options: DistanceHistogramOptions): Figure {
  const op = 'distanceHistogram';
  if (!Array.isArray(options.groups) || options.groups.length === 0)
    throw new PlotInputError(op, "argument 'groups' must be a non-empty array of { name, values }");
  const bins = options.bins ?? 30;
  if (!Number.isInteger(bins) || bins < 1)
    throw new PlotInputError(op, `argument 'bins' must be a positive integer, received ${bins}`);
  const xTicks = options.xTicks ?? 4;
  if (!Number.isInteger(xTicks) || xTicks < 1)
    throw new PlotInputError(op, `argument 'xTicks' must be a positive integer, received ${xTicks}`);
  const panels = options.groups.map((g, k): Plot.PlotOptions => {
    const v = seriesOf(op, `groups[${k}].values`, g.values);
    if (v.length === 0) throw new PlotInputError(op, `argument 'groups[${k}].values' must not be empty`);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const d of v) {
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    if (hi === lo) hi = lo + 1;
    const step = (hi - lo) / bins;
    const counts = new Array<number>(bins).fill(0);
    for (const d of v) counts[Math.min(bins - 1, Math.floor((d - lo) / step))]++;
    const rows = counts
      .map((c, i) => ({ x1: lo + i * step, x2: lo + (i + 1) * step, c }))
      .filter((r) => r.c > 0);
    return {
      x: { label: `${options.xLabel ?? 'distance'} (${g.name})`, ticks: xTicks },
      y: { label: 'count', grid: true },
      marks: [
        Plot.rectY(rows, { x1: 'x1', x2: 'x2', y: 'c', fill: colorOf(k), inset: 0.5 }),
        Plot.ruleY([0]),
      ],
    };
  });
  return makeFigure(
    op,
    `Histograms of distances for ${options.groups.map((g) => g.name).join(', ')}`,
    options,
    () => panels,
    { height: 260 },
  );
}

/** One finished (or partial) beam: its tokens after the prompt and its score (sum of log-probabilities). */
export interface Beam {
  tokens: readonly string[];
  score: number;
}

/** Options of {@link beamTree}. */
export interface BeamTreeOptions extends FigureOptions {
  /** The prompt, drawn as the root. */
  prompt: string;
  /** The beams, best first. */
  beams: Beam[];
}

const showToken = (t: string): string => JSON.stringify(t).slice(1, -1).replace(/^ /, '␣');

/**
 * Beam-search hypotheses as a tree (the Transformers notebook's beam search): the prompt at the
 * root, shared prefixes merged, each leaf labelled with its score `Σ log Pr(token)`. One dot per
 * tree node and one link `<path>` per edge.
 *
 * @example
 * beamTree({ prompt: 'The best thing about Bath is', beams: [
 *   { tokens: [' the', ' way'], score: -3.1 }, { tokens: [' the', ' fact'], score: -3.5 } ] });
 */
export function beamTree(options: BeamTreeOptions): Figure {
  const op = 'beamTree';
  if (typeof options.prompt !== 'string')
    throw new PlotInputError(op, `argument 'prompt' must be a string, received ${typeof options.prompt}`);
  if (!Array.isArray(options.beams) || options.beams.length === 0)
    throw new PlotInputError(op, "argument 'beams' must be a non-empty array of { tokens, score }");
  const SEP = '\u001f';
  const root = showToken(options.prompt.length > 40 ? `…${options.prompt.slice(-39)}` : options.prompt);
  const paths = new Set<string>([root]);
  const leaves: { path: string; score: number }[] = [];
  options.beams.forEach((b, k) => {
    if (!Array.isArray(b.tokens) || typeof b.score !== 'number')
      throw new PlotInputError(op, `argument 'beams[${k}]' must be { tokens: string[], score: number }`);
    let p = root;
    b.tokens.forEach((t, i) => {
      // node ids are the path, so identical tokens under different parents stay distinct
      p = `${p}${SEP}${i}:${showToken(t)}`;
      paths.add(p);
    });
    leaves.push({ path: p, score: b.score });
  });
  const scoreOf = new Map(leaves.map((l) => [l.path, l.score]));
  const nodes = [...paths].map((path) => ({ path, score: scoreOf.get(path) }));
  const label = (d: { path: string; score?: number }): string => {
    const last = d.path.split(SEP).at(-1) as string;
    const tok = d.path.includes(SEP) ? last.slice(last.indexOf(':') + 1) : last;
    return d.score === undefined ? tok : `${tok}  (${d.score.toFixed(2)})`;
  };
  const depth = Math.max(...options.beams.map((b) => b.tokens.length));
  return makeFigure(
    op,
    `Beam search tree from the prompt "${options.prompt}" with ${options.beams.length} beams; best: "${options.beams[0]?.tokens.join('')}"`,
    options,
    () => ({
      axis: null,
      marginLeft: Math.min(260, 10 + 6.5 * root.length),
      marginRight: 140,
      marginTop: 10,
      marginBottom: 10,
      marks: [
        Plot.tree(nodes, {
          path: 'path',
          delimiter: SEP,
          text: (d: { path: string; score?: number }) => label(d),
          title: (d: { path: string; score?: number }) =>
            d.path
              .split(SEP)
              .map((seg, i) => (i === 0 ? seg : seg.slice(seg.indexOf(':') + 1)))
              .join(''),
          textStroke: 'var(--vp-c-bg, white)',
          fontSize: 11,
          r: 3,
        } as Plot.TreeOptions),
      ],
    }),
    {
      width: Math.max(480, 120 * (depth + 1)),
      // a tree's labels cannot get closer: below this width the page scrolls it sideways
      minWidth: Math.max(480, 120 * (depth + 1)),
      height: Math.max(120, 30 * options.beams.length),
    },
  );
}
