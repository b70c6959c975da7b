// semilogyPlot: curves on a log y axis, each with its own x (matplotlib's semilogy; notebook 3.3's
// figure 3.9). Rendered in Node with linkedom and parsed back, as figures.test.ts does.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { PlotInputError, semilogyPlot } from '../src/index.js';
import { renderSvg } from '../src/node.js';

function svgOf(svg: string) {
  const { document } = parseHTML(`<html><body>${svg}</body></html>`);
  const root = document.querySelector('svg') as unknown as Element;
  return { root, all: (sel: string) => Array.from(root.querySelectorAll(sel)) as Element[] };
}

describe('semilogyPlot', () => {
  const D = Array.from({ length: 100 }, (_, i) => i);
  const fig = semilogyPlot({
    series: [
      { name: 'D + 1', x: D, y: D.map((d) => d + 1) },
      { name: '2^D', x: D.map((d) => 2 * d), y: D.map((d) => 2 ** d) },
      { name: 'with zeros', x: D, y: D.map((d) => (d < 10 ? 0 : d)) },
    ],
    xLabel: 'Number of hidden units, D',
    yLabel: 'Number of regions, N',
    yDomain: [1e1, 1e150],
    xDomain: [0, 150],
  });

  it('draws one line per series, a legend entry for each, and power-of-ten ticks (at most about eight)', () => {
    expect(fig.kind).toBe('semilogyPlot');
    expect(fig.ariaLabel).toContain('logarithmic');
    const { root, all } = svgOf(renderSvg(fig));
    expect(root.getAttribute('data-figure')).toBe('semilogyPlot');
    expect(all('g[aria-label="line"] path')).toHaveLength(3);
    const labels = all('g[aria-label="legend"] text').map((t) => t.textContent);
    expect(labels).toEqual(['— D + 1', '— 2^D', '— with zeros']);
    const ticks = all('g[aria-label="y-axis tick label"] text').map((t) => t.textContent);
    expect(ticks).toEqual(['1e20', '1e40', '1e60', '1e80', '1e100', '1e120', '1e140']); // 1e1..1e150: every 20 decades
  });

  it('rejects bad input with a PlotInputError naming the argument', () => {
    expect(() => semilogyPlot({ series: [] })).toThrow(PlotInputError);
    expect(() => semilogyPlot({ series: [{ name: 'a', x: [1, 2], y: [1] }] })).toThrow(
      /semilogyPlot: argument 'series\[0\]\.y' must have length 2/,
    );
    expect(() => semilogyPlot({ series: [{ name: 'a', x: [1], y: [1] }], yDomain: [0, 10] })).toThrow(
      /yDomain' must be two positive numbers/,
    );
  });
});
