/**
 * `heatmap`: a matrix drawn as coloured cells with each cell's value written in it, a labelled
 * row and column axis and a colour bar — seaborn's `heatmap(a, annot=True)`, or scikit-learn's
 * `ConfusionMatrixDisplay` for a confusion matrix (rows the true class, columns the predicted one).
 */
import * as Plot from '@observablehq/plot';
import {
  type Figure,
  type FigureOptions,
  makeFigure,
  numberIn,
  PlotInputError,
  type Series,
  seriesOf,
  textWidth,
} from './figure.js';

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends FigureOptions {
  /** The matrix, row by row (`rows · columns` numbers; a tensor's `.data` works). */
  values: Series;
  rows: number;
  columns: number;
  /** Names of the columns, left to right (default `0 … columns − 1`). */
  columnNames?: readonly string[];
  /** Names of the rows, top to bottom (default `0 … rows − 1`). */
  rowNames?: readonly string[];
  /** The column axis' label (e.g. `predicted`). */
  xLabel?: string;
  /** The row axis' label (e.g. `true`). */
  yLabel?: string;
  /** The colour bar's label (default `value`). */
  valueLabel?: string;
  /** The value drawn lightest (default the smallest value). */
  vmin?: number;
  /** The value drawn darkest (default the largest value). */
  vmax?: number;
  /** Write each cell's value in it (default true). */
  annotate?: boolean;
  /** How a cell's value is written (default: integers as they are, others with 2 decimals). */
  format?: (value: number) => string;
}

/**
 * Each cell's `<title>` (its tooltip and accessible text): `<yLabel> <row>, <xLabel> <column>:
 * <value>`, e.g. `true 3, predicted 5: 12` (`row` and `column` without axis labels).
 */
export function heatmapCellTitle(
  row: string,
  column: string,
  value: string,
  labels: { xLabel?: string; yLabel?: string } = {},
): string {
  return `${labels.yLabel ?? 'row'} ${row}, ${labels.xLabel ?? 'column'} ${column}: ${value}`;
}

/** Where the 'blues' scheme gets dark enough for white text (t of the colour scale). */
const DARK = 0.55;

/**
 * A `rows × columns` matrix as cells coloured by value (Plot's sequential `blues`, light for
 * `vmin`, dark for `vmax`), row 0 at the top, each cell's value written in it, the axes labelled
 * with the rows' and columns' names, and a colour bar under it. One `<rect>` per cell, titled
 * with its row, column and value ({@link heatmapCellTitle}).
 *
 * @example
 * heatmap({ values: [50, 2, 5, 43], rows: 2, columns: 2, yLabel: 'true', xLabel: 'predicted', valueLabel: 'count' });
 */
export function heatmap(options: HeatmapOptions): Figure {
  const op = 'heatmap';
  const { rows: R, columns: C } = options;
  if (!Number.isInteger(R) || !Number.isInteger(C) || R < 1 || C < 1)
    throw new PlotInputError(
      op,
      `arguments 'rows' and 'columns' must be positive integers, received ${R} and ${C}`,
    );
  if ((options.values as ArrayLike<number> | undefined)?.length !== R * C)
    throw new PlotInputError(
      op,
      `argument 'values' must hold rows × columns = ${R} × ${C} = ${R * C} numbers, received ${
        (options.values as ArrayLike<number> | undefined)?.length ?? typeof options.values
      }`,
    );
  const values = seriesOf(op, 'values', options.values);
  for (let i = 0; i < values.length; i++)
    if (!Number.isFinite(values[i]))
      throw new PlotInputError(op, `argument 'values[${i}]' must be a finite number, received ${values[i]}`);
  const names = (arg: string, given: readonly string[] | undefined, n: number): string[] => {
    if (given === undefined) return Array.from({ length: n }, (_, i) => String(i));
    if (!Array.isArray(given) || given.length !== n || new Set(given).size !== n)
      throw new PlotInputError(
        op,
        `argument '${arg}' must be ${n} distinct names, received ${Array.isArray(given) ? `${given.length} (${new Set(given).size} distinct)` : typeof given}`,
      );
    return given.map(String);
  };
  const columnNames = names('columnNames', options.columnNames, C);
  const rowNames = names('rowNames', options.rowNames, R);
  const vmin = options.vmin ?? Math.min(...values);
  const vmax = options.vmax ?? Math.max(...values);
  numberIn(op, 'vmin', vmin, -Number.MAX_VALUE, Number.MAX_VALUE);
  numberIn(op, 'vmax', vmax, -Number.MAX_VALUE, Number.MAX_VALUE);
  if (!(vmax >= vmin))
    throw new PlotInputError(op, `argument 'vmax' must be >= vmin = ${vmin}, received ${vmax}`);
  const format = options.format ?? ((v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2)));
  const span = vmax - vmin;
  const cells = values.map((v, k) => {
    const t = span > 0 ? Math.min(1, Math.max(0, (v - vmin) / span)) : 0;
    const row = rowNames[Math.floor(k / C)] as string;
    const col = columnNames[k % C] as string;
    const text = format(v);
    return { row, col, v, text, dark: t > DARK, title: heatmapCellTitle(row, col, text, options) };
  });
  const color: Plot.ScaleOptions = {
    type: 'linear',
    scheme: 'blues',
    domain: [vmin, span > 0 ? vmax : vmin + 1],
  };
  const annotate = options.annotate ?? true;
  const valueLabel = options.valueLabel ?? 'value';
  return makeFigure(
    op,
    `Heatmap of ${R} × ${C} values${options.yLabel ? `, rows: ${options.yLabel}` : ''}${options.xLabel ? `, columns: ${options.xLabel}` : ''}, from ${format(Math.min(...values))} to ${format(Math.max(...values))}`,
    options,
    ({ panelWidth }) => {
      const marginLeft = Math.max(24, Math.ceil(Math.max(...rowNames.map((n) => textWidth(n)))) + 12);
      const margins = { marginTop: options.yLabel ? 26 : 8, marginRight: 8, marginBottom: 40, marginLeft };
      // square cells across the panel's width
      const side = Math.min(Math.max(1, panelWidth - marginLeft - margins.marginRight), 44 * C);
      return {
        width: side + marginLeft + margins.marginRight,
        height: Math.round((side * R) / C) + margins.marginTop + margins.marginBottom,
        ...margins,
        padding: 0,
        x: { domain: columnNames, label: options.xLabel ?? null, tickSize: 0 },
        // the row axis' label above the axis (Plot centres an ordinal axis' label beside its
        // tick labels, where it runs into them on a narrow panel)
        y: { domain: rowNames, label: options.yLabel ?? null, labelAnchor: 'top', tickSize: 0 },
        color,
        ramp: { label: valueLabel, color },
        marks: [
          Plot.cell(cells, { x: 'col', y: 'row', fill: 'v', inset: 0.5, title: 'title' }),
          // the values: dark text on light cells, white on dark ones
          ...(annotate
            ? [
                Plot.text(
                  cells.filter((c) => !c.dark),
                  { x: 'col', y: 'row', text: 'text', fill: '#111111' },
                ),
                Plot.text(
                  cells.filter((c) => c.dark),
                  { x: 'col', y: 'row', text: 'text', fill: '#ffffff' },
                ),
              ]
            : []),
        ],
      };
    },
    { width: 480, minPanelWidth: 120 },
  );
}
