/**
 * `semilogyPlot`: curves on a logarithmic vertical axis, each with its own x values —
 * matplotlib's `ax.semilogy(x, y)` called once per line. Notebook 3.3 draws the number of linear
 * regions of a shallow network (up to ~1e140) against the number of hidden units and against the
 * number of parameters this way (UDL figure 3.9).
 */
import * as Plot from '@observablehq/plot';
import {
  type Figure,
  type FigureOptions,
  type LegendEntry,
  makeFigure,
  PlotInputError,
  type Series,
  seriesOf,
} from './figure.js';
import { SERIES_COLORS } from './figures.js';

/** One curve of {@link semilogyPlot}: its own `x` and `y`, `[N]` each. */
export interface LogSeries {
  name: string;
  x: Series;
  y: Series;
  /** Line colour (default: the next of {@link SERIES_COLORS}). */
  color?: string;
}

/** Options of {@link semilogyPlot}. */
export interface SemilogyPlotOptions extends FigureOptions {
  /** The curves; named in a legend above the plot (when there are several). */
  series: LogSeries[];
  xLabel?: string;
  yLabel?: string;
  xDomain?: [number, number];
  /** Vertical range, both ends positive (matplotlib's `ylim([1e1, 1e150])`). */
  yDomain?: [number, number];
}

/**
 * Curves on a log-scaled y axis (base 10 ticks), each with its own x: matplotlib's `semilogy`.
 * Points whose y is not positive cannot be drawn on a log axis and are left out (matplotlib masks
 * them too); marks are clipped to the frame, so `xDomain`/`yDomain` act like `xlim`/`ylim`. One
 * line `<path>` per series, named in a legend above the plot.
 *
 * @example
 * const D = Array.from({ length: 100 }, (_, i) => i);
 * semilogyPlot({
 *   series: [{ name: 'D_i = 1', x: D, y: D.map((d) => d + 1) }, { name: '2^D', x: D, y: D.map((d) => 2 ** d) }],
 *   xLabel: 'Number of hidden units, D',
 *   yLabel: 'Number of regions, N',
 * });
 */
export function semilogyPlot(options: SemilogyPlotOptions): Figure {
  const op = 'semilogyPlot';
  if (!Array.isArray(options.series) || options.series.length === 0)
    throw new PlotInputError(
      op,
      `argument 'series' must be a non-empty array of { name, x, y }, received ${JSON.stringify(options.series)?.slice(0, 40)}`,
    );
  if (options.yDomain && !(options.yDomain[0] > 0 && options.yDomain[1] > 0))
    throw new PlotInputError(
      op,
      `argument 'yDomain' must be two positive numbers for a log axis, received [${options.yDomain.join(', ')}]`,
    );
  const marks: Plot.Markish[] = [];
  const legend: LegendEntry[] = [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  options.series.forEach((s, k) => {
    const xs = seriesOf(op, `series[${k}].x`, s.x);
    const ys = seriesOf(op, `series[${k}].y`, s.y, xs.length);
    const rows = xs.flatMap((x, i) =>
      (ys[i] as number) > 0 ? [{ x, y: ys[i] as number, name: s.name }] : [],
    );
    for (const r of rows) {
      lo = Math.min(lo, r.y);
      hi = Math.max(hi, r.y);
    }
    const stroke = s.color ?? (SERIES_COLORS[k % SERIES_COLORS.length] as string);
    marks.push(Plot.line(rows, { x: 'x', y: 'y', stroke, strokeWidth: 1.75, clip: true }));
    legend.push({ name: String(s.name), color: stroke });
  });
  // Ticks at powers of ten, at most about eight of them (a range of 150 decades gets one per 20).
  const [d0, d1] = options.yDomain ?? [lo, hi];
  const e0 = Math.floor(Math.log10(d0));
  const e1 = Math.ceil(Math.log10(d1));
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => (e1 - e0) / s <= 8) ?? Math.ceil((e1 - e0) / 8);
  const ticks: number[] = [];
  for (let e = Math.ceil(e0 / step) * step; e <= e1; e += step) ticks.push(10 ** e);
  const names = options.series.map((s) => s.name).join(', ');
  return makeFigure(
    op,
    `Line plot with a logarithmic vertical axis of ${names} against ${options.xLabel ?? 'x'}`,
    options,
    () => ({
      x: { label: options.xLabel ?? 'x', ...(options.xDomain ? { domain: options.xDomain } : {}) },
      y: {
        type: 'log',
        label: options.yLabel ?? 'y',
        grid: true,
        ticks,
        tickFormat: (v: number) => `1e${Math.round(Math.log10(v))}`,
        ...(options.yDomain ? { domain: options.yDomain } : {}),
      },
      marks,
    }),
    { height: 360, legend: legend.length > 1 ? legend : [] },
  );
}
