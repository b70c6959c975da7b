/**
 * @gradkit/plot/node — render figures without a browser: `renderSvg` builds the figure in a
 * linkedom document and serializes it; `toPng` rasterizes an SVG with resvg; `writeFigure`
 * writes either, atomically (temporary name, then rename).
 */
import { rename, writeFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom';
import type { Figure } from './figure.js';
import { PlotInputError } from './figure.js';

export * from './index.js';

/**
 * Renders a figure to a standalone SVG string (with the `xmlns` attribute, ready to save as
 * `.svg` or inline in HTML); `options.width` lays it out for a narrower column (as a page does). Builds the DOM in a fresh linkedom document, so it runs in plain Node.
 *
 * @example
 * import { errorCurves } from '@gradkit/plot';
 * import { renderSvg } from '@gradkit/plot/node';
 * const svg = renderSvg(errorCurves({ train: [80, 40, 20], validation: [85, 50, 38] }));
 * svg.startsWith('<svg'); // true
 */
export function renderSvg(figure: Figure, options: { width?: number } = {}): string {
  if (!figure || typeof figure.render !== 'function') {
    throw new PlotInputError(
      'renderSvg',
      `argument 'figure' must be a Figure from @gradkit/plot, received ${typeof figure}`,
    );
  }
  const { document } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>');
  const node = figure.render({ document: document as unknown as Document, width: options.width });
  document.body.append(node as unknown as Node);
  return node.outerHTML;
}

/**
 * The SVG without its marks' `clip-path`s: resvg 2.6 aborts the process (a Rust panic in
 * `geom.rs`) on some clipped groups (a rule wholly outside its clip, some contour plots), so the
 * PNG is drawn unclipped; the SVG (and the page) keeps the clipping.
 */
function withoutClips(svg: string): string {
  return svg.replace(/\sclip-path="url\(#[^)]*\)"/g, '');
}

/** Options of {@link toPng}. */
export interface PngOptions {
  /** Output width in pixels (default: the SVG's width times `scale`). */
  width?: number;
  /** Pixel density multiplier when `width` is not given (default 2). */
  scale?: number;
  /** Background colour (default white; the SVG itself is transparent). */
  background?: string;
}

/**
 * Rasterizes an SVG (a string from {@link renderSvg}, or a figure) to PNG bytes with resvg
 * (a Rust SVG renderer shipped as a prebuilt Node binary). Text uses the system fonts.
 *
 * @example
 * const png = toPng(errorCurves({ train: [80, 40, 20] }));
 * png.subarray(1, 4).toString(); // 'PNG'
 */
export function toPng(svgOrFigure: string | Figure, options: PngOptions = {}): Buffer {
  const svg = typeof svgOrFigure === 'string' ? svgOrFigure : renderSvg(svgOrFigure);
  if (!svg.trimStart().startsWith('<svg'))
    throw new PlotInputError(
      'toPng',
      `argument 'svg' must be an SVG document starting with <svg, received ${JSON.stringify(svg.slice(0, 20))}`,
    );
  // currentColor resolves to black outside a page; resvg needs concrete font families.
  const resvg = new Resvg(withoutClips(svg), {
    background: options.background ?? 'white',
    fitTo: options.width
      ? { mode: 'width', value: options.width }
      : { mode: 'zoom', value: options.scale ?? 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/**
 * Writes a figure to `path` as SVG (`.svg`) or PNG (`.png`), through a temporary file renamed
 * into place so a reader never sees a partial file.
 *
 * @example
 * await writeFigure(lossContour({ x, y, values }), 'loss.png');
 */
export async function writeFigure(figure: Figure, path: string, options: PngOptions = {}): Promise<void> {
  let bytes: string | Buffer;
  if (path.endsWith('.svg')) bytes = renderSvg(figure);
  else if (path.endsWith('.png')) bytes = toPng(figure, options);
  else
    throw new PlotInputError(
      'writeFigure',
      `argument 'path' must end in .svg or .png, received ${JSON.stringify(path)}`,
    );
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}
