/**
 * `functionPlotWithLegend`: curves sampled at the same x, named in a legend above the plot —
 * matplotlib's `ax.plot(...)` per line and `ax.legend()`.
 * For curves that end at about the same height (an ensemble and its members, a fit and the truth),
 * where `functionPlot`'s end labels would overlap.
 */
import * as Plot from '@observablehq/plot';
import {
  type Figure,
  LEGEND_CORNERS,
  type LegendCorner,
  makeFigure,
  PlotInputError,
  seriesMarks,
  seriesOf,
} from './figure.js';
import { type FunctionPlotOptions, pointMarks, SERIES_COLORS } from './figures.js';

/** The legend corners {@link functionPlotWithLegend} (and `lossContour`) accept (the legend is drawn above the plot). */
export type { LegendCorner };

/** Options of {@link functionPlotWithLegend}: those of `functionPlot` and the legend's corner. */
export interface FunctionPlotWithLegendOptions extends FunctionPlotOptions {
  /**
   * Accepted for compatibility (checked): the legend is drawn above the plot, where it can cover
   * neither the curves nor another label, and wraps into rows on a narrow page.
   */
  legend?: LegendCorner;
}

const CORNERS = LEGEND_CORNERS;

/**
 * Curves sampled at the same `x` (`[N]` each), with an optional shaded interval and marked points
 * (drawn as dots, labelled when a point has a `label`), and a legend above the plot: one entry per
 * series, its name in its colour after a short stroke (`--` for a dashed series, `•` for one drawn
 * as dots). Lines are clipped
 * to the frame, so `xDomain`/`yDomain` act like matplotlib's `xlim`/`ylim`. One line `<path>` per
 * series; the legend's entries are `<text>` elements.
 *
 * @example
 * const x = Array.from({ length: 101 }, (_, i) => i / 100);
 * functionPlotWithLegend({
 *   x,
 *   series: [
 *     { name: 'true function', y: x.map((v) => Math.sin(6 * v)) },
 *     { name: 'model', y: x.map((v) => Math.sin(6 * v) + 0.1) },
 *   ],
 *   legend: 'bottom-left',
 * });
 */
export function functionPlotWithLegend(options: FunctionPlotWithLegendOptions): Figure {
  const op = 'functionPlotWithLegend';
  const xs = seriesOf(op, 'x', options.x);
  const corner = options.legend ?? 'top-right';
  if (!CORNERS.includes(corner))
    throw new PlotInputError(
      op,
      `argument 'legend' must be one of ${CORNERS.map((c) => `'${c}'`).join(', ')}, received ${JSON.stringify(corner)}`,
    );
  if (!Array.isArray(options.series) || options.series.length === 0)
    throw new PlotInputError(
      op,
      `argument 'series' must be a non-empty array of { name, y }, received ${JSON.stringify(options.series)?.slice(0, 40)}`,
    );
  const series = options.series.map((s, k) => ({
    name: String(s.name),
    y: seriesOf(op, `series[${k}].y`, s.y, xs.length),
    color: s.color ?? (SERIES_COLORS[k % SERIES_COLORS.length] as string),
    dash: s.dash,
    dots: s.dots,
  }));
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.2 })];
  if (options.shade) {
    const [a, b] = options.shade;
    marks.push(Plot.rectX([{ a, b }], { x1: 'a', x2: 'b', fill: 'currentColor', fillOpacity: 0.15 }));
  }
  for (const s of series) {
    const rows = xs.map((x, i) => ({ x, y: s.y[i] as number }));
    marks.push(seriesMarks(rows, s, s.color, true));
  }
  if (options.points?.length) marks.push(...pointMarks(options.points, series, options.yDomain, true));
  const names = series.map((s) => s.name).join(', ');
  return makeFigure(
    'functionPlotWithLegend',
    `Line plot of ${names} against ${options.xLabel ?? 'x'} for x from ${Math.min(...xs)} to ${Math.max(...xs)}, with a legend`,
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
    {
      height: 320,
      legend: series.map((s) => ({ name: s.name, color: s.color, dash: s.dash, dots: s.dots })),
    },
  );
}
