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
  | 'imagePlot'
  | 'decisionBoundaryPlot'
  | 'heatmap'
  | 'errorCurveRuns'
  | 'functionPlotWithLegend';

/** A corner of the plot's frame, the `legend` option of `functionPlotWithLegend` and `lossContour` (accepted; legends are drawn above the plot). */
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
  /**
   * The width available, in pixels (a page passes its container's width): the figure is laid out
   * at this width when it is narrower than the figure's own width, so its text keeps its size
   * on a phone instead of being scaled down; panels wrap into fewer columns when narrow.
   */
  width?: number;
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
  /**
   * What made it: the figure function and the options it was given. `figureToJSON` writes it and
   * `figureFromJSON` makes the same figure again (a site computes its figures' data once, at build
   * time, and lays them out at each reader's width).
   */
  readonly spec: FigureSpec;
}

/** A figure function's name and the options it was called with ({@link Figure.spec}). */
export interface FigureSpec {
  readonly kind: FigureKind;
  readonly options: object;
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

/** The `x` and `y` positions of a grid (loss contours, decision maps): at least two of each. */
export function gridAxes(op: string, x: unknown, y: unknown): { xs: number[]; ys: number[] } {
  const xs = seriesOf(op, 'x', x);
  const ys = seriesOf(op, 'y', y);
  if (xs.length < 2 || ys.length < 2)
    throw new PlotInputError(
      op,
      `arguments 'x' and 'y' must have at least 2 grid positions, received ${xs.length} and ${ys.length}`,
    );
  return { xs, ys };
}

/**
 * The dotted horizontal rule of a baseline error (in %, checked to be in [0, 100]) and its legend
 * entry, as the error-curve figures draw it. Internal to the package.
 */
export function baselineRule(op: string, baseline: number): { mark: Plot.Markish; legend: LegendEntry } {
  numberIn(op, 'baseline', baseline, 0, 100);
  return {
    mark: Plot.ruleY([baseline], {
      stroke: 'currentColor',
      strokeDasharray: '2,3',
      strokeWidth: 1.25,
      ariaLabel: 'baseline',
    }),
    legend: { name: `baseline ${baseline}%`, color: 'currentColor', dash: '2,3' },
  };
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** How {@link makeFigure} lays out panels: the width each panel gets, in pixels. */
export interface PanelLayout {
  /** The outer width of one panel (the figure's width less the gaps, divided by the columns). */
  panelWidth: number;
}

/** One entry of a figure's legend: a series' name drawn in its colour after a short stroke. */
export interface LegendEntry {
  name: string;
  color: string;
  /** Dashed series: the entry starts with `--` instead of `—`. */
  dash?: string;
  /** Series drawn as dots: the entry starts with `•`. */
  dots?: boolean;
}

/**
 * The options of one panel for {@link makeFigure}: Observable Plot's options, and optionally a
 * colour ramp drawn under the panel (a colour bar: what the colours of a heatmap or image mean).
 */
export type PanelSpec = Plot.PlotOptions & {
  /** A colour bar under the panel: its label and the colour scale (with its `domain`). */
  ramp?: { label: string; color: Plot.ScaleOptions };
};

/** The gap between panels, in pixels (horizontal and vertical). */
const PANEL_GAP = 16;

/** The font size of every text of a figure (axes, legends, labels), in pixels. */
export const FONT_SIZE = 12;

/** An upper estimate of a text's width in pixels at `size` (no layout engine in Node). */
export function textWidth(text: string, size = FONT_SIZE, bold = false): number {
  return text.length * size * (bold ? 0.66 : 0.6);
}

/** `text` broken at spaces into lines of at most about `width` pixels. */
export function wrapText(text: string, width: number, size = FONT_SIZE, bold = false): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, size, bold) <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The panel's x and y axis labels wrapped to its width (Plot draws a label on one line), and the
 * margins grown by a line for each extra line.
 */
function wrapAxisLabels(spec: Plot.PlotOptions, width: number): Plot.PlotOptions {
  const out: Plot.PlotOptions = { ...spec };
  for (const k of ['x', 'y'] as const) {
    const scale = spec[k] as Plot.ScaleOptions | undefined;
    if (!hasLabel(spec, k) || typeof scale?.label !== 'string') continue;
    const lines = wrapText(scale.label, width - 40);
    if (lines.length < 2) continue;
    out[k] = { ...scale, label: lines.join('\n') };
    const extra = 15 * (lines.length - 1);
    if (k === 'x') out.marginBottom = (out.marginBottom ?? 40) + extra;
    else out.marginTop = (out.marginTop ?? 26) + extra;
  }
  return out;
}

/** The narrowest a panel may get before the panels wrap into fewer columns. */
const MIN_PANEL_WIDTH = 180;

const hasAxis = (spec: Plot.PlotOptions, k: 'x' | 'y'): boolean => {
  const scale = spec[k] as Plot.ScaleOptions | undefined;
  return spec.axis !== null && scale?.axis !== null;
};

const hasLabel = (spec: Plot.PlotOptions, k: 'x' | 'y'): boolean =>
  hasAxis(spec, k) && (spec[k] as Plot.ScaleOptions | undefined)?.label !== null;

/**
 * Draws one panel with Plot, then widens its margins to fit its tick labels (the longest y tick
 * label on the left, half the last x tick label on the right) and draws it again when they did
 * not fit: no tick label is cut by the panel's edge.
 */
function plotPanel(options: Plot.PlotOptions): SVGSVGElement {
  const node = Plot.plot(options) as unknown as SVGSVGElement;
  const texts = (sel: string) => Array.from(node.querySelectorAll(sel)).map((t) => t.textContent ?? '');
  const yTicks = texts('g[aria-label="y-axis tick label"] text');
  const xTicks = texts('g[aria-label="x-axis tick label"] text');
  const left = options.marginLeft ?? (yTicks.length ? 40 : 20);
  const right = options.marginRight ?? 20;
  const needLeft = yTicks.length ? Math.ceil(Math.max(...yTicks.map((t) => textWidth(t))) + 12) : 0;
  const needRight = xTicks.length ? Math.ceil(textWidth(xTicks.at(-1) as string) / 2 + 4) : 0;
  if (needLeft <= left && needRight <= right) return node;
  return Plot.plot({
    ...options,
    marginLeft: Math.max(left, needLeft),
    marginRight: Math.max(right, needRight),
  }) as unknown as SVGSVGElement;
}

/** A colour bar: the scale's colours over its domain as a strip of rects, with a labelled axis. */
function rampPanel(ramp: NonNullable<PanelSpec['ramp']>, width: number): Plot.PlotOptions {
  const scale = Plot.scale({ color: ramp.color });
  const [lo, hi] = (scale.domain as number[]).length
    ? [Math.min(...(scale.domain as number[])), Math.max(...(scale.domain as number[]))]
    : [0, 1];
  const n = 64;
  const span = hi - lo || 1;
  const rows = Array.from({ length: n }, (_, i) => ({
    x1: lo + (span * i) / n,
    x2: lo + (span * (i + 1)) / n,
    c: scale.apply(lo + (span * (i + 0.5)) / n) as string,
  }));
  return {
    width,
    height: 62,
    marginTop: 8,
    marginBottom: 40,
    marginLeft: 20,
    marginRight: 20,
    x: { domain: [lo, lo + span], label: ramp.label, ticks: Math.max(2, Math.floor(width / 90)) },
    y: { axis: null },
    color: { type: 'identity' },
    marks: [
      Plot.rectX(rows, {
        x1: 'x1',
        x2: 'x2',
        fill: 'c',
        shapeRendering: 'crispEdges',
        ariaLabel: 'colour bar',
      }),
    ],
  };
}

/**
 * Builds a {@link Figure} from Observable Plot options. `build` returns the options of one plot,
 * or of several panels drawn side by side (each with its own scales, like matplotlib's
 * `plt.subplots(1, n)`), all inside one root `<svg>`; with `defaults.columns`, the panels wrap
 * into rows of that many (`plt.subplots(rows, columns)`), and panels narrower than 180 px wrap
 * into fewer columns (a phone). `build` receives the width each panel will get, for panels whose
 * height follows from their width (images). Every text is {@link FONT_SIZE} px, every mark is
 * clipped to its frame, the margins grow to fit the tick labels, `defaults.legend` draws a legend
 * above the panels, and a panel's `ramp` a colour bar under it.
 */
export function makeFigure(
  kind: FigureKind,
  ariaLabel: string,
  options: FigureOptions,
  build: (layout: PanelLayout) => PanelSpec | PanelSpec[],
  defaults: {
    width?: number;
    height?: number;
    columns?: number;
    legend?: LegendEntry[];
    /** The narrowest the figure is laid out (a page scrolls it sideways below that). */
    minWidth?: number;
    /** The narrowest a panel gets before the panels wrap into fewer columns (default 180). */
    minPanelWidth?: number;
  } = {},
): Figure {
  const label = options.ariaLabel ?? (options.title ? `${options.title}. ${ariaLabel}` : ariaLabel);
  return {
    kind,
    ariaLabel: label,
    spec: { kind, options },
    render(renderOptions: RenderOptions = {}): SVGSVGElement {
      const natural = options.width ?? defaults.width ?? 640;
      const width = Math.max(
        Math.min(defaults.minWidth ?? 160, natural),
        Math.floor(Math.min(natural, renderOptions.width ?? Number.POSITIVE_INFINITY)),
      );
      // the panel width for the column count; the one-row layout needs the panel count first
      const widthFor = (columns: number) =>
        Math.floor((width - (columns > 1 ? PANEL_GAP : 0) * (columns - 1)) / columns);
      const minPanel = defaults.minPanelWidth ?? MIN_PANEL_WIDTH;
      const fitting = Math.max(1, Math.floor((width + PANEL_GAP) / (minPanel + PANEL_GAP)));
      let built = build({ panelWidth: widthFor(Math.min(defaults.columns ?? 1, fitting)) });
      let panels = Array.isArray(built) ? built : [built];
      const columns = Math.max(1, Math.min(defaults.columns ?? panels.length, panels.length, fitting));
      const panelWidth = widthFor(columns);
      if (panelWidth !== widthFor(Math.min(defaults.columns ?? 1, fitting))) {
        built = build({ panelWidth });
        panels = Array.isArray(built) ? built : [built];
      }
      const gap = columns > 1 || panels.length > columns ? PANEL_GAP : 0;
      const doc = renderOptions.document ?? (globalThis as { document?: Document }).document;
      if (!doc) {
        throw new PlotInputError(
          'Figure.render',
          "no DOM document: pass { document } or use renderSvg(figure) from '@gradkit/plot/node' in Node",
        );
      }
      // the legend: entries left to right, wrapped into rows that fit the width
      const legend = defaults.legend ?? [];
      const entries: { text: string; color: string; x: number; row: number }[] = [];
      let lx = 0;
      let lrow = 0;
      for (const e of legend) {
        const text = `${e.dots ? '•' : e.dash ? '--' : '—'} ${e.name}`;
        const w = textWidth(text, FONT_SIZE, true);
        if (lx > 0 && lx + w > width - 8) {
          lx = 0;
          lrow++;
        }
        entries.push({ text, color: e.color, x: lx + 4, row: lrow });
        lx += w + 16;
      }
      // the title, wrapped into lines that fit the width
      const titleLines = wrapText(options.title ?? '', width - 8, 13, true);
      const titleHeight = titleLines.length ? 8 + 17 * titleLines.length : 0;
      const legendHeight = entries.length ? 18 * (lrow + 1) + 4 : 0;
      const top = titleHeight + legendHeight;
      const cells = panels.map((spec) => {
        const { ramp, ...plotSpec } = spec;
        const common = {
          document: doc,
          clip: plotSpec.clip ?? true,
          style: {
            background: 'transparent',
            fontSize: `${FONT_SIZE}px`,
            ...(typeof plotSpec.style === 'object' ? plotSpec.style : {}),
          },
        };
        const panelSpec = wrapAxisLabels(plotSpec, Math.min(plotSpec.width ?? panelWidth, panelWidth));
        const plotOptions: Plot.PlotOptions = {
          ...panelSpec,
          ...common,
          width: Math.min(plotSpec.width ?? panelWidth, panelWidth),
          height: options.height ?? plotSpec.height ?? defaults.height ?? 400,
          marginTop: panelSpec.marginTop ?? (hasLabel(panelSpec, 'y') ? 26 : undefined),
          marginBottom: panelSpec.marginBottom ?? (hasLabel(panelSpec, 'x') ? 40 : undefined),
        };
        const nodes = [plotPanel(plotOptions)];
        if (ramp) {
          const bar = plotPanel({ ...rampPanel(ramp, Math.min(panelWidth, 360)), ...common });
          bar.setAttribute('data-colorbar', ramp.label);
          nodes.push(bar);
        }
        return nodes;
      });
      const sizes = cells.map((nodes) => ({
        width: Math.max(...nodes.map((n) => Number(n.getAttribute('width')))),
        height: nodes.reduce((h, n) => h + Number(n.getAttribute('height')), 0),
      }));
      // rows of `columns` panels: each row as tall as its tallest panel, each column as wide as its widest
      const rows = Math.ceil(cells.length / columns);
      const rowHeights = Array.from({ length: rows }, (_, r) =>
        Math.max(...sizes.slice(r * columns, (r + 1) * columns).map((s) => s.height)),
      );
      const columnWidths = Array.from({ length: columns }, (_, c) =>
        Math.max(...sizes.filter((_, i) => i % columns === c).map((s) => s.width)),
      );
      const totalWidth = Math.max(
        columnWidths.reduce((a, b) => a + b, 0) + gap * (columns - 1),
        entries.length ? width : 0,
      );
      const totalHeight = rowHeights.reduce((a, b) => a + b, 0) + gap * (rows - 1) + top;
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
      root.setAttribute('font-size', String(FONT_SIZE));
      const title = doc.createElementNS(SVG_NS, 'title');
      title.textContent = label;
      root.append(title);
      if (titleLines.length) {
        const text = doc.createElementNS(SVG_NS, 'text');
        text.setAttribute('text-anchor', 'middle');
        text.setAttribute('font-weight', 'bold');
        text.setAttribute('font-size', '13');
        text.setAttribute('fill', 'currentColor');
        titleLines.forEach((line, i) => {
          const tspan = doc.createElementNS(SVG_NS, 'tspan');
          tspan.setAttribute('x', String(totalWidth / 2));
          tspan.setAttribute('y', String(16 + 17 * i));
          tspan.textContent = line;
          text.append(tspan);
        });
        root.append(text);
      }
      if (entries.length) {
        const g = doc.createElementNS(SVG_NS, 'g');
        g.setAttribute('aria-label', 'legend');
        g.setAttribute('font-weight', 'bold');
        for (const e of entries) {
          const text = doc.createElementNS(SVG_NS, 'text');
          text.setAttribute('x', String(e.x));
          text.setAttribute('y', String(titleHeight + 18 * e.row + 14));
          text.setAttribute('fill', e.color);
          text.textContent = e.text;
          g.append(text);
        }
        root.append(g);
      }
      cells.forEach((nodes, i) => {
        const r = Math.floor(i / columns);
        const c = i % columns;
        const x = columnWidths.slice(0, c).reduce((a, b) => a + b, 0) + gap * c;
        let y = top + rowHeights.slice(0, r).reduce((a, b) => a + b, 0) + gap * r;
        for (const node of nodes) {
          node.setAttribute('x', String(x));
          node.setAttribute('y', String(y));
          y += Number(node.getAttribute('height'));
          root.append(node);
        }
      });
      // Observable Plot names marks with aria-label (a <g> per mark, a frame's <rect>, an <image>),
      // which ARIA allows on those elements only with a role (axe-core: aria-prohibited-attr):
      // groups of the one image, and images
      for (const el of Array.from(root.querySelectorAll('[aria-label]:not([role])'))) {
        const tag = el.tagName.toLowerCase();
        if (tag === 'g') el.setAttribute('role', 'group');
        else if (tag !== 'svg') el.setAttribute('role', 'img');
      }
      return root;
    },
  };
}

/**
 * The mark drawing one series' `rows` (`{ x, y }`) for `functionPlot` and `functionPlotWithLegend`:
 * a line, dashed when `dash` is set, or a dot per sample when `dots` is set, clipped to the frame
 * unless `clip` is false. Internal to the package (not re-exported by the index).
 */
export function seriesMarks(
  rows: { x: number; y: number }[],
  s: { dash?: string; dots?: boolean },
  stroke: string,
  clip = true,
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
