// heatmap: a matrix as coloured cells with their values written in them (seaborn's
// heatmap(annot=True), scikit-learn's ConfusionMatrixDisplay). Rendered in Node with linkedom.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { heatmap, heatmapCellTitle, PlotInputError } from '../src/index.js';
import { renderSvg } from '../src/node.js';

function svgOf(svg: string) {
  const { document } = parseHTML(`<html><body>${svg}</body></html>`);
  const root = document.querySelector('svg') as unknown as Element;
  return { root, all: (sel: string) => Array.from(root.querySelectorAll(sel)) as Element[] };
}

// a 3-class confusion matrix (rows: true class, columns: predicted)
const CM = [50, 2, 5, 3, 40, 0, 1, 7, 42];

describe('heatmap', () => {
  const fig = heatmap({
    values: CM,
    rows: 3,
    columns: 3,
    yLabel: 'true',
    xLabel: 'predicted',
    valueLabel: 'count',
    title: 'Confusion matrix',
  });
  const { root, all } = svgOf(renderSvg(fig, { width: 400 }));

  it('draws one titled cell per entry, row 0 at the top, the value written in each cell', () => {
    expect(fig.kind).toBe('heatmap');
    expect(root.getAttribute('aria-label')).toBe(
      'Confusion matrix. Heatmap of 3 × 3 values, rows: true, columns: predicted, from 0 to 50',
    );
    const cells = all('g[aria-label="cell"] rect');
    expect(cells).toHaveLength(9);
    const titles = cells.map((c) => c.querySelector('title')?.textContent);
    expect(new Set(titles)).toEqual(
      new Set(CM.map((v, k) => `true ${Math.floor(k / 3)}, predicted ${k % 3}: ${v}`)),
    );
    // row 0 above row 2, column 0 left of column 2
    const at = (t: string) => cells.find((c) => c.querySelector('title')?.textContent?.startsWith(t))!;
    const y = (c: Element) => Number(c.getAttribute('y'));
    const x = (c: Element) => Number(c.getAttribute('x'));
    expect(y(at('true 0, predicted 0'))).toBeLessThan(y(at('true 2, predicted 0')));
    expect(x(at('true 0, predicted 0'))).toBeLessThan(x(at('true 0, predicted 2')));
    const written = all('g[aria-label="text"] text').map((t) => Number(t.textContent));
    expect(written.sort((a, b) => a - b)).toEqual([...CM].sort((a, b) => a - b));
  });

  it('labels the axes, names the rows and columns, and draws a colour bar from vmin to vmax', () => {
    const texts = all('text').map((t) => t.textContent ?? '');
    expect(texts.some((t) => t.includes('true'))).toBe(true);
    expect(texts.some((t) => t.includes('predicted'))).toBe(true);
    expect(texts.some((t) => t.includes('count'))).toBe(true);
    const bar = all('svg[data-colorbar="count"] g[aria-label="rect"] rect');
    expect(bar.length).toBeGreaterThan(10);
    // the smallest value lightest, the largest darkest: the ends of ColorBrewer's Blues
    // (#f7fbff … #08306b), the scheme's colours at 0 and 1
    const fill = (v: number) =>
      all('g[aria-label="cell"] rect')
        .find((c) => c.querySelector('title')?.textContent?.endsWith(`: ${v}`))!
        .getAttribute('fill');
    expect(fill(0)).toBe('rgb(247, 251, 255)');
    expect(fill(50)).toBe('rgb(8, 48, 107)');
    // and the colour bar runs from light to dark
    const luminance = (c: string | null) => (c?.match(/\d+/g) ?? []).map(Number).reduce((a, b) => a + b, 0);
    expect(luminance(bar[0]!.getAttribute('fill'))).toBeGreaterThan(600);
    expect(luminance(bar.at(-1)!.getAttribute('fill'))).toBeLessThan(200);
  });

  it('writes white on the dark cells and dark text on the light ones', () => {
    // (Plot puts a clipped mark's attributes on a group inside the mark's group)
    const groups = all('g[aria-label="text"] > g');
    const byFill = new Map(
      groups.map((g) => [
        g.getAttribute('fill'),
        Array.from(g.querySelectorAll('text')).map((t) => Number(t.textContent)),
      ]),
    );
    expect(byFill.get('#ffffff')).toEqual(expect.arrayContaining([50, 40, 42]));
    expect(byFill.get('#111111')).toEqual(expect.arrayContaining([0, 1, 2, 3]));
  });

  it('takes names for the rows and columns, and a format', () => {
    const f = heatmap({
      values: [0.25, 0.75],
      rows: 1,
      columns: 2,
      columnNames: ['cat', 'dog'],
      rowNames: ['cat'],
      format: (v) => `${(100 * v).toFixed(0)}%`,
    });
    const { all: q } = svgOf(renderSvg(f));
    expect(q('g[aria-label="cell"] rect title').map((t) => t.textContent)).toEqual([
      'row cat, column cat: 25%',
      'row cat, column dog: 75%',
    ]);
    expect(heatmapCellTitle('3', '5', '12', { yLabel: 'true', xLabel: 'predicted' })).toBe(
      'true 3, predicted 5: 12',
    );
  });

  it('rejects bad input with a PlotInputError naming the argument', () => {
    expect(() => heatmap({ values: [1, 2, 3], rows: 2, columns: 2 })).toThrow(PlotInputError);
    expect(() => heatmap({ values: [1, 2, 3], rows: 2, columns: 2 })).toThrow(
      "heatmap: argument 'values' must hold rows × columns = 2 × 2 = 4 numbers, received 3",
    );
    expect(() => heatmap({ values: [1, 2], rows: 0, columns: 2 })).toThrow(
      /'rows' and 'columns' must be positive integers/,
    );
    expect(() => heatmap({ values: [1, Number.NaN], rows: 1, columns: 2 })).toThrow(
      "argument 'values[1]' must be a finite number, received NaN",
    );
    expect(() => heatmap({ values: [1, 2], rows: 1, columns: 2, columnNames: ['a', 'a'] })).toThrow(
      "argument 'columnNames' must be 2 distinct names, received 2 (1 distinct)",
    );
    expect(() => heatmap({ values: [1, 2], rows: 1, columns: 2, vmin: 3, vmax: 1 })).toThrow(
      "argument 'vmax' must be >= vmin = 3, received 1",
    );
  });
});
