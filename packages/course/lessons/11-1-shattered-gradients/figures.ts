/**
 * Notebook 11.1's figures: dy/dx of the networks with 1, 24 and 50 hidden layers of 200 units on
 * the notebook's 256 inputs in [−2, 2) (its `plot_derivatives`; the derivative shrinks by orders of
 * magnitude with depth, so each plot states its scale in the axis label), and the normalized
 * autocorrelation of the three derivatives against distance (its `plot_autocorr`, the three
 * curves on one plot with a legend). Computed by the lesson's notebook code.
 */
import { type Figure, functionPlot, functionPlotWithLegend } from '@gradkit/plot';
import { autocorrelation, derivatives } from './notebook.js';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

function derivativePlot(K: number): Figure {
  const { xIn, dydx } = derivatives(K);
  const d = Array.from(dydx.data);
  const max = d.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  // a power of ten that brings the values to about 1, written in the label (ticks stay short)
  const e = Math.floor(Math.log10(max));
  const scale = e <= -3 ? 10 ** -e : 1;
  const unit = scale === 1 ? '' : ` (× 10${[...String(e)].map((c) => SUPERSCRIPT[c]).join('')})`;
  return functionPlot({
    x: Array.from(xIn.data),
    series: [{ name: 'dy/dx', y: d.map((v) => v * scale) }],
    xLabel: 'Input, x',
    yLabel: `Gradient, dy/dx${unit}`,
    xDomain: [-2, 2],
    title: `No layers = ${K}`,
  });
}

export const figures: Record<string, () => Figure> = {
  'shattered-gradients-derivatives-1': () => derivativePlot(1),
  'shattered-gradients-derivatives-24': () => derivativePlot(24),
  'shattered-gradients-derivatives-50': () => derivativePlot(50),
  'shattered-gradients-autocorrelation': () => {
    const curves = [1, 24, 50].map((K) => ({ K, ...autocorrelation(K) }));
    return functionPlotWithLegend({
      x: Array.from(curves[0]!.x.data),
      series: curves.map((c) => ({ name: `${c.K} layer${c.K > 1 ? 's' : ''}`, y: Array.from(c.y.data) })),
      xLabel: 'Distance',
      yLabel: 'Autocorrelation',
      xDomain: [0, 2],
      legend: 'top-right',
      title: 'Autocorrelation of dy/dx',
    });
  },
};
