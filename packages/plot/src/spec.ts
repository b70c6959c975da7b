// A figure as data: the figure function's name and its options, written as JSON and read back into
// the same figure. A site computes each figure's data once, when it is built (training a network
// for a figure takes seconds), ships `figureToJSON(figure)`, and each page makes the figure again
// with `figureFromJSON` and lays it out at its reader's width.
import { decisionBoundaryPlot } from './decision-plot.js';
import { errorCurveRuns } from './error-runs.js';
import { type Figure, type FigureKind, type FigureSpec, PlotInputError } from './figure.js';
import {
  beamTree,
  classificationPlot,
  convolutionPlot,
  distanceHistogram,
  errorCurves,
  functionPlot,
  likelihoodSweep,
  lossContour,
  regressionPlot,
  shallowNetworkGrid,
} from './figures.js';
import { heatmap } from './heatmap.js';
import { imagePlot } from './image-plot.js';
import { functionPlotWithLegend } from './legend-plot.js';
import { semilogyPlot } from './semilogy.js';

// `any`: each figure function checks its own options
const FUNCTIONS: Record<FigureKind, (options: any) => Figure> = {
  functionPlot,
  functionPlotWithLegend,
  shallowNetworkGrid,
  regressionPlot,
  classificationPlot,
  likelihoodSweep,
  lossContour,
  convolutionPlot,
  errorCurves,
  distanceHistogram,
  beamTree,
  semilogyPlot,
  imagePlot,
  decisionBoundaryPlot,
  heatmap,
  errorCurveRuns,
};

/** The figure kinds `figureFromJSON` can make. */
export const FIGURE_KINDS = Object.keys(FUNCTIONS) as readonly FigureKind[];

// Numbers JSON cannot hold (NaN marks a gap in a series) travel as {"$number": "NaN"}.
const NUMBER_TAG = '$number';

/** Options of {@link figureToJSON}. */
export interface FigureJSONOptions {
  /**
   * Significant digits kept of each number (1–17): 6 keeps a figure's look and halves its size.
   * Default: every number exactly (the figure read back draws the very same SVG).
   */
  precision?: number;
}

/**
 * The figure's {@link Figure.spec} as JSON: typed arrays become arrays (their exact values, or
 * `precision` significant digits), NaN and ±Infinity are kept (as `{"$number": "NaN"}`), so
 * `figureFromJSON` makes the same figure.
 */
export function figureToJSON(figure: Figure, options: FigureJSONOptions = {}): string {
  if (!figure || typeof figure !== 'object' || !figure.spec)
    throw new PlotInputError('figureToJSON', 'figure must be a Figure made by a @gradkit/plot function');
  const { precision } = options;
  if (precision !== undefined && !(Number.isInteger(precision) && precision >= 1 && precision <= 17))
    throw new PlotInputError(
      'figureToJSON',
      `options.precision must be an integer from 1 to 17, received ${JSON.stringify(precision)}`,
    );
  const round = precision === undefined ? (x: number) => x : (x: number) => Number(x.toPrecision(precision));
  return JSON.stringify(figure.spec, function (this: unknown, _key, value: unknown) {
    if (typeof value === 'number')
      return Number.isFinite(value) ? round(value) : { [NUMBER_TAG]: String(value) };
    if (ArrayBuffer.isView(value) && !(value instanceof DataView))
      return Array.from(value as unknown as ArrayLike<number | bigint>, Number);
    return value;
  });
}

/** `value` with every `{"$number": "…"}` replaced by its number (NaN, ±Infinity). */
function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(revive);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === NUMBER_TAG)
    return Number((value as Record<string, unknown>)[NUMBER_TAG]);
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = revive((value as Record<string, unknown>)[k]);
  return out;
}

/**
 * Make a figure again from {@link figureToJSON}'s text (or its parsed object): the same function
 * called with the same options. Throws a PlotInputError naming what is wrong with the spec.
 */
export function figureFromJSON(json: string | FigureSpec): Figure {
  let spec: unknown = json;
  if (typeof json === 'string') {
    try {
      spec = JSON.parse(json);
    } catch (e) {
      throw new PlotInputError('figureFromJSON', `json is not valid JSON: ${(e as Error).message}`);
    }
  }
  spec = revive(spec);
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw new PlotInputError(
      'figureFromJSON',
      `expected a { kind, options } object, received ${typeof spec}`,
    );
  const { kind, options } = spec as { kind?: unknown; options?: unknown };
  if (typeof kind !== 'string' || !Object.hasOwn(FUNCTIONS, kind))
    throw new PlotInputError(
      'figureFromJSON',
      `spec.kind must be one of ${FIGURE_KINDS.join(', ')}, received ${JSON.stringify(kind)}`,
    );
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new PlotInputError(
      'figureFromJSON',
      `spec.options must be an object, received ${JSON.stringify(options)}`,
    );
  return FUNCTIONS[kind as FigureKind](options);
}
