import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  beamTree,
  classificationPlot,
  convolutionPlot,
  distanceHistogram,
  errorCurves,
  type Figure,
  functionPlot,
  likelihoodSweep,
  lossContour,
  PlotInputError,
  regressionPlot,
  shallowNetworkGrid,
  UDL_BROWN,
  udlBrown,
} from '../src/index.js';
import { renderSvg, toPng } from '../src/node.js';

/** Renders in Node and parses the SVG string back, as a browser would. */
function svgOf(fig: Figure) {
  const svg = renderSvg(fig);
  const { document } = parseHTML(`<html><body>${svg}</body></html>`);
  const root = document.querySelector('svg') as unknown as Element;
  return { svg, root, all: (sel: string) => Array.from(root.querySelectorAll(sel)) as Element[] };
}
const linePaths = (all: (s: string) => Element[]) => all('g[aria-label="line"] path');
const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('colormap', () => {
  it("is the notebooks' 256-entry brown map, looked up like ListedColormap", () => {
    expect(UDL_BROWN).toHaveLength(256);
    expect(UDL_BROWN[0]).toBe('#2a0902');
    expect(UDL_BROWN[1]).toBe('#2b0a03');
    expect(UDL_BROWN[254]).toBe('#fffedf');
    expect(UDL_BROWN[255]).toBe('#ffffe0');
    expect(udlBrown(0)).toBe('#2a0902');
    expect(udlBrown(1)).toBe('#ffffe0');
    expect(udlBrown(0.5)).toBe(UDL_BROWN[128]);
    expect(udlBrown(-3)).toBe(UDL_BROWN[0]);
  });
});

describe('figures render SVG with the expected marks', () => {
  it('functionPlot: one path per series, accessible label', () => {
    const x = range(41, (i) => -2 + i / 10);
    const fig = functionPlot({
      x,
      series: [
        { name: 'f', y: x.map((v) => v ** 3) },
        { name: 'df', y: x.map((v) => 3 * v * v) },
      ],
      points: [{ x: 0, y: 0, label: 'a' }],
      shade: [-1, 1],
      title: 'f and its derivative',
    });
    const { root, all, svg } = svgOf(fig);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-label')).toContain('f and its derivative');
    expect(linePaths(all)).toHaveLength(2);
    expect(all('g[aria-label="dot"] circle')).toHaveLength(1);
    expect(all('g[aria-label="rect"] rect')).toHaveLength(1);
    // 41 samples -> the path has one M and 40 L commands
    expect((linePaths(all)[0]?.getAttribute('d') ?? '').match(/L/g)).toHaveLength(40);
  });

  it('shallowNetworkGrid: nine panels, one curve each', () => {
    const x = range(11, (i) => i / 10);
    const th = [
      [-0.2, 0.4],
      [-0.9, 0.9],
      [1.1, -0.7],
    ];
    const pre = th.map(([a, b]) => x.map((v) => (a as number) + (b as number) * v));
    const act = pre.map((p) => p.map((v) => Math.max(0, v)));
    const w = act.map((a, d) => a.map((v) => ([-1.3, 1.3, 0.66][d] as number) * v));
    const { all } = svgOf(shallowNetworkGrid({ x, preActivations: pre, activations: act, weighted: w }));
    expect(linePaths(all)).toHaveLength(9);
    expect(all('g[aria-label="frame"] rect').length).toBe(9);
  });

  it('regressionPlot: band, mean and one dot per datum', () => {
    const xm = range(101, (i) => i / 100);
    const { all } = svgOf(
      regressionPlot({
        xModel: xm,
        yModel: xm.map((v) => Math.sin(6 * v) / 2),
        sigma: 0.1,
        xData: [0.1, 0.3, 0.5, 0.9],
        yData: [0.2, 0.4, 0.0, -0.3],
      }),
    );
    expect(all('g[aria-label="area"] path')).toHaveLength(1);
    expect(linePaths(all)).toHaveLength(1);
    expect(all('g[aria-label="dot"] circle')).toHaveLength(4);
  });

  it('classificationPlot: two panels (output, probabilities), K curves for K classes, dots for data', () => {
    const xm = range(21, (i) => i / 20);
    const K = 3;
    const probs = range(K, (k) => k).map((k) => xm.map((v) => (k === 0 ? 1 - v : k === 1 ? v / 2 : v / 2)));
    const { all } = svgOf(
      classificationPlot({
        xModel: xm,
        outputs: probs,
        probabilities: probs,
        xData: [0.1, 0.5, 0.7],
        yData: [0, 1, 2],
      }),
    );
    expect(all('svg > svg')).toHaveLength(2);
    expect(linePaths(all)).toHaveLength(2 * K);
    expect(all('g[aria-label="dot"] circle')).toHaveLength(3);
    // the legend names each class's curves (output and probability), the parenthesis closed
    const labels = all('g[aria-label="legend"] text').map((t) => t.textContent ?? '');
    expect(labels).toEqual(Array.from({ length: K }, (_, k) => `— f${k}, Pr(y=${k}|x)`));
    expect(() => classificationPlot({ xModel: xm, probabilities: probs, xData: [0.1], yData: [3] })).toThrow(
      /yData\[0\].*0\.\.2.*received 3/,
    );
  });

  it('likelihoodSweep: a panel per curve, optimum marked where the data has it', () => {
    const p = range(21, (i) => i / 10);
    const lik = p.map((v) => Math.exp(-((v - 1.2) ** 2)));
    const nll = lik.map((v) => -Math.log(v));
    const { all } = svgOf(
      likelihoodSweep({
        param: p,
        curves: [
          { name: 'likelihood', y: lik },
          { name: 'negative log likelihood', y: nll },
        ],
        markOptimum: true,
      }),
    );
    expect(all('svg > svg')).toHaveLength(2);
    expect(linePaths(all)).toHaveLength(2);
    const dots = all('g[aria-label="dot"] circle');
    expect(dots).toHaveLength(2);
    // both optima at p = 1.2: the dots share their horizontal position within each panel
    expect(dots[0]?.getAttribute('cx')).toBe(dots[1]?.getAttribute('cx'));
  });

  it('lossContour: filled bands in the brown map, grey lines, a dot per iterate', () => {
    const x = range(21, (i) => -1 + i / 10);
    const y = range(21, (i) => -1 + i / 10);
    const values = y.flatMap((b) => x.map((a) => a * a + 3 * b * b));
    const traj = [
      [0.9, 0.9],
      [0.5, 0.3],
      [0.2, 0.1],
      [0, 0],
    ] as [number, number][];
    const { all } = svgOf(
      lossContour({
        x,
        y,
        values,
        fillLevels: 12,
        lineLevels: 5,
        trajectories: [
          { name: 'GD', points: traj },
          { name: 'Adam', points: traj.slice(0, 2) },
        ],
      }),
    );
    const contours = all('g[aria-label="contour"]');
    expect(contours).toHaveLength(2);
    const fills = Array.from(contours[0]?.querySelectorAll('path') ?? []).map((e) => e.getAttribute('fill'));
    expect(fills.length).toBeGreaterThan(5);
    for (const f of fills) expect(UDL_BROWN).toContain(f);
    expect(new Set(fills).size).toBe(fills.length);
    const stroke = (g: Element | undefined) =>
      g?.getAttribute('stroke') ?? g?.querySelector('[stroke]')?.getAttribute('stroke');
    expect(stroke(contours[1])).toBe('#808080');
    expect(linePaths(all)).toHaveLength(2);
    expect(all('g[aria-label="dot"] circle')).toHaveLength(6);
    expect(() => lossContour({ x, y, values: values.slice(1) })).toThrow(/values.*21 \* 21 = 441.*440/);
  });

  it('lossContour: the trajectories are named in the legend above the plot, the colours in a colour bar', () => {
    const x = range(11, (i) => -1 + i / 5);
    const y = range(11, (i) => -1 + i / 5);
    const values = y.flatMap((b) => x.map((a) => a * a + b * b));
    const trajectories = [
      {
        name: 'GD',
        points: [
          [0.9, 0.9],
          [0, 0],
        ] as [number, number][],
      },
      {
        name: 'Adam',
        points: [
          [-0.9, 0.5],
          [0, 0],
        ] as [number, number][],
      },
    ];
    const svg = (legend?: 'top-left') =>
      svgOf(lossContour({ x, y, values, trajectories, fillLevels: 4, lineLevels: 0, legend }));
    for (const legend of [undefined, 'top-left'] as const) {
      const { all } = svg(legend);
      expect(all('g[aria-label="legend"] text').map((t) => t.textContent)).toEqual(['— GD', '— Adam']);
      expect(all('g[aria-label="text"] text')).toHaveLength(0); // no names at the last iterates
    }
    // the colour bar: the brown map from the lowest loss (0) to the highest (2), labelled
    const bar = svg().all('svg[data-colorbar]');
    expect(bar).toHaveLength(1);
    expect(bar[0]?.getAttribute('data-colorbar')).toBe('loss');
    const fills = Array.from(bar[0]?.querySelectorAll('g[aria-label="rect"] rect') ?? []).map((r) =>
      r.getAttribute('fill'),
    );
    expect(fills).toHaveLength(64);
    expect(fills[0]).not.toBe(fills[63]);
    const ticks = Array.from(bar[0]?.querySelectorAll('g[aria-label="x-axis tick label"] text') ?? []).map(
      (t) => Number(t.textContent),
    );
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(2);
    expect(() => lossContour({ x, y, values, legend: 'middle' as never })).toThrow(
      /lossContour: argument 'legend' must be one of 'top-right'/,
    );
  });

  it('convolutionPlot: a rect per pixel for images, a dot per sample for signals', () => {
    const img = { data: range(28 * 28, (i) => i % 7), height: 28, width: 28 };
    const out = { data: range(24 * 24, (i) => i % 5), height: 24, width: 24 };
    const k = { data: range(25, (i) => i), height: 5, width: 5 };
    const a = svgOf(convolutionPlot({ input: img, kernel: k, output: out }));
    expect(a.all('g[aria-label="cell"] rect')).toHaveLength(28 * 28 + 25 + 24 * 24);
    const b = svgOf(convolutionPlot({ input: [0, 1, 2, 3, 2, 1, 0], output: [2, 2, 0, -2, -2] }));
    expect(b.all('g[aria-label="dot"] circle')).toHaveLength(12);
    expect(linePaths(b.all)).toHaveLength(2);
    expect(() => convolutionPlot({ input: img, output: [1, 2] })).toThrow(PlotInputError);
  });

  it('errorCurves: train and validation lines and the dotted 37.45% baseline', () => {
    const train = range(50, (i) => 90 * Math.exp(-i / 10));
    const val = train.map((v) => v + 20);
    const { all } = svgOf(errorCurves({ train, validation: val }));
    expect(linePaths(all)).toHaveLength(2);
    const strokes = linePaths(all).map(
      (p) => p.getAttribute('stroke') ?? p.parentElement?.getAttribute('stroke'),
    );
    expect(strokes).toEqual(['#d62728', '#1f77b4']);
    const rule = all('g[aria-label="rule"] line').filter(
      (l) =>
        (l.getAttribute('stroke-dasharray') ?? l.parentElement?.getAttribute('stroke-dasharray')) === '2,3',
    );
    expect(rule).toHaveLength(1);
    expect(all('g[aria-label="legend"] text').map((t) => t.textContent)).toEqual([
      '— train',
      '— validation',
      '-- baseline 37.45%',
    ]);
    expect(linePaths(svgOf(errorCurves({ train, baseline: null })).all)).toHaveLength(1);
  });

  it('distanceHistogram: bars add up to the number of distances', () => {
    const v = range(200, (i) => Math.sqrt(i));
    const { all } = svgOf(
      distanceHistogram({
        groups: [
          { name: 'D=2', values: v },
          { name: 'D=100', values: v.map((d) => d + 10) },
        ],
        bins: 10,
      }),
    );
    expect(all('svg > svg')).toHaveLength(2);
    const rects = all('g[aria-label="rect"] rect');
    expect(rects.length).toBeGreaterThan(2);
    expect(rects.length).toBeLessThanOrEqual(20);
  });

  it('distanceHistogram: each narrow panel gets several x ticks (xTicks, default 4)', () => {
    // three panels of about 200 px and a narrow range (41–48): Plot's own default gives one tick
    const v = range(300, (i) => 41 + (7 * i) / 299);
    const groups = [0, 1, 2].map((k) => ({ name: `D=${k}`, values: v }));
    const ticksPerPanel = (fig: Figure) =>
      svgOf(fig)
        .all('svg > svg')
        .map((panel) => panel.querySelectorAll('g[aria-label="x-axis tick label"] text').length);
    for (const n of ticksPerPanel(distanceHistogram({ groups, bins: 10 })))
      expect(n).toBeGreaterThanOrEqual(3);
    for (const n of ticksPerPanel(distanceHistogram({ groups, bins: 10, xTicks: 2 })))
      expect(n).toBeLessThan(3);
    expect(() => distanceHistogram({ groups, xTicks: 0 })).toThrow(/xTicks.*received 0/);
  });

  it('beamTree: one node per distinct prefix, one link per edge, scores on the leaves', () => {
    const beams = [
      { tokens: [' the', ' way', ' you'], score: -4.2 },
      { tokens: [' the', ' fact', ' that'], score: -4.9 },
      { tokens: [' that', ' it', "'s"], score: -5.3 },
    ];
    const { all } = svgOf(beamTree({ prompt: 'The best thing about Bath is', beams }));
    // nodes: root + ' the' + ' way' + ' you' + ' fact' + ' that' + ' that'(2nd beam) + ' it' + "'s" = 9
    expect(all('g[aria-label="dot"] circle')).toHaveLength(9);
    expect(all('g[aria-label="link"] path')).toHaveLength(8);
    const texts = all('g[aria-label="text"] text').map((t) => t.firstChild?.textContent);
    expect(texts).toContain('␣you  (-4.20)');
    expect(texts.filter((t) => t?.includes('(')).length).toBe(3);
  });

  it('rejects bad input with the function, argument and received value', () => {
    expect(() => functionPlot({ x: [0, 1], series: [{ name: 'f', y: [1] }] })).toThrow(
      /functionPlot: argument 'series\[0\]\.y' must have length 2.*received length 1/,
    );
    expect(() => errorCurves({ train: ['a', 'b'] as unknown as number[] })).toThrow(
      /errorCurves: argument 'train\[0\]' must be a number/,
    );
    expect(() => errorCurves({ train: [1], baseline: 120 })).toThrow(/baseline.*\[0, 100\].*120/);
  });
});

describe('toPng', () => {
  it('rasterizes a figure to a PNG of the requested width', () => {
    const png = toPng(errorCurves({ train: [80, 40, 20], validation: [85, 50, 38] }), { width: 320 });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(320);
  });
});
