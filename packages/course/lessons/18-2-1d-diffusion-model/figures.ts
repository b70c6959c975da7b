/**
 * Notebook 18.2's figures: the true distribution (a mixture of four Gaussians), the histogram of
 * 100,000 samples drawn by the trained diffusion model against it, and five sampling paths from
 * z_100 to x (UDL figure 18.7; the notebook draws them bottom to top, here left to right), the
 * last two from the run of the lesson's code recorded in ./recorded-run.ts (./record-run.ts).
 */
import { type Figure, functionPlot } from '@gradkit/plot';
import { SETTINGS, TrueDataDistribution, truePdf } from './notebook.js';
import { RECORDED_RUN as r } from './recorded-run.js';

const COLORS = ['#d62728', '#2ca02c', '#1f77b4', '#17becf', '#e377c2'];

export const figures: Record<string, () => Figure> = {
  'diffusion-1d-true-distribution': () => {
    const { xVals, prXTrue } = truePdf();
    return functionPlot({
      x: xVals,
      series: [{ name: 'Pr(x)', y: prXTrue, color: '#d62728' }],
      xLabel: 'x',
      yLabel: 'Pr(x)',
      xDomain: [-3, 3],
      yDomain: [0, 1],
      title: 'The true distribution: a mixture of four Gaussians',
    });
  },
  'diffusion-1d-samples': () => {
    const { bins, density } = r;
    // the histogram as a staircase over the bins, and the true density at the same points
    const x: number[] = [];
    const h: number[] = [];
    density.forEach((d, k) => {
      x.push(bins[k]!, bins[k + 1]!);
      h.push(d, d);
    });
    const dist = new TrueDataDistribution();
    return functionPlot({
      x,
      series: [
        { name: 'samples (density)', y: h, color: '#1f77b4' },
        { name: 'true Pr(x)', y: x.map((v) => dist.pdf(v)), color: '#d62728' },
      ],
      xLabel: 'x',
      yLabel: 'density',
      xDomain: [-3, 3],
      yDomain: [0, 0.8],
      title: `Histogram of ${r.nSamples.toLocaleString('en-US')} samples from the diffusion model`,
    });
  },
  'diffusion-1d-paths': () => {
    const t = Array.from({ length: SETTINGS.T + 1 }, (_, i) => i);
    return functionPlot({
      x: t,
      series: COLORS.map((color, j) => ({
        name: `sample ${j + 1}`,
        y: r.paths.map((row) => row[j]!),
        color,
      })),
      xLabel: 'step t (z₁₀₀ on the left, x = z₀ on the right)',
      yLabel: 'z_t',
      xDomain: [SETTINGS.T, 0],
      yDomain: [-3, 3],
      title: 'Five sampling paths from noise to data',
    });
  },
};
