/**
 * Notebook 7.2 (Gradients II) figure: ∂L/∂ω for the six first-layer weights of the notebook's seeded 5-layer
 * ReLU network (target 0.5), by backpropagation (UDL eqs. 7.22–7.25) and by finite differences.
 */
import { full } from '@gradkit/core';
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import {
  backwardPass,
  computeNetworkOutput,
  finiteDifferenceGradients,
  initParams,
  netInput,
} from './notebook.js';

export const figures: Record<string, () => Figure> = {
  'gradients-ii-check': () => {
    // The notebook's K = 5 layers of width 6 (np.random.seed(0)), input 1.2, least-squares loss
    // against the target 0.5.
    const params = initParams();
    const x = netInput();
    const y = full([1, 1], 0.5);
    const { allF, allH } = computeNetworkOutput(x, params.allWeights, params.allBiases);
    const backprop = backwardPass(
      params.allWeights,
      params.allBiases,
      allF,
      allH,
      y,
    ).allDlDweights[0]!.toList();
    const fd = finiteDifferenceGradients(x, params, y, 1e-6).allDlDweights[0]!.toList();
    // the two agree to ~1e-9: a line for backpropagation, dots on it for the finite differences,
    // named in a legend (end labels at the same point overlapped and ran off the right edge)
    return functionPlotWithLegend({
      x: backprop.map((_, i) => i),
      series: [
        { name: 'backpropagation', y: backprop },
        { name: 'finite differences (δ = 1e-6)', y: fd, color: '#d62728', dots: true },
      ],
      xLabel: 'index of the weight in Ω0',
      yLabel: '∂L/∂ω',
      title: 'Gradient of the loss for each first-layer weight',
      legend: 'top-left',
    });
  },
};
