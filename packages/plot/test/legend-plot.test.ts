// functionPlotWithLegend: curves at the same x named in a corner legend (matplotlib's ax.legend()).
// Rendered in Node with linkedom and parsed back, as figures.test.ts does.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { functionPlotWithLegend, PlotInputError } from '../src/index.js';
import { renderSvg } from '../src/node.js';

function svgOf(svg: string) {
  const { document } = parseHTML(`<html><body>${svg}</body></html>`);
  const root = document.querySelector('svg') as unknown as Element;
  return { root, all: (sel: string) => Array.from(root.querySelectorAll(sel)) as Element[] };
}

describe('functionPlotWithLegend', () => {
  const x = Array.from({ length: 51 }, (_, i) => i / 50);
  const series = [
    { name: 'true function', y: x.map((v) => Math.sin(6 * v)), color: '#222222' },
    { name: 'model A', y: x.map((v) => Math.sin(6 * v) + 0.05) },
    { name: 'model B', y: x.map((v) => Math.sin(6 * v) - 0.05) },
  ];

  it('draws one line per series and one legend entry per series, in its colour', () => {
    const fig = functionPlotWithLegend({ x, series, points: [{ x: 0.5, y: 0 }], title: 'ensemble' });
    expect(fig.kind).toBe('functionPlotWithLegend');
    expect(fig.ariaLabel).toContain('with a legend');
    const { all } = svgOf(renderSvg(fig));
    const lines = all('g[aria-label="line"] path');
    expect(lines.length).toBe(3);
    const entries = all('text').filter((t) => (t.textContent ?? '').startsWith('— '));
    expect(entries.map((t) => t.textContent)).toEqual(['— true function', '— model A', '— model B']);
    expect(all('circle').length).toBe(1);
  });

  it('draws a series as dots or dashed when asked, and marks its legend entry so', () => {
    const fig = functionPlotWithLegend({
      x,
      series: [
        { name: 'backpropagation', y: series[0]!.y },
        { name: 'finite differences', y: series[1]!.y, dots: true },
        { name: 'bound', y: series[2]!.y, dash: '5,3' },
      ],
    });
    const svg = renderSvg(fig);
    const { all } = svgOf(svg);
    const lines = all('g[aria-label="line"] path');
    expect(lines.length).toBe(2);
    expect(svg.match(/stroke-dasharray="5,3"/g)?.length).toBe(1);
    expect(all('g[aria-label="dot"] circle').length).toBe(x.length);
    const entries = all('text')
      .map((t) => t.textContent ?? '')
      .filter((t) => /^(— |• |-- )/.test(t));
    expect(entries).toEqual(['— backpropagation', '• finite differences', '-- bound']);
  });

  it('accepts any corner (the legend stays above the plot) and rejects a bad corner or bad series', () => {
    for (const legend of ['top-left', 'bottom-right', 'bottom-left'] as const) {
      const { all } = svgOf(renderSvg(functionPlotWithLegend({ x, series, legend })));
      expect(all('text').filter((t) => (t.textContent ?? '').startsWith('— ')).length).toBe(3);
    }
    expect(() => functionPlotWithLegend({ x, series, legend: 'middle' as never })).toThrow(PlotInputError);
    expect(() => functionPlotWithLegend({ x, series, legend: 'middle' as never })).toThrow(
      /functionPlotWithLegend: argument 'legend' must be one of 'top-right'/,
    );
    expect(() => functionPlotWithLegend({ x, series: [] })).toThrow(
      /argument 'series' must be a non-empty array/,
    );
    expect(() => functionPlotWithLegend({ x, series: [{ name: 'short', y: [1, 2] }] })).toThrow(
      PlotInputError,
    );
  });
});
