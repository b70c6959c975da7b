// The layout every figure shares (makeFigure): laid out at the width a page gives it, panels
// wrapping on a narrow page, a legend above the panels, margins that fit the tick labels, marks
// clipped to the frame, 12 px text, wrapped titles and axis labels, colour bars under heatmaps.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  beamTree,
  convolutionPlot,
  type Figure,
  functionPlot,
  functionPlotWithLegend,
  imagePlot,
  likelihoodSweep,
} from '../src/index.js';
import { renderSvg } from '../src/node.js';

function svgOf(fig: Figure, width?: number) {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${renderSvg(fig, { width })}</body></html>`);
  const root = document.querySelector('svg') as unknown as Element;
  const all = (sel: string) => Array.from(root.querySelectorAll(sel)) as Element[];
  const panels = Array.from(root.children).filter(
    (c) => c.tagName.toLowerCase() === 'svg' && !c.hasAttribute('data-colorbar'),
  );
  return { root, all, panels };
}

const x = Array.from({ length: 41 }, (_, i) => i / 40);
const num = (e: Element | undefined, a: string) => Number(e?.getAttribute(a));

describe('figure layout', () => {
  it('is laid out at the width given (a phone column), never wider than its own width', () => {
    const fig = functionPlot({ x, series: [{ name: 'f', y: x.map((v) => v * v) }] });
    expect(num(svgOf(fig).root, 'width')).toBe(640);
    expect(num(svgOf(fig, 342).root, 'width')).toBe(342);
    expect(num(svgOf(fig, 342).panels[0], 'width')).toBe(342);
    expect(num(svgOf(fig, 2000).root, 'width')).toBe(640);
    // the same scale: a viewBox as wide as the width, so nothing is scaled down
    expect(svgOf(fig, 342).root.getAttribute('viewBox')).toBe(
      `0 0 342 ${num(svgOf(fig, 342).root, 'height')}`,
    );
  });

  it('wraps side-by-side panels into fewer columns when they would get narrower than 180 px', () => {
    const curves = ['a', 'b', 'c'].map((name, k) => ({ name, y: x.map((v) => v ** (k + 1)) }));
    const fig = likelihoodSweep({ param: x, curves });
    const wide = svgOf(fig).panels;
    expect(new Set(wide.map((p) => p.getAttribute('y'))).size).toBe(1); // one row of three
    const narrow = svgOf(fig, 342).panels;
    expect(narrow.map((p) => num(p, 'x'))).toEqual([0, 0, 0]); // one column
    expect(num(narrow[1], 'y')).toBeGreaterThan(num(narrow[0], 'y'));
    for (const p of narrow) expect(num(p, 'width')).toBe(342);
  });

  it('names several series in a legend above the plot, wrapped into rows on a narrow page', () => {
    const series = ['first series', 'second series', 'third series', 'fourth series'].map((name, k) => ({
      name,
      y: x.map((v) => v + k),
    }));
    const wide = svgOf(functionPlot({ x, series }));
    const entries = wide.all('g[aria-label="legend"] text');
    expect(entries.map((t) => t.textContent)).toEqual(series.map((s) => `— ${s.name}`));
    // each in its own colour, all distinct (the ten-colour palette)
    expect(new Set(entries.map((t) => t.getAttribute('fill'))).size).toBe(4);
    expect(new Set(entries.map((t) => t.getAttribute('y'))).size).toBe(1);
    // no end labels on the curves, and the plot starts below the legend
    expect(wide.all('g[aria-label="text"] text')).toHaveLength(0);
    expect(num(wide.panels[0], 'y')).toBeGreaterThan(num(entries[0], 'y'));
    const narrow = svgOf(functionPlot({ x, series }), 300).all('g[aria-label="legend"] text');
    expect(new Set(narrow.map((t) => t.getAttribute('y'))).size).toBeGreaterThan(1);
    for (const t of narrow) expect(num(t, 'x')).toBeLessThan(300);
    // a single series needs no legend
    expect(svgOf(functionPlot({ x, series: series.slice(0, 1) })).all('g[aria-label="legend"]')).toHaveLength(
      0,
    );
    // functionPlotWithLegend puts its legend there too
    const withLegend = svgOf(functionPlotWithLegend({ x, series, legend: 'bottom-left' }));
    expect(withLegend.all('g[aria-label="legend"] text')).toHaveLength(4);
  });

  it('widens the left margin to fit long y tick labels', () => {
    const big = svgOf(functionPlot({ x, series: [{ name: 'f', y: x.map((v) => 3e6 * v) }] }));
    const labels = big.all('g[aria-label="y-axis tick label"] text');
    expect(labels.map((t) => t.textContent)).toContain('3,000,000');
    // labels are right-aligned at (margin − 9): the margin must hold "3,000,000" at 12 px
    const right = Number(/translate\(([\d.]+)/.exec(labels[0]?.getAttribute('transform') ?? '')?.[1]) - 9;
    expect(right).toBeGreaterThanOrEqual('3,000,000'.length * 12 * 0.55);
  });

  it('clips every mark to its frame and draws its text at 12 px', () => {
    const { root, all } = svgOf(
      functionPlot({ x, series: [{ name: 'f', y: x.map((v) => 4 * v) }], yDomain: [0, 1] }),
    );
    const marks = all('g[aria-label="line"], g[aria-label="rule"]');
    expect(marks.length).toBe(2);
    for (const g of marks) expect(g.getAttribute('clip-path')).toMatch(/^url\(#/);
    expect(root.getAttribute('font-size')).toBe('12');
    for (const panel of all('svg')) expect(panel.getAttribute('style') ?? '').toContain('font-size:12px');
  });

  it('wraps a long title and a long axis label into lines that fit', () => {
    const title = 'A rather long figure title that cannot fit on one line of a phone-wide column';
    const xLabel = 'Point (0 input, 1 first preactivation, 2–6 after residual 1–5)';
    const fig = functionPlot({ x, series: [{ name: 'f', y: x }], title, xLabel, width: 1000 });
    const lines = svgOf(fig, 342).all('svg > text tspan');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map((t) => t.textContent).join(' ')).toBe(title);
    expect(svgOf(fig).all('svg > text tspan')).toHaveLength(1);
    const label = svgOf(fig, 342).all('g[aria-label="x-axis label"] text')[0];
    expect(label?.querySelectorAll('tspan').length ?? 0).toBeGreaterThan(1);
  });

  it('draws a colour bar under heatmaps and images, from their lowest to their highest value', () => {
    const img = { data: [0, 1, 2, 3, 4, 5, 6, 7, 8], height: 3, width: 3 };
    const conv = svgOf(convolutionPlot({ input: img, output: { data: [2, 4, 6, 8], height: 2, width: 2 } }));
    const bars = conv.all('svg[data-colorbar]');
    expect(bars.map((b) => b.getAttribute('data-colorbar'))).toEqual(['input', 'output']);
    const ticks = (b: Element | undefined) =>
      Array.from(b?.querySelectorAll('g[aria-label="x-axis tick label"] text') ?? []).map((t) =>
        Number(t.textContent),
      );
    expect(Math.min(...ticks(bars[0]))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ticks(bars[0]))).toBeLessThanOrEqual(8);
    expect(Math.min(...ticks(bars[1]))).toBeGreaterThanOrEqual(2);
    const gray = svgOf(imagePlot({ images: [{ ...img, vmin: 0, vmax: 10 }] })).all(
      'svg[data-colorbar] g[aria-label="rect"] rect',
    );
    expect(gray).toHaveLength(64);
    expect(gray[0]?.getAttribute('fill')).not.toBe(gray[63]?.getAttribute('fill'));
    expect(svgOf(imagePlot({ images: [img], colorbar: false })).all('svg[data-colorbar]')).toHaveLength(0);
  });

  it('keeps a beam tree at its own width on a narrow page (it scrolls there)', () => {
    const fig = beamTree({
      prompt: 'The best thing about Bath is',
      beams: [
        { tokens: [' the', ' way'], score: -3.1 },
        { tokens: [' the', ' fact'], score: -3.5 },
      ],
    });
    expect(num(svgOf(fig, 342).root, 'width')).toBe(num(svgOf(fig).root, 'width'));
  });
});
