// decisionBoundaryPlot: a classifier's decision regions (TensorFlow Playground's picture). The
// heatmap's PNG is checked pixel by pixel against its documented colours: for two classes white
// at P = 0.5 and the classes' tab10 colours tinted 70 % at P = 0 and 1; for K classes the argmax
// class's colour. The boundary is Plot's 0.5 contour; every training point is a dot.
import { decode } from 'fast-png';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  decisionBoundaryPlot,
  type Figure,
  halfContour,
  PlotInputError,
  SERIES_COLORS,
} from '../src/index.js';
import { renderSvg } from '../src/node.js';

function svgOf(fig: Figure) {
  const svg = renderSvg(fig);
  const { document } = parseHTML(`<html><body>${svg}</body></html>`);
  const root = document.querySelector('svg') as unknown as Element;
  return { svg, root, all: (sel: string) => Array.from(root.querySelectorAll(sel)) as Element[] };
}
function pngOf(image: Element) {
  const href = image.getAttribute('href') ?? '';
  expect(href.startsWith('data:image/png;base64,')).toBe(true);
  return decode(Buffer.from(href.slice('data:image/png;base64,'.length), 'base64'));
}
const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
/** 70 % of the way from white to the colour, rounded as the PNG stores it. */
const tint70 = (hex: string) => rgb(hex).map((c) => Math.round(255 + (c - 255) * 0.7));

// a 3 x 2 grid: x ∈ {-1, 0, 1}, y ∈ {0, 1}; P(y = 1) = 0, 0.5, 1 along x on both rows
const x = [-1, 0, 1];
const y = [0, 1];
const points = { x: [-0.8, 0.2, 0.9], y: [0.1, 0.5, 0.9], label: [0, 1, 1] };

describe('decisionBoundaryPlot', () => {
  it('two classes: the diverging heatmap, the 0.5 contour, a dot per point and a colour bar', () => {
    const fig = decisionBoundaryPlot({ x, y, probabilities: [0, 0.5, 1, 0, 0.5, 1], points });
    expect(fig.kind).toBe('decisionBoundaryPlot');
    expect(fig.ariaLabel).toMatch(/P\(y = 1 \| x\).*3 training points \(1 of class 0, 2 of class 1\)/);
    const { all, root } = svgOf(fig);
    const png = pngOf(all('g[aria-label="heatmap"] image')[0]!);
    expect([png.width, png.height, png.channels]).toEqual([3, 2, 3]);
    const px = (r: number, c: number) => Array.from(png.data.slice((r * 3 + c) * 3, (r * 3 + c) * 3 + 3));
    for (const r of [0, 1]) {
      expect(px(r, 0)).toEqual(tint70(SERIES_COLORS[0]!));
      expect(px(r, 1)).toEqual([255, 255, 255]);
      expect(px(r, 2)).toEqual(tint70(SERIES_COLORS[1]!));
    }
    // P = 0.5 exactly on the grid's middle column: the boundary is the vertical line x = 0
    const d = all('g[aria-label="decision boundary"] path')[0]!.getAttribute('d')!;
    const xsDrawn = [...d.matchAll(/[ML]([\d.]+),/g)].map((m) => m[1]);
    expect(new Set(xsDrawn).size).toBe(1);
    const dots = all('g[aria-label="dot"] circle');
    expect(dots.map((d) => d.getAttribute('fill'))).toEqual([
      SERIES_COLORS[0],
      SERIES_COLORS[1],
      SERIES_COLORS[1],
    ]);
    expect(root.querySelector('[data-colorbar]')?.getAttribute('data-colorbar')).toBe('P(y = 1 | x)');
  });

  it('K classes: the argmax class in its colour, row 0 of the PNG the top of the plot, a legend', () => {
    // class 2 everywhere on the bottom row (y = 0), class 0 on the top row (y = 1), all certain
    const probabilities = [...[0, 0, 1, 0, 0, 1, 0, 0, 1], ...[1, 0, 0, 1, 0, 0, 1, 0, 0]];
    const fig = decisionBoundaryPlot({
      x,
      y,
      probabilities,
      classes: 3,
      points: { ...points, label: [0, 1, 2] },
    });
    const { all, root } = svgOf(fig);
    const png = pngOf(all('g[aria-label="heatmap"] image')[0]!);
    expect(Array.from(png.data.slice(0, 3))).toEqual(tint70(SERIES_COLORS[0]!));
    expect(Array.from(png.data.slice(9, 12))).toEqual(tint70(SERIES_COLORS[2]!));
    expect(all('g[aria-label="decision boundary"] path')).toHaveLength(0);
    expect(all('g[aria-label="legend"] text').map((t) => t.textContent)).toEqual([
      '• class 0',
      '• class 1',
      '• class 2',
    ]);
    expect(root.querySelector('[data-colorbar]')).toBeNull();
  });

  it('halfContour: the P = 0.5 crossings by linear interpolation, saddles split by the centre', () => {
    // one cell, P rising from 0 (left) to 1 (right): the vertical segment x = 0.5
    expect(halfContour([0, 1], [0, 1], [0, 1, 0, 1])).toEqual([0.5, 0, 0.5, 1]);
    const close = (got: number[], want: number[]) => {
      expect(got).toHaveLength(want.length);
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
    };
    // P = 0.2 at (0, 0), 0.8 at (1, 0), 0.2 at (0, 1), 0.2 at (1, 1): crossings at x = 0.5 on the
    // bottom edge and y = 0.5 on the right edge
    close(halfContour([0, 1], [0, 1], [0.2, 0.8, 0.2, 0.2]), [0.5, 0, 1, 0.5]);
    // a saddle, 0.6 at (0, 0) and (1, 1), 0.2 at (1, 0) and (0, 1): its centre (mean 0.4) is below
    // 0.5, so the corners above are cut off, each between crossings a quarter of the way along
    close(halfContour([0, 1], [0, 1], [0.6, 0.2, 0.2, 0.6]), [0, 0.25, 0.25, 0, 1, 0.75, 0.75, 1]);
    // a cell wholly on one side has no segment
    expect(halfContour([0, 1], [0, 1], [0.7, 0.9, 0.8, 0.6])).toEqual([]);
  });

  it('refuses bad input with a PlotInputError naming the argument', () => {
    const ok = { x, y, probabilities: [0, 0.5, 1, 0, 0.5, 1], points };
    expect(() => decisionBoundaryPlot({ ...ok, probabilities: [0.5] })).toThrow(
      /argument 'probabilities' must have length y.length \* x.length = 2 \* 3 = 6, received length 1/,
    );
    expect(() => decisionBoundaryPlot({ ...ok, probabilities: [0, 0.5, 1, 0, 1.5, 1] })).toThrow(
      /'probabilities\[4\]' must be a probability in \[0, 1\], received 1.5/,
    );
    expect(() => decisionBoundaryPlot({ ...ok, points: { ...points, label: [0, 1, 2] } })).toThrow(
      /'points.label\[2\]' must be a class index in 0 … 1, received 2/,
    );
    expect(() => decisionBoundaryPlot({ ...ok, x: [1, 0, -1] })).toThrow(PlotInputError);
    expect(() => decisionBoundaryPlot({ ...ok, classes: 1 })).toThrow(
      /'classes' must be an integer in \[2, 10\]/,
    );
  });
});
