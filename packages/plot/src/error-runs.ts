/**
 * `errorCurveRuns`: the coursework's error curves (training and validation error per epoch) of
 * several training runs on one plot — a run history, as TensorBoard overlays runs: each run in
 * its own colour, training error dashed and validation error solid, the earlier runs dimmed so
 * the latest stands out, and a legend naming each run.
 */
import * as Plot from '@observablehq/plot';
import {
  baselineRule,
  type Figure,
  type FigureOptions,
  type LegendEntry,
  makeFigure,
  numberIn,
  PlotInputError,
  type Series,
  seriesOf,
} from './figure.js';
import { SERIES_COLORS } from './figures.js';

/** One run of {@link errorCurveRuns}. */
export interface ErrorRun {
  /** The run's name in the legend (e.g. its settings). */
  name: string;
  /** Training error in percent, one per epoch, `[E]`. */
  train: Series;
  /** Validation error in percent, one per epoch, `[E]` (may be shorter while the run trains). */
  validation?: Series;
  /** The run's colour (default: the run's index in {@link SERIES_COLORS}). */
  color?: string;
}

/** Options of {@link errorCurveRuns}. */
export interface ErrorCurveRunsOptions extends FigureOptions {
  /** The runs, oldest first: the last one is drawn at full strength, the others dimmed. */
  runs: ErrorRun[];
  /** Dotted horizontal line (the coursework's 37.45% validation baseline); `null` for none. */
  baseline?: number | null;
  /** The stroke opacity of the earlier runs (default 0.35). */
  dimmed?: number;
  yLabel?: string;
}

/** The training curves' dash pattern. */
const TRAIN_DASH = '5,3';

/**
 * Training (dashed) and validation (solid) error per epoch of each run, y from 0 to 100 as the
 * courseworks plot it, the earlier runs at `dimmed` opacity and thinner, with the coursework's
 * 37.45% baseline dotted. One `<path>` per curve (two per run with validation errors) and a dot at its last epoch, one dotted
 * `<line>` for the baseline; the legend says which stroke is which and names the runs in their
 * colours.
 *
 * @example
 * errorCurveRuns({ runs: [
 *   { name: 'run 1: lr 0.05', train: [80, 50, 30], validation: [82, 55, 40] },
 *   { name: 'run 2: lr 0.1', train: [70, 40, 25], validation: [75, 50, 38] },
 * ] });
 */
export function errorCurveRuns(options: ErrorCurveRunsOptions): Figure {
  const op = 'errorCurveRuns';
  if (!Array.isArray(options.runs) || options.runs.length === 0)
    throw new PlotInputError(
      op,
      `argument 'runs' must be a non-empty array of { name, train, validation? }, received ${Array.isArray(options.runs) ? 'an empty array' : typeof options.runs}`,
    );
  const dimmed = options.dimmed === undefined ? 0.35 : numberIn(op, 'dimmed', options.dimmed, 0, 1);
  const last = options.runs.length - 1;
  const runs = options.runs.map((r, k) => {
    if (r === null || typeof r !== 'object' || typeof r.name !== 'string')
      throw new PlotInputError(
        op,
        `argument 'runs[${k}]' must be { name, train, validation? }, received ${r === null ? 'null' : typeof r}`,
      );
    return {
      name: r.name,
      color: r.color ?? (SERIES_COLORS[k % SERIES_COLORS.length] as string),
      train: seriesOf(op, `runs[${k}].train`, r.train),
      validation:
        r.validation === undefined ? undefined : seriesOf(op, `runs[${k}].validation`, r.validation),
      opacity: k === last ? 1 : dimmed,
      width: k === last ? 2 : 1.5,
    };
  });
  const E = Math.max(1, ...runs.flatMap((r) => [r.train.length, r.validation?.length ?? 0]));
  const marks: Plot.Markish[] = [];
  for (const r of runs)
    for (const [curve, ys] of [
      ['train', r.train],
      ['validation', r.validation],
    ] as const) {
      if (!ys || ys.length === 0) continue;
      const rows = ys.map((y, i) => ({ epoch: i, y }));
      marks.push(
        Plot.line(rows, {
          x: 'epoch',
          y: 'y',
          stroke: r.color,
          strokeWidth: r.width,
          strokeOpacity: r.opacity,
          ...(curve === 'train' ? { strokeDasharray: TRAIN_DASH } : {}),
        }),
        // the curve's last epoch as a dot (filled: validation, hollow: training), so a one-epoch
        // run shows too
        Plot.dot(rows.slice(-1), {
          x: 'epoch',
          y: 'y',
          r: 3,
          stroke: r.color,
          strokeOpacity: r.opacity,
          fill: curve === 'train' ? 'none' : r.color,
          fillOpacity: r.opacity,
        }),
      );
    }
  const baseline = options.baseline === undefined ? 37.45 : options.baseline;
  const legend: LegendEntry[] = [
    { name: 'training error', color: 'currentColor', dash: TRAIN_DASH },
    { name: 'validation error', color: 'currentColor' },
  ];
  if (baseline !== null) {
    const rule = baselineRule(op, baseline);
    marks.push(rule.mark);
    legend.push(rule.legend);
  }
  legend.push(...runs.map((r) => ({ name: r.name, color: r.color })));
  return makeFigure(
    op,
    `Training and validation error per epoch of ${runs.length} run${runs.length > 1 ? 's' : ''} (${runs.map((r) => r.name).join('; ')})${baseline !== null ? `, with a dotted baseline at ${baseline}%` : ''}`,
    options,
    () => ({
      // whole epochs on the axis while they are few (Plot would tick 0.2, 0.4, … after one epoch)
      x: {
        label: 'Epoch',
        domain: [0, Math.max(1, E - 1)],
        ...(E <= 11 ? { ticks: Array.from({ length: Math.max(2, E) }, (_, i) => i), tickFormat: 'd' } : {}),
      },
      y: { label: options.yLabel ?? 'Error (%)', domain: [0, 100], grid: true },
      marks,
    }),
    { height: 320, legend },
  );
}
