// figureToJSON / figureFromJSON: a figure written as JSON and read back draws the same SVG, for every
// figure kind, with typed arrays, NaN gaps and infinities in its data.
import { describe, expect, it } from 'vitest';
import {
  beamTree,
  classificationPlot,
  convolutionPlot,
  decisionBoundaryPlot,
  distanceHistogram,
  errorCurveRuns,
  errorCurves,
  FIGURE_KINDS,
  type Figure,
  figureFromJSON,
  figureToJSON,
  functionPlot,
  functionPlotWithLegend,
  heatmap,
  imagePlot,
  likelihoodSweep,
  lossContour,
  PlotInputError,
  regressionPlot,
  semilogyPlot,
  shallowNetworkGrid,
} from '../src/index.js';
import { renderSvg } from '../src/node.js';

const xs = Float32Array.from({ length: 21 }, (_, i) => -1 + i / 10);
const sq = Float64Array.from(xs, (x) => x * x);
const grid = Array.from({ length: 9 }, (_, i) => -2 + i / 2);

/** The SVG with Plot's per-render clip-path ids (a counter) numbered in order of appearance. */
function svgOf(figure: Figure, width?: number): string {
  const ids = new Map<string, number>();
  return renderSvg(figure, width === undefined ? {} : { width }).replace(/plot-clip-\d+/g, (id) => {
    if (!ids.has(id)) ids.set(id, ids.size);
    return `clip-${ids.get(id)}`;
  });
}

const figures: Record<string, Figure> = {
  functionPlot: functionPlot({
    x: xs,
    series: [
      { name: 'x²', y: sq },
      { name: 'gap', y: Array.from(xs, (x, i) => (i === 5 ? Number.NaN : x)) },
    ],
    shade: [-0.5, 0.5],
    points: [{ x: 0, y: 0, label: 'min' }],
    title: 'A title',
  }),
  functionPlotWithLegend: functionPlotWithLegend({
    x: xs,
    series: [{ name: 'a', y: sq }],
    legend: 'top-left',
  }),
  shallowNetworkGrid: shallowNetworkGrid({
    x: xs,
    preActivations: [sq, sq, sq],
    activations: [sq, sq, sq],
    weighted: [sq, sq, sq],
  }),
  regressionPlot: regressionPlot({ xModel: xs, yModel: sq, sigma: 0.2, xData: [0, 0.5], yData: [0.1, 0.2] }),
  classificationPlot: classificationPlot({
    xModel: xs,
    probabilities: [Array.from(sq, (v) => v / 2), Array.from(sq, (v) => 1 - v / 2)],
    xData: [0, 0.5],
    yData: [0, 1],
  }),
  likelihoodSweep: likelihoodSweep({ param: xs, curves: [{ name: 'nll', y: sq }], markOptimum: true }),
  lossContour: lossContour({
    x: grid,
    y: grid,
    values: Float64Array.from({ length: 81 }, (_, k) => grid[k % 9]! ** 2 + grid[Math.floor(k / 9)]! ** 2),
    trajectories: [
      {
        name: 'sgd',
        points: [
          [1, 1],
          [0.5, 0.5],
          [0, 0],
        ],
      },
    ],
  }),
  convolutionPlot: convolutionPlot({ input: sq, output: xs, kernel: [0.25, 0.5, 0.25] }),
  errorCurves: errorCurves({ train: [80, 40, 20], validation: [85, 50, 38], baseline: 90 }),
  distanceHistogram: distanceHistogram({ groups: [{ name: 'd', values: sq }], bins: 5 }),
  beamTree: beamTree({
    prompt: 'The',
    beams: [
      { tokens: [' cat', ' sat'], score: -1.5 },
      { tokens: [' dog', ' ran'], score: -Infinity },
    ],
  }),
  semilogyPlot: semilogyPlot({ series: [{ name: 'loss', x: [1, 2, 3], y: [1e3, 1e1, 1e-1] }] }),
  decisionBoundaryPlot: decisionBoundaryPlot({
    x: grid,
    y: grid,
    probabilities: Float64Array.from({ length: 81 }, (_, k) => 1 / (1 + Math.exp(-grid[k % 9]!))),
    points: { x: [-1, 1], y: [0, 0.5], label: new Int32Array([0, 1]) },
  }),
  imagePlot: imagePlot({
    images: [{ data: new Uint8Array([0, 64, 128, 255]), height: 2, width: 2, title: 'img' }],
  }),
  heatmap: heatmap({ values: [50, 2, 5, 43], rows: 2, columns: 2, yLabel: 'true', xLabel: 'predicted' }),
  errorCurveRuns: errorCurveRuns({
    runs: [
      { name: 'run 1', train: [80, 40], validation: [85, 50] },
      { name: 'run 2', train: [70, 30], validation: [75, 45] },
    ],
  }),
};

describe('figures as JSON', () => {
  it('covers every figure kind', () => {
    expect(Object.keys(figures).sort()).toEqual([...FIGURE_KINDS].sort());
  });

  for (const [kind, figure] of Object.entries(figures)) {
    it(`${kind}: read back from JSON, it draws the same SVG at every width`, () => {
      expect(figure.spec.kind).toBe(kind);
      const json = figureToJSON(figure);
      const again = figureFromJSON(json);
      expect(again.kind).toBe(figure.kind);
      expect(again.ariaLabel).toBe(figure.ariaLabel);
      for (const width of [undefined, 390]) expect(svgOf(again, width)).toBe(svgOf(figure, width));
      // the parsed object works too
      expect(figureFromJSON(JSON.parse(json)).kind).toBe(kind);
    });
  }

  it('keeps NaN and the infinities, and typed arrays as their exact values', () => {
    const json = figureToJSON(figures.functionPlot!);
    expect(json).toContain('{"$number":"NaN"}');
    const spec = JSON.parse(json) as { options: { x: number[] } };
    expect(spec.options.x).toEqual(Array.from(xs));
    expect(figureToJSON(figures.beamTree!)).toContain('{"$number":"-Infinity"}');
  });

  it('precision: numbers to that many significant digits, the same figure drawn', () => {
    const fig = lossContour({
      x: grid,
      y: grid,
      values: Float64Array.from({ length: 81 }, (_, k) => Math.PI * k + 1 / 3),
    });
    const exact = figureToJSON(fig);
    const short = figureToJSON(fig, { precision: 6 });
    expect(short.length).toBeLessThan(exact.length * 0.6);
    const values = (JSON.parse(short) as { options: { values: number[] } }).options.values;
    expect(values[1]).toBe(3.47493); // π + 1/3 = 3.4749259869…
    // the same marks and the same labels (contour paths move by a fraction of a pixel)
    const [a, b] = [svgOf(figureFromJSON(short)), svgOf(fig)];
    const texts = (svg: string) => [...svg.matchAll(/>([^<]+)</g)].map((m) => m[1]);
    const tags = (svg: string) => [...svg.matchAll(/<(\w+)/g)].map((m) => m[1]);
    expect(texts(a)).toEqual(texts(b));
    expect(tags(a)).toEqual(tags(b));
    expect(() => figureToJSON(fig, { precision: 0 })).toThrow(
      /options\.precision must be an integer from 1 to 17, received 0/,
    );
  });

  it('refuses what is not a figure spec, naming what is wrong', () => {
    expect(() => figureFromJSON('{')).toThrow(/figureFromJSON.*not valid JSON/);
    expect(() => figureFromJSON('[1]')).toThrow(PlotInputError);
    expect(() => figureFromJSON('{"kind":"pie","options":{}}')).toThrow(
      /spec\.kind must be one of .*received "pie"/,
    );
    expect(() => figureFromJSON('{"kind":"toString","options":{}}')).toThrow(/spec\.kind/);
    expect(() => figureFromJSON('{"kind":"errorCurves","options":null}')).toThrow(
      /spec\.options must be an object/,
    );
    // the figure function still checks its own options
    expect(() => figureFromJSON('{"kind":"errorCurves","options":{"train":"x"}}')).toThrow(/errorCurves/);
    expect(() => figureToJSON({} as Figure)).toThrow(/figureToJSON/);
  });
});
