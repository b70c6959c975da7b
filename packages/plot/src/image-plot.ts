/**
 * `imagePlot`: grayscale images drawn as matplotlib's `plt.imshow(a, cmap='gray')` draws them —
 * each scaled from its own minimum (black) to its own maximum (white), row 0 at the top, the
 * pixel indices on the axes — one panel per image, in rows of `columns`. Notebook 10.4 draws its
 * image after each downsampling and upsampling step this way (UDL section 10.4).
 *
 * The pixels travel as one PNG per panel (an SVG `<image>` spanning the frame, encoded with
 * fast-png), not one `<rect>` per pixel, so a 300 × 300 image stays small in the page; small
 * images are enlarged in the PNG by whole pixels (nearest neighbour), so their pixels stay sharp
 * squares in every viewer.
 */
import * as Plot from '@observablehq/plot';
import { encode } from 'fast-png';
import {
  type Figure,
  type FigureOptions,
  makeFigure,
  numberIn,
  type PanelSpec,
  PlotInputError,
  type Series,
  seriesOf,
} from './figure.js';

/** One image of {@link imagePlot}: row-major `[H, W]` values. */
export interface ImagePanel {
  /** The pixel values, row by row (`H · W` numbers; a tensor's `.data` works). */
  data: Series;
  height: number;
  width: number;
  /** Drawn above the panel, e.g. the variable's name and its size. */
  title?: string;
  /** The value drawn black (matplotlib's `vmin`; default the image's minimum). */
  vmin?: number;
  /** The value drawn white (matplotlib's `vmax`; default the image's maximum). */
  vmax?: number;
}

/** Options of {@link imagePlot}. */
export interface ImagePlotOptions extends FigureOptions {
  /** The images, one panel each, left to right and then row by row. */
  images: ImagePanel[];
  /** Panels per row (default: all in one row). */
  columns?: number;
  /** Draw the pixel-index axes (default true, as `imshow` does). */
  axes?: boolean;
  /** Draw a colour bar under each panel, from its `vmin` (black) to its `vmax` (white) (default true, matplotlib's `colorbar()`). */
  colorbar?: boolean;
}

/**
 * The gray level 0..255 of each value: matplotlib's `Normalize(vmin, vmax)` then the 256-entry
 * `gray` colormap (`floor(t · 256)`, clipped to 0..255); `vmin == vmax` draws black, as
 * matplotlib does.
 */
export function grayLevels(values: ArrayLike<number>, vmin: number, vmax: number): Uint8Array {
  const out = new Uint8Array(values.length);
  const span = vmax - vmin;
  for (let i = 0; i < values.length; i++) {
    const t = span > 0 ? ((values[i] as number) - vmin) / span : 0;
    out[i] = Math.max(0, Math.min(255, Math.floor(t * 256)));
  }
  return out;
}

/** Base64 of bytes, in the browser and in Node (`btoa` on a binary string, in chunks). */
function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  return btoa(s);
}

/** A grayscale PNG data URL of `levels` ([H, W]), each pixel enlarged to `k` × `k`. */
function pngDataUrl(levels: Uint8Array, H: number, W: number, k: number): string {
  const data = new Uint8Array(H * k * W * k);
  for (let y = 0; y < H * k; y++) {
    const row = Math.floor(y / k) * W;
    for (let x = 0; x < W * k; x++) data[y * W * k + x] = levels[row + Math.floor(x / k)] as number;
  }
  const png = encode({ width: W * k, height: H * k, data, channels: 1, depth: 8 });
  return `data:image/png;base64,${base64(png)}`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The most pixels an enlarged panel PNG may have (enlargement stops there). */
const MAX_PNG_PIXELS = 1 << 20;

/** About `count` integer ticks over the pixel indices 0 … n − 1: steps of 1, 2 or 5 × 10^k. */
function pixelTicks(n: number, count = 4): number[] {
  const raw = Math.max(1, (n - 1) / count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let t = 0; t <= n - 1; t += step) out.push(t);
  return out;
}

/** The smallest and largest finite value (the image's own range). */
function extent(op: string, arg: string, v: number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    if (!Number.isFinite(x))
      throw new PlotInputError(op, `argument '${arg}[${i}]' must be a finite number, received ${x}`);
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

/**
 * Grayscale images side by side (or in rows of `columns`), each like matplotlib's
 * `plt.imshow(a, cmap='gray')`: its own minimum black and maximum white unless `vmin`/`vmax` say
 * otherwise, row 0 at the top, the axes in pixel indices (pixel `i` spans `i - 0.5 … i + 0.5`), an
 * aspect ratio of one pixel square. Each panel holds one `<image>` (a PNG of the pixels) inside a
 * frame, and its title above it.
 *
 * @example
 * const a = [1, 3, 5, 3, 6, 2, 0, 8, 4, 6, 1, 4, 2, 8, 0, 3]; // notebook 10.4's orig_4_4
 * imagePlot({
 *   images: [
 *     { data: a, height: 4, width: 4, title: 'orig_4_4' },
 *     { data: [6, 8, 8, 4], height: 2, width: 2, title: 'maxpool(orig_4_4)' },
 *   ],
 * });
 */
export function imagePlot(options: ImagePlotOptions): Figure {
  const op = 'imagePlot';
  if (!Array.isArray(options.images) || options.images.length === 0)
    throw new PlotInputError(
      op,
      `argument 'images' must be a non-empty array of { data, height, width }, received ${Array.isArray(options.images) ? 'an empty array' : typeof options.images}`,
    );
  const columns =
    options.columns === undefined
      ? options.images.length
      : numberIn(op, 'columns', options.columns, 1, Number.MAX_SAFE_INTEGER);
  if (!Number.isInteger(columns))
    throw new PlotInputError(op, `argument 'columns' must be a positive integer, received ${columns}`);
  const axes = options.axes ?? true;
  const colorbar = options.colorbar ?? true;
  const panels = options.images.map((img, n) => {
    const arg = `images[${n}]`;
    if (img === null || typeof img !== 'object')
      throw new PlotInputError(op, `argument '${arg}' must be { data, height, width }, received ${img}`);
    const { height: H, width: W } = img;
    if (!Number.isInteger(H) || !Number.isInteger(W) || H < 1 || W < 1)
      throw new PlotInputError(
        op,
        `argument '${arg}' must have positive integer height and width, received ${H} x ${W}`,
      );
    if ((img.data as ArrayLike<number> | undefined)?.length !== H * W)
      throw new PlotInputError(
        op,
        `argument '${arg}.data' must hold height × width = ${H} × ${W} = ${H * W} values, received ${
          (img.data as ArrayLike<number> | undefined)?.length ?? typeof img.data
        }`,
      );
    const data = seriesOf(op, `${arg}.data`, img.data);
    const [lo, hi] = extent(op, `${arg}.data`, data);
    const vmin = img.vmin === undefined ? lo : numberIn(op, `${arg}.vmin`, img.vmin, -Infinity, Infinity);
    const vmax = img.vmax === undefined ? hi : numberIn(op, `${arg}.vmax`, img.vmax, -Infinity, Infinity);
    return { H, W, title: img.title, vmin, vmax, levels: grayLevels(data, vmin, vmax) };
  });
  const sizes = panels.map((p) => `${p.title ?? 'image'} (${p.H}×${p.W})`).join(', ');
  return makeFigure(
    op,
    `Grayscale image${panels.length > 1 ? 's' : ''}: ${sizes}`,
    options,
    ({ panelWidth }) =>
      panels.map((p) => {
        const titled = p.title !== undefined;
        const margins = {
          marginTop: titled ? 24 : 8,
          marginRight: 8,
          marginBottom: axes ? 26 : 4,
          marginLeft: axes ? 36 : 4,
        };
        const inner = Math.max(1, panelWidth - margins.marginLeft - margins.marginRight);
        const innerHeight = Math.round((inner * p.H) / p.W);
        // enlarge small images by whole pixels, to about twice the drawn size (a 2x PNG export stays sharp)
        const k = Math.max(
          1,
          Math.min(Math.floor((2 * inner) / p.W), Math.floor(Math.sqrt(MAX_PNG_PIXELS / (p.H * p.W)))),
        );
        const href = pngDataUrl(p.levels, p.H, p.W, k);
        const picture: Plot.RenderFunction = (_index, _scales, _values, dims, context) => {
          const image = context.document.createElementNS(SVG_NS, 'image') as unknown as SVGElement;
          image.setAttribute('x', String(dims.marginLeft));
          image.setAttribute('y', String(dims.marginTop));
          image.setAttribute('width', String(dims.width - dims.marginLeft - dims.marginRight));
          image.setAttribute('height', String(dims.height - dims.marginTop - dims.marginBottom));
          image.setAttribute('preserveAspectRatio', 'none');
          image.setAttribute('image-rendering', 'optimizeSpeed');
          image.setAttribute('style', 'image-rendering: pixelated');
          image.setAttribute('href', href);
          image.setAttribute('aria-label', `${p.title ?? 'image'}: ${p.H} by ${p.W} pixels`);
          const g = context.document.createElementNS(SVG_NS, 'g') as unknown as SVGElement;
          g.setAttribute('aria-label', 'image');
          g.append(image);
          return g;
        };
        return {
          ...margins,
          ...(colorbar
            ? {
                ramp: {
                  label: 'value',
                  color: {
                    type: 'linear',
                    domain: [p.vmin, p.vmax > p.vmin ? p.vmax : p.vmin + 1],
                    range: ['black', 'white'],
                    interpolate: 'rgb',
                  },
                },
              }
            : {}),
          height: innerHeight + margins.marginTop + margins.marginBottom,
          x: {
            domain: [-0.5, p.W - 0.5],
            axis: axes ? 'bottom' : null,
            label: null,
            ticks: pixelTicks(p.W),
            tickFormat: 'd',
          },
          y: {
            domain: [-0.5, p.H - 0.5],
            reverse: true,
            axis: axes ? 'left' : null,
            label: null,
            ticks: pixelTicks(p.H),
            tickFormat: 'd',
          },
          marks: [
            picture,
            Plot.frame({ strokeOpacity: 0.4 }),
            ...(titled ? [Plot.text([p.title], { frameAnchor: 'top', dy: -16, clip: false })] : []),
          ],
        } satisfies PanelSpec;
      }),
    { columns, minPanelWidth: 150 },
  );
}
