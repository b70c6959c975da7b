// imagePlot: grayscale images as matplotlib's plt.imshow(a, cmap='gray') draws them. The gray
// levels follow matplotlib's documented pipeline: Normalize(vmin, vmax) maps a value to
// t = (v - vmin) / (vmax - vmin), and a 256-entry colormap picks entry floor(t · 256), with t = 1
// going to the last entry (Colormap.__call__); the `gray` map's entry i is gray level i.
import { decode } from 'fast-png';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { type Figure, grayLevels, imagePlot, PlotInputError } from '../src/index.js';
import { renderSvg, toPng } from '../src/node.js';

function svgOf(fig: Figure) {
  const svg = renderSvg(fig);
  const { document } = parseHTML(`<html><body>${svg}</body></html>`);
  const root = document.querySelector('svg') as unknown as Element;
  return { svg, root, all: (sel: string) => Array.from(root.querySelectorAll(sel)) as Element[] };
}

/** The PNG inside an `<image>`, decoded. */
function pngOf(image: Element) {
  const href = image.getAttribute('href') ?? '';
  expect(href.startsWith('data:image/png;base64,')).toBe(true);
  return decode(Buffer.from(href.slice('data:image/png;base64,'.length), 'base64'));
}

const ORIG_4_4 = [1, 3, 5, 3, 6, 2, 0, 8, 4, 6, 1, 4, 2, 8, 0, 3];

describe('grayLevels', () => {
  it("is matplotlib's Normalize + 256-entry gray map: floor(t · 256), t = 1 to 255, a constant image black", () => {
    expect(Array.from(grayLevels([0, 1, 2], 0, 2))).toEqual([0, 128, 255]);
    expect(Array.from(grayLevels([0, 8, 3], 0, 8))).toEqual([0, 255, 96]);
    // values outside [vmin, vmax] clip to the ends of the map
    expect(Array.from(grayLevels([-5, 20], 0, 8))).toEqual([0, 255]);
    expect(Array.from(grayLevels([7, 7, 7], 7, 7))).toEqual([0, 0, 0]);
  });
});

describe('imagePlot', () => {
  it('draws one framed <image> per panel, its PNG holding the gray levels of the data (row 0 at the top)', () => {
    const fig = imagePlot({
      images: [
        { data: ORIG_4_4, height: 4, width: 4, title: 'orig_4_4' },
        { data: [6, 8, 8, 4], height: 2, width: 2, title: 'maxpool(orig_4_4)' },
      ],
    });
    expect(fig.kind).toBe('imagePlot');
    expect(fig.ariaLabel).toBe('Grayscale images: orig_4_4 (4×4), maxpool(orig_4_4) (2×2)');
    const { all, root } = svgOf(fig);
    expect(root.getAttribute('role')).toBe('img');
    const images = all('g[aria-label="image"] image');
    expect(images).toHaveLength(2);
    expect(all('text').map((t) => t.textContent)).toEqual(
      expect.arrayContaining(['orig_4_4', 'maxpool(orig_4_4)']),
    );
    // the titles sit above the frame: not clipped to it (a clipped title is not drawn)
    for (const t of all('text').filter((t) => /orig_4_4/.test(t.textContent ?? '')))
      expect(t.closest('[clip-path]'), t.textContent ?? '').toBeNull();
    // the 4 x 4 patch, enlarged by a whole factor k: pixel (r, c) of the PNG is level[floor(r/k)][floor(c/k)]
    const png = pngOf(images[0]!);
    const k = png.width / 4;
    expect(Number.isInteger(k) && k > 1).toBe(true);
    expect(png.height).toBe(4 * k);
    expect(png.channels).toBe(1);
    const levels = grayLevels(ORIG_4_4, 0, 8);
    for (let r = 0; r < 4; r++)
      for (let c = 0; c < 4; c++)
        expect(png.data[r * k * png.width + c * k], `${r},${c}`).toBe(levels[r * 4 + c]);
    // the 2 x 2: 4 is black, 8 white (its own range)
    const small = pngOf(images[1]!);
    const k2 = small.width / 2;
    expect([small.data[0], small.data[k2], small.data[k2 * small.width + k2]]).toEqual([128, 255, 0]);
  });

  it('draws the pixel indices on the axes as integers (pixel i spans i ± 0.5)', () => {
    const { all } = svgOf(
      imagePlot({
        colorbar: false,
        images: [{ data: new Array(35 * 38).fill(0).map((_, i) => i), height: 35, width: 38 }],
      }),
    );
    const ticks = all('g[aria-label="x-axis tick label"] text').map((t) => t.textContent);
    expect(ticks).toEqual(['0', '10', '20', '30']);
    const yTicks = all('g[aria-label="y-axis tick label"] text').map((t) => t.textContent);
    expect(yTicks).toEqual(['0', '10', '20', '30']);
    // no axes when asked
    const bare = svgOf(
      imagePlot({ axes: false, colorbar: false, images: [{ data: [1, 2, 3, 4], height: 2, width: 2 }] }),
    );
    expect(bare.all('g[aria-label="x-axis tick label"] text')).toHaveLength(0);
  });

  it('keeps pixels square: the panel height follows the image aspect ratio', () => {
    const { all } = svgOf(
      imagePlot({
        width: 400,
        images: [{ data: new Array(10 * 40).fill(1).map((v, i) => v * i), height: 10, width: 40 }],
      }),
    );
    const img = all('image')[0]!;
    const w = Number(img.getAttribute('width'));
    const h = Number(img.getAttribute('height'));
    expect(Math.abs(h - w / 4)).toBeLessThanOrEqual(1);
  });

  it('lays panels out in rows of `columns` (plt.subplots(2, 2)), and a large image is embedded as a compressed PNG', () => {
    const big = Array.from({ length: 279 * 300 }, (_, i) => (Math.floor(i / 300) * 7 + (i % 300) * 3) % 31);
    const panels = [0, 1, 2, 3].map((n) => ({ data: big, height: 279, width: 300, title: `panel ${n}` }));
    const { root, svg } = svgOf(
      imagePlot({ images: panels, columns: 2, width: 640, title: 'four images', colorbar: false }),
    );
    const subplots = Array.from(root.children).filter((c) => c.tagName.toLowerCase() === 'svg');
    expect(subplots).toHaveLength(4);
    const xs = subplots.map((s) => Number(s.getAttribute('x')));
    const ys = subplots.map((s) => Number(s.getAttribute('y')));
    expect(xs[0]).toBe(0);
    expect(xs[1]).toBeGreaterThan(300);
    expect(xs[2]).toBe(0);
    expect(xs[3]).toBe(xs[1]);
    expect(ys[0]).toBe(ys[1]);
    expect(ys[2]).toBeGreaterThan(ys[0]! + 250);
    expect(Number(root.getAttribute('width'))).toBeLessThanOrEqual(640);
    expect(Number(root.getAttribute('height'))).toBeGreaterThan(ys[2]!);
    expect(svg.length).toBeLessThan(100_000); // 4 × 83,700 pixels, far below one <rect> per pixel
    expect(toPng(svg).subarray(1, 4).toString()).toBe('PNG');
  });

  it('uses vmin / vmax when given (a shared gray scale across panels)', () => {
    const { all } = svgOf(imagePlot({ images: [{ data: [2, 4], height: 1, width: 2, vmin: 0, vmax: 8 }] }));
    const png = pngOf(all('image')[0]!);
    const k = png.width / 2;
    expect([png.data[0], png.data[k]]).toEqual([64, 128]);
  });

  it('rejects bad input with a PlotInputError naming the argument', () => {
    const bad = (o: unknown) => () => imagePlot(o as Parameters<typeof imagePlot>[0]);
    expect(bad({ images: [] })).toThrow(PlotInputError);
    expect(bad({ images: [] })).toThrow(/imagePlot: argument 'images' must be a non-empty array/);
    expect(bad({ images: [{ data: [1, 2, 3], height: 2, width: 2 }] })).toThrow(
      /argument 'images\[0\]\.data' must hold height × width = 2 × 2 = 4 values, received 3/,
    );
    expect(bad({ images: [{ data: [1, 2], height: 0.5, width: 4 }] })).toThrow(
      /positive integer height and width/,
    );
    expect(bad({ images: [{ data: [1, Number.NaN], height: 1, width: 2 }] })).toThrow(
      /argument 'images\[0\]\.data\[1\]' must be a finite number, received NaN/,
    );
    expect(bad({ images: [{ data: [1, 2], height: 1, width: 2 }], columns: 1.5 })).toThrow(
      /argument 'columns' must be a positive integer/,
    );
  });
});
