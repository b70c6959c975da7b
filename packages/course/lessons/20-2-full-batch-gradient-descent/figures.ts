/**
 * Notebook 20.2's plot (book figure 20.2): the training error per epoch of the four networks
 * (1–4 hidden layers), from a run of the lesson's code recorded in `recorded-run.ts` (the
 * notebook's 200 000 / 500 000 epochs take hours on a CPU; the recorded run's scale is in its file).
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import type { Depth } from './notebook.js';
import { RECORDED_RUN } from './recorded-run.js';

const STYLE: Record<Depth, { name: string; color: string }> = {
  1: { name: 'one layer', color: '#d62728' },
  2: { name: 'two layers', color: '#2ca02c' },
  3: { name: 'three layers', color: '#1f77b4' },
  4: { name: 'four layers', color: '#d627b8' },
};

export const figures: Record<string, () => Figure> = {
  'full-batch-gd-errors': () => {
    const { every, runs } = RECORDED_RUN;
    const longest = Math.max(...runs.map((r) => r.nEpoch));
    const epochsOf = (r: (typeof runs)[number]) => r.errors.map((_, i) => Math.min(i * every, r.nEpoch - 1));
    const one = runs.find((r) => r.layers === 1) ?? runs[0]!;
    // one x grid (the longest run's); shorter runs end with their last recorded value
    const x = epochsOf(one);
    return functionPlotWithLegend({
      x,
      series: ([1, 2, 3, 4] as const).flatMap((d) => {
        const r = runs.find((q) => q.layers === d);
        if (!r) return [];
        return [{ ...STYLE[d], y: x.map((_, i) => (i < r.errors.length ? r.errors[i]! : Number.NaN)) }];
      }),
      xLabel: 'Epoch',
      yLabel: 'Percent error',
      xDomain: [0, longest],
      yDomain: [0, 100],
      legend: 'bottom-left',
    });
  },
};
