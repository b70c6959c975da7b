/**
 * `decisionBoundaryPlot`: a classifier's decision regions over the plane, as TensorFlow
 * Playground draws them, with the labelled training points on top. Two classes: the predicted
 * probability P(y = 1 | x) as a diverging heatmap (class 0's colour at 0, white at 0.5, class 1's
 * at 1) and the decision boundary, the 0.5 contour, as a line (UDL section 5.4). More classes:
 * each place takes the colour of its most probable class, paler where that probability is lower
 * (the argmax of the softmax, UDL section 5.5).
 *
 * The heatmap travels as one PNG (an SVG `<image>` spanning the frame), not one `<rect>` per grid
 * cell; the browser smooths it between the grid's points.
 */
import * as Plot from '@observablehq/plot';
import { encode } from 'fast-png';
import {
  type Figure,
  type FigureOptions,
  gridAxes,
  type LegendEntry,
  makeFigure,
  type PanelSpec,
  PlotInputError,
  type Series,
  seriesOf,
} from './figure.js';
import { SERIES_COLORS } from './figures.js';

/** Options of {@link decisionBoundaryPlot}. */
export interface DecisionBoundaryPlotOptions extends FigureOptions {
  /** Grid positions along the horizontal axis, `[NX]`, evenly spaced, increasing. */
  x: Series;
  /** Grid positions along the vertical axis, `[NY]`, evenly spaced, increasing. */
  y: Series;
  /**
   * The model's probabilities on the grid. Two classes: P(y = 1 | x) row-major `[NY, NX]`
   * (`probabilities[j * NX + i]` at `(x[i], y[j])`, numpy's `meshgrid` layout). K > 2 classes:
   * `[NY, NX, K]`, the softmax of each grid point (`probabilities[(j * NX + i) * K + k]`).
   */
  probabilities: Series;
  /** Number of classes K (default 2). */
  classes?: number;
  /** The training points and their labels `0 … K − 1`, drawn as dots in their class's colour. */
  points: { x: Series; y: Series; label: Series };
  /** Class names for the legend (default `class 0`, `class 1`, …). */
  classNames?: string[];
  xLabel?: string;
  yLabel?: string;
}

/** Base64 of bytes, in the browser and in Node. */
function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  return btoa(s);
}

function rgbOf(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** `a` of the way from white to `rgb` (a in [0, 1]). */
function tint(rgb: [number, number, number], a: number): [number, number, number] {
  return [255 + (rgb[0] - 255) * a, 255 + (rgb[1] - 255) * a, 255 + (rgb[2] - 255) * a];
}

/** The deepest tint of a class's colour in the heatmap (the points keep the full colour). */
const MAX_TINT = 0.7;

/** The heatmap colour of P(y = 1) = p for two classes: class 0's tint below 0.5, class 1's above. */
function binaryColor(p: number, c0: [number, number, number], c1: [number, number, number]) {
  const a = Math.min(1, Math.abs(p - 0.5) * 2) * MAX_TINT;
  return tint(p >= 0.5 ? c1 : c0, a);
}

const hex = (rgb: [number, number, number]) =>
  `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The level set P = 0.5 of a grid of probabilities by marching squares: line segments
 * `[x0, y0, x1, y1, …]` in data coordinates, each crossing of a cell's edge placed by linear
 * interpolation; a saddle cell (two opposite corners above) is split as its centre value says.
 */
export function halfContour(xs: readonly number[], ys: readonly number[], v: readonly number[]): number[] {
  const NX = xs.length;
  const out: number[] = [];
  const at = (i: number, j: number) => v[j * NX + i]!;
  const cross = (a: number, b: number) => (0.5 - a) / (b - a);
  for (let j = 0; j + 1 < ys.length; j++)
    for (let i = 0; i + 1 < NX; i++) {
      const c00 = at(i, j);
      const c10 = at(i + 1, j);
      const c11 = at(i + 1, j + 1);
      const c01 = at(i, j + 1);
      const up = [c00 >= 0.5, c10 >= 0.5, c11 >= 0.5, c01 >= 0.5];
      if (up.every((u) => u === up[0])) continue;
      const [x0, x1, y0, y1] = [xs[i]!, xs[i + 1]!, ys[j]!, ys[j + 1]!];
      // the crossing on each edge: bottom (c00–c10), right (c10–c11), top (c01–c11), left (c00–c01)
      const edges: ([number, number] | null)[] = [
        up[0] !== up[1] ? [x0 + cross(c00, c10) * (x1 - x0), y0] : null,
        up[1] !== up[2] ? [x1, y0 + cross(c10, c11) * (y1 - y0)] : null,
        up[3] !== up[2] ? [x0 + cross(c01, c11) * (x1 - x0), y1] : null,
        up[0] !== up[3] ? [x0, y0 + cross(c00, c01) * (y1 - y0)] : null,
      ];
      const hit = edges.filter((e): e is [number, number] => e !== null);
      if (hit.length === 2) {
        out.push(hit[0]![0], hit[0]![1], hit[1]![0], hit[1]![1]);
        continue;
      }
      // a saddle: cut off the corners on the other side from the centre; corner k lies between
      // edges k - 1 and k (c00: left and bottom, c10: bottom and right, c11: right and top, c01: top and left)
      const centre = (c00 + c10 + c11 + c01) / 4 >= 0.5;
      for (let k = 0; k < 4; k++) {
        if (up[k] === centre) continue;
        const a = edges[(k + 3) % 4]!;
        const b = edges[k]!;
        out.push(a[0], a[1], b[0], b[1]);
      }
    }
  return out;
}

/**
 * A classifier's decision regions over a grid with its training points on top (TensorFlow
 * Playground's picture). Two classes: the heatmap of P(y = 1 | x) from class 0's colour (0) through
 * white (0.5) to class 1's (1), a colour bar under the plot, and the decision boundary P = 0.5 as
 * a line. K > 2 classes: the most probable class's colour, paler the less probable it is, and a
 * legend of the classes. One `<image>` (the heatmap), one `<circle>` per point and, for two
 * classes, the boundary's `<path>`s.
 *
 * @example
 * const x = [-1, 0, 1], y = [-1, 0, 1];
 * const probabilities = y.flatMap((b) => x.map((a) => 1 / (1 + Math.exp(-4 * a))));
 * decisionBoundaryPlot({ x, y, probabilities, points: { x: [-0.5, 0.5], y: [0, 0], label: [0, 1] } });
 */
export function decisionBoundaryPlot(options: DecisionBoundaryPlotOptions): Figure {
  const op = 'decisionBoundaryPlot';
  const { xs, ys } = gridAxes(op, options.x, options.y);
  const K = options.classes ?? 2;
  if (!Number.isInteger(K) || K < 2 || K > SERIES_COLORS.length)
    throw new PlotInputError(
      op,
      `argument 'classes' must be an integer in [2, ${SERIES_COLORS.length}], received ${K}`,
    );
  const NX = xs.length;
  const NY = ys.length;
  const per = K === 2 ? 1 : K;
  const probs = seriesOf(op, 'probabilities', options.probabilities);
  if (probs.length !== NX * NY * per)
    throw new PlotInputError(
      op,
      `argument 'probabilities' must have length ${K === 2 ? `y.length * x.length = ${NY} * ${NX}` : `y.length * x.length * classes = ${NY} * ${NX} * ${K}`} = ${NX * NY * per}, received length ${probs.length}`,
    );
  for (let i = 0; i < probs.length; i++)
    if (!(probs[i]! >= 0 && probs[i]! <= 1))
      throw new PlotInputError(
        op,
        `argument 'probabilities[${i}]' must be a probability in [0, 1], received ${probs[i]}`,
      );
  const dx = (xs[NX - 1]! - xs[0]!) / (NX - 1);
  const dy = (ys[NY - 1]! - ys[0]!) / (NY - 1);
  if (!(dx > 0) || !(dy > 0))
    throw new PlotInputError(op, `arguments 'x' and 'y' must be increasing, received steps ${dx} and ${dy}`);
  const px = seriesOf(op, 'points.x', options.points?.x);
  const py = seriesOf(op, 'points.y', options.points?.y, px.length);
  const labels = seriesOf(op, 'points.label', options.points?.label, px.length);
  labels.forEach((l, i) => {
    if (!Number.isInteger(l) || l < 0 || l >= K)
      throw new PlotInputError(
        op,
        `argument 'points.label[${i}]' must be a class index in 0 … ${K - 1}, received ${l}`,
      );
  });
  const names = options.classNames ?? Array.from({ length: K }, (_, k) => `class ${k}`);
  if (names.length !== K)
    throw new PlotInputError(
      op,
      `argument 'classNames' must name the ${K} classes, received ${names.length} names`,
    );
  const colors = SERIES_COLORS.slice(0, K) as string[];
  const rgbs = colors.map(rgbOf);

  // the heatmap: one RGB pixel per grid point, row 0 of the PNG at the top (the largest y)
  const rgb = new Uint8Array(NX * NY * 3);
  for (let j = 0; j < NY; j++) {
    const row = NY - 1 - j;
    for (let i = 0; i < NX; i++) {
      const g = j * NX + i;
      let c: [number, number, number];
      if (K === 2) c = binaryColor(probs[g]!, rgbs[0]!, rgbs[1]!);
      else {
        let best = 0;
        for (let k = 1; k < K; k++) if (probs[g * K + k]! > probs[g * K + best]!) best = k;
        const sure = (probs[g * K + best]! - 1 / K) / (1 - 1 / K);
        c = tint(rgbs[best]!, 0.12 + (MAX_TINT - 0.12) * Math.max(0, Math.min(1, sure)));
      }
      const o = (row * NX + i) * 3;
      rgb[o] = Math.round(c[0]);
      rgb[o + 1] = Math.round(c[1]);
      rgb[o + 2] = Math.round(c[2]);
    }
  }
  const href = `data:image/png;base64,${base64(encode({ width: NX, height: NY, data: rgb, channels: 3, depth: 8 }))}`;
  const extent = {
    x1: xs[0]! - dx / 2,
    x2: xs[NX - 1]! + dx / 2,
    y1: ys[0]! - dy / 2,
    y2: ys[NY - 1]! + dy / 2,
  };
  const heatmap: Plot.RenderFunction = (_index, scales, _values, _dims, context) => {
    const sx = scales.x as (v: number) => number;
    const sy = scales.y as (v: number) => number;
    const image = context.document.createElementNS(SVG_NS, 'image') as unknown as SVGElement;
    image.setAttribute('x', String(sx(extent.x1)));
    image.setAttribute('y', String(sy(extent.y2)));
    image.setAttribute('width', String(sx(extent.x2) - sx(extent.x1)));
    image.setAttribute('height', String(sy(extent.y1) - sy(extent.y2)));
    image.setAttribute('preserveAspectRatio', 'none');
    image.setAttribute('href', href);
    image.setAttribute('aria-label', `decision regions on a ${NX} by ${NY} grid`);
    const g = context.document.createElementNS(SVG_NS, 'g') as unknown as SVGElement;
    g.setAttribute('aria-label', 'heatmap');
    g.append(image);
    return g;
  };
  const rows = px.map((x, i) => ({ x, y: py[i]!, c: colors[labels[i]!]! }));
  const marks: Plot.Markish[] = [heatmap];
  if (K === 2) {
    const segments = halfContour(xs, ys, probs);
    const boundary: Plot.RenderFunction = (_index, scales, _values, _dims, context) => {
      const sx = scales.x as (v: number) => number;
      const sy = scales.y as (v: number) => number;
      const g = context.document.createElementNS(SVG_NS, 'g') as unknown as SVGElement;
      g.setAttribute('aria-label', 'decision boundary');
      if (segments.length > 0) {
        const path = context.document.createElementNS(SVG_NS, 'path') as unknown as SVGElement;
        let d = '';
        for (let s = 0; s < segments.length; s += 4)
          d += `M${sx(segments[s]!).toFixed(1)},${sy(segments[s + 1]!).toFixed(1)}L${sx(segments[s + 2]!).toFixed(1)},${sy(segments[s + 3]!).toFixed(1)}`;
        path.setAttribute('d', d);
        path.setAttribute('fill', 'none');
        path.setAttribute('stroke', 'currentColor');
        path.setAttribute('stroke-width', '1.5');
        path.setAttribute('stroke-linecap', 'round');
        g.append(path);
      }
      return g;
    };
    marks.push(boundary);
  }
  marks.push(
    Plot.dot(rows, { x: 'x', y: 'y', fill: 'c', r: 3.5, stroke: 'white', strokeWidth: 1 }),
    Plot.frame({ strokeOpacity: 0.4 }),
  );
  const legend: LegendEntry[] = names.map((name, k) => ({ name, color: colors[k]!, dots: true }));
  const counts = names.map((name, k) => `${labels.filter((l) => l === k).length} of ${name}`).join(', ');
  const margins = { marginTop: 26, marginRight: 12, marginBottom: 40, marginLeft: 44 };
  return makeFigure(
    op,
    K === 2
      ? `Heatmap of the predicted probability P(y = 1 | x) from ${names[0]}'s colour (0) through white (0.5) to ${names[1]}'s (1), the decision boundary P = 0.5 as a line, and ${px.length} training points (${counts})`
      : `Decision regions of ${K} classes, each place in the colour of its most probable class and paler where that probability is lower, with ${px.length} training points (${counts})`,
    options,
    ({ panelWidth }) => {
      const inner = Math.max(80, panelWidth - margins.marginLeft - margins.marginRight);
      const innerHeight = Math.round((inner * (extent.y2 - extent.y1)) / (extent.x2 - extent.x1));
      return {
        ...margins,
        height: Math.min(innerHeight, 480) + margins.marginTop + margins.marginBottom,
        x: { label: options.xLabel ?? 'x₁', domain: [extent.x1, extent.x2] },
        y: { label: options.yLabel ?? 'x₂', domain: [extent.y1, extent.y2] },
        color: { type: 'identity' },
        marks,
        ...(K === 2
          ? {
              ramp: {
                label: `P(y = 1 | x)`,
                color: {
                  type: 'linear',
                  domain: [0, 1],
                  interpolate: (t: number) => hex(binaryColor(t, rgbs[0]!, rgbs[1]!)),
                },
              },
            }
          : {}),
      } satisfies PanelSpec;
    },
    { width: 440, legend },
  );
}
