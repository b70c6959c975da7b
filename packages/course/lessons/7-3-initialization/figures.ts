/**
 * Notebook 7.3 (Gradients III) figures: the notebook's TODO network, K = 50 ReLU layers of D = 80
 * units with zero biases, for three weight variances: the notebook's σ²_Ω = 1 (exploding), He's
 * 2/D (steady, UDL eq. 7.32) and 0.01 (vanishing). Forward: the std of h_1..h_50 over 200 inputs
 * (the notebook uses 1000); backward: the std of ∂ℓ/∂f_k over 25 inputs (the notebook uses 100),
 * fewer so that the page draws them in about a second; computed by the lesson's notebook code.
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { forwardStd, gradientStd } from './notebook.js';

const K = 50;
const D = 80;
const VARIANCES: [number, string][] = [
  [1, 'σ²Ω = 1 (the notebook)'],
  [2 / D, 'σ²Ω = 2/D (He)'],
  [0.01, 'σ²Ω = 0.01'],
];

export const figures: Record<string, () => Figure> = {
  'gradients-iii-variance': () =>
    functionPlotWithLegend({
      x: Array.from({ length: K }, (_, i) => i + 1),
      series: VARIANCES.map(([s2, name]) => ({
        name,
        y: forwardStd(K, D, s2, 200).map((v) => Math.log10(v)),
      })),
      xLabel: 'layer k',
      yLabel: 'log10 std of h_k',
      title: 'Forward pass: exploding and vanishing activations',
      legend: 'top-left',
    }),
  'initialization-gradients': () =>
    functionPlotWithLegend({
      x: Array.from({ length: K - 1 }, (_, i) => i + 1),
      series: VARIANCES.map(([s2, name]) => ({
        name,
        y: gradientStd(K, D, s2, 25).map((v) => Math.log10(v)),
      })),
      xLabel: 'layer k',
      yLabel: 'log10 std of ∂ℓ/∂f_k',
      title: 'Backward pass: exploding and vanishing gradients',
      legend: 'top-right',
    }),
};
