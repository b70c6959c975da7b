import * as Plot from '@observablehq/plot';

/** The figure kinds the lessons draw, one per function of this package. */
export type FigureKind =
  | 'functionPlot'
  | 'shallowNetworkGrid'
  | 'regressionPlot'
  | 'classificationPlot'
  | 'likelihoodSweep'
  | 'lossContour'
  | 'convolutionPlot'
  | 'errorCurves'
  | 'distanceHistogram'
  | 'beamTree'
  | 'semilogyPlot'
  | 'imagePlot';

/** A corner of the plot's frame, where a legend goes (`functionPlotWithLegend`, `lossContour`). */
export type LegendCorner = 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';

/** The four {@link LegendCorner}s, for checking an argument. */
export const LEGEND_CORNERS: readonly LegendCorner[] = [
  'top-right',
  'top-left',
  'bottom-right',
  'bottom-left',
];

/** Options every figure function accepts. */
export interface FigureOptions {
  /** Title drawn above the plot (and part of the accessible label). */
  title?: string;
  /** Outer width in pixels (default 640, or the figure's own default). */
  width?: number;
  /** Outer height in pixels (default depends on the figure). */
  height?: number;
  /** Accessible description (`aria-label` of the SVG); a sensible default is built from the data. */
  ariaLabel?: string;
}

/** Options of {@link Figure.render}. */
export interface RenderOptions {
  /**
   * The DOM `Document` to build the nodes in: the page's `document` in a browser (the default),
   * a server-side document (linkedom) in Node; `@gradkit/plot/node`'s `renderSvg` passes one.
   */
  document?: Document;
}

/**
 * A lesson figure: a description that can be rendered many times, in any DOM. The same object
 * gives DOM nodes in a browser (`figure.render()`) and an SVG string in Node
 * (`renderSvg(figure)` from `@gradkit/plot/node`).
 *
 * @example
 * const fig = functionPlot({ x: [0, 1, 2], series: [{ name: 'f', y: [0, 1, 4] }] });
 * document.body.append(fig.render()); // browser
 */
export interface Figure {
  /** Which figure function made it. */
  readonly kind: FigureKind;
  /** The accessible description put on the root SVG as `aria-label` (alt text). */
  readonly ariaLabel: string;
  /** Builds the figure: an `<svg>` element (Observable Plot's output) with `role="img"`. */
  render(options?: RenderOptions): SVGSVGElement;
}

/** Thrown by the figure functions on bad input; the message names the function, the argument, what came and what was expected. */
export class PlotInputError extends TypeError {
  /** The figure function that rejected its input. */
  readonly op: string;
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.name = 'PlotInputError';
    this.op = op;
  }
}

/** A numeric series: a plain array, a typed array or a tensor's `.data`. */
export type Series = ArrayLike<number>;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v))
    return `a ${v.constructor.name} of length ${(v as unknown as ArrayLike<number>).length}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** Checks that `v` is an array-like of numbers (of length `length` when given) and copies it to a plain array. */
export function seriesOf(op: string, arg: string, v: unknown, length?: number): number[] {
  if (v == null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new PlotInputError(op, `argument '${arg}' must be an array of numbers, received ${describe(v)}`);
  }
  const a = v as ArrayLike<unknown>;
  if (length !== undefined && a.length !== length) {
    throw new PlotInputError(
      op,
      `argument '${arg}' must have length ${length} (the length of x), received length ${a.length}`,
    );
  }
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number') {
      throw new PlotInputError(op, `argument '${arg}[${i}]' must be a number, received ${describe(x)}`);
    }
    out[i] = x;
  }
  return out;
}

/** Checks that `v` is a finite number in `[lo, hi]`. */
export function numberIn(op: string, arg: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
    throw new PlotInputError(
      op,
      `argument '${arg}' must be a finite number in [${lo}, ${hi}], received ${describe(v)}`,
    );
  }
  return v;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** How {@link makeFigure} lays out panels: the width each panel gets, in pixels. */
export interface PanelLayout {
  /** The outer width of one panel (the figure's width less the gaps, divided by the columns). */
  panelWidth: number;
}

/** The gap between panels, in pixels (horizontal and vertical). */
const PANEL_GAP = 16;

/**
 * Builds a {@link Figure} from Observable Plot options. `build` returns the options of one plot,
 * or of several panels drawn side by side (each with its own scales, like matplotlib's
 * `plt.subplots(1, n)`), all inside one root `<svg>`; with `defaults.columns`, the panels wrap
 * into rows of that many (`plt.subplots(rows, columns)`). `build` receives the width each panel
 * will get, for panels whose height follows from their width (images).
 */
export function makeFigure(
  kind: FigureKind,
  ariaLabel: string,
  options: FigureOptions,
  build: (layout: PanelLayout) => Plot.PlotOptions | Plot.PlotOptions[],
  defaults: { width?: number; height?: number; columns?: number } = {},
): Figure {
  const label = options.ariaLabel ?? (options.title ? `${options.title}. ${ariaLabel}` : ariaLabel);
  return {
    kind,
    ariaLabel: label,
    render(renderOptions: RenderOptions = {}): SVGSVGElement {
      const width = options.width ?? defaults.width ?? 640;
      const columnsWanted = defaults.columns;
      // the panel width for the column count; the one-row layout needs the panel count first
      const widthFor = (columns: number) =>
        Math.floor((width - (columns > 1 ? PANEL_GAP : 0) * (columns - 1)) / columns);
      const built = build({ panelWidth: widthFor(columnsWanted ?? 1) });
      const panels = Array.isArray(built) ? built : [built];
      const columns = Math.max(1, Math.min(columnsWanted ?? panels.length, panels.length));
      const gap = columns > 1 || panels.length > columns ? PANEL_GAP : 0;
      const panelWidth = widthFor(columns);
      const titleHeight = options.title !== undefined ? 24 : 0;
      const doc = renderOptions.document ?? (globalThis as { document?: Document }).document;
      if (!doc) {
        throw new PlotInputError(
          'Figure.render',
          "no DOM document: pass { document } or use renderSvg(figure) from '@gradkit/plot/node' in Node",
        );
      }
      const rendered = panels.map((spec) => {
        const plotOptions: Plot.PlotOptions = {
          ...spec,
          width: spec.width ?? panelWidth,
          height: options.height ?? spec.height ?? defaults.height ?? 400,
          document: doc,
          style: { background: 'transparent', ...(typeof spec.style === 'object' ? spec.style : {}) },
        };
        return Plot.plot(plotOptions) as unknown as SVGSVGElement;
      });
      const heights = rendered.map((n) => Number(n.getAttribute('height')));
      const widths = rendered.map((n) => Number(n.getAttribute('width')));
      // rows of `columns` panels: each row as tall as its tallest panel, each column as wide as its widest
      const rows = Math.ceil(rendered.length / columns);
      const rowHeights = Array.from({ length: rows }, (_, r) =>
        Math.max(...heights.slice(r * columns, (r + 1) * columns)),
      );
      const columnWidths = Array.from({ length: columns }, (_, c) =>
        Math.max(...widths.filter((_, i) => i % columns === c)),
      );
      const totalWidth = columnWidths.reduce((a, b) => a + b, 0) + gap * (columns - 1);
      const totalHeight = rowHeights.reduce((a, b) => a + b, 0) + gap * (rows - 1) + titleHeight;
      const root = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
      root.setAttribute('xmlns', SVG_NS);
      root.setAttribute('width', String(totalWidth));
      root.setAttribute('height', String(totalHeight));
      root.setAttribute('viewBox', `0 0 ${totalWidth} ${totalHeight}`);
      root.setAttribute('role', 'img');
      root.setAttribute('aria-label', label);
      root.setAttribute('data-figure', kind);
      root.setAttribute('class', 'gradkit-figure');
      root.setAttribute('font-family', 'system-ui, sans-serif');
      root.setAttribute('font-size', '10');
      const title = doc.createElementNS(SVG_NS, 'title');
      title.textContent = label;
      root.append(title);
      if (options.title !== undefined) {
        const text = doc.createElementNS(SVG_NS, 'text');
        text.setAttribute('x', String(totalWidth / 2));
        text.setAttribute('y', '16');
        text.setAttribute('text-anchor', 'middle');
        text.setAttribute('font-weight', 'bold');
        text.setAttribute('font-size', '13');
        text.setAttribute('fill', 'currentColor');
        text.textContent = options.title;
        root.append(text);
      }
      rendered.forEach((node, i) => {
        const r = Math.floor(i / columns);
        const c = i % columns;
        const x = columnWidths.slice(0, c).reduce((a, b) => a + b, 0) + gap * c;
        const y = titleHeight + rowHeights.slice(0, r).reduce((a, b) => a + b, 0) + gap * r;
        node.setAttribute('x', String(x));
        node.setAttribute('y', String(y));
        root.append(node);
      });
      return root;
    },
  };
}

/**
 * The mark drawing one series' `rows` (`{ x, y }`) for `functionPlot` and `functionPlotWithLegend`:
 * a line, dashed when `dash` is set, or a dot per sample when `dots` is set. Internal to the
 * package (not re-exported by the index).
 */
export function seriesMarks(
  rows: { x: number; y: number }[],
  s: { dash?: string; dots?: boolean },
  stroke: string,
  clip = false,
): Plot.Markish {
  if (s.dots) return Plot.dot(rows, { x: 'x', y: 'y', fill: stroke, r: 3, clip });
  return Plot.line(rows, {
    x: 'x',
    y: 'y',
    stroke,
    strokeWidth: 1.75,
    clip,
    ...(s.dash ? { strokeDasharray: s.dash } : {}),
  });
}
