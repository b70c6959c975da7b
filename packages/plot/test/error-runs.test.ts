// errorCurveRuns: several training runs' error curves on one plot (the coursework playground's run
// history): a colour per run, training dashed and validation solid, the earlier runs dimmed.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { errorCurveRuns, PlotInputError, SERIES_COLORS } from '../src/index.js';
import { renderSvg } from '../src/node.js';

function svgOf(svg: string) {
  const { document } = parseHTML(`<html><body>${svg}</body></html>`);
  const root = document.querySelector('svg') as unknown as Element;
  return { root, all: (sel: string) => Array.from(root.querySelectorAll(sel)) as Element[] };
}

const runs = [
  { name: 'run 1: 2×100 relu, lr 0.05', train: [80, 50, 30], validation: [82, 55, 40] },
  { name: 'run 2: 2×100 relu, lr 0.1', train: [70, 40, 25], validation: [75, 50, 38] },
];

describe('errorCurveRuns', () => {
  it('draws two curves per run in its colour, training dashed, the earlier runs dimmed', () => {
    const fig = errorCurveRuns({ runs });
    expect(fig.kind).toBe('errorCurveRuns');
    expect(fig.ariaLabel).toBe(
      'Training and validation error per epoch of 2 runs (run 1: 2×100 relu, lr 0.05; run 2: 2×100 relu, lr 0.1), with a dotted baseline at 37.45%',
    );
    const { all } = svgOf(renderSvg(fig));
    // (Plot puts a clipped mark's attributes on a group inside the mark's group)
    const lines = all('g[aria-label="line"] > g');
    expect(lines).toHaveLength(4);
    expect(all('g[aria-label="line"] path')).toHaveLength(4);
    const style = lines.map((g) => [
      g.getAttribute('stroke'),
      g.getAttribute('stroke-opacity'),
      g.getAttribute('stroke-dasharray'),
    ]);
    expect(style).toEqual([
      [SERIES_COLORS[0], '0.35', '5,3'],
      [SERIES_COLORS[0], '0.35', null],
      [SERIES_COLORS[1], null, '5,3'],
      [SERIES_COLORS[1], null, null],
    ]);
    // a dot at each curve's last epoch, the dotted baseline
    expect(all('g[aria-label="dot"] circle')).toHaveLength(4);
    expect(all('g[aria-label="rule"] > g').map((g) => g.getAttribute('stroke-dasharray'))).toEqual(['2,3']);
    const legend = all('g[aria-label="legend"] text').map((t) => t.textContent);
    expect(legend).toEqual([
      '-- training error',
      '— validation error',
      '-- baseline 37.45%',
      '— run 1: 2×100 relu, lr 0.05',
      '— run 2: 2×100 relu, lr 0.1',
    ]);
  });

  it('draws one run of one epoch as two curves with whole-epoch ticks, and takes colours', () => {
    const fig = errorCurveRuns({
      runs: [{ name: 'run 7', train: [60], validation: [65], color: '#123456' }],
      baseline: null,
    });
    const { all } = svgOf(renderSvg(fig));
    expect(all('g[aria-label="line"] path')).toHaveLength(2);
    expect(all('g[aria-label="line"] > g').map((g) => g.getAttribute('stroke'))).toEqual([
      '#123456',
      '#123456',
    ]);
    expect(all('g[aria-label="x-axis tick label"] text').map((t) => t.textContent)).toEqual(['0', '1']);
    expect(all('g[aria-label="rule"]')).toHaveLength(0);
  });

  it('draws a run still training (no validation error yet)', () => {
    const { all } = svgOf(renderSvg(errorCurveRuns({ runs: [{ name: 'run 1', train: [] }] })));
    expect(all('g[aria-label="line"]')).toHaveLength(0);
  });

  it('rejects bad input with a PlotInputError naming the argument', () => {
    expect(() => errorCurveRuns({ runs: [] })).toThrow(PlotInputError);
    expect(() => errorCurveRuns({ runs: [] })).toThrow(
      "errorCurveRuns: argument 'runs' must be a non-empty array of { name, train, validation? }, received an empty array",
    );
    expect(() => errorCurveRuns({ runs: [{ name: 'a', train: [1, 'x' as unknown as number] }] })).toThrow(
      "argument 'runs[0].train[1]' must be a number",
    );
    expect(() => errorCurveRuns({ runs, dimmed: 2 })).toThrow(
      "argument 'dimmed' must be a finite number in [0, 1], received number 2",
    );
  });
});
