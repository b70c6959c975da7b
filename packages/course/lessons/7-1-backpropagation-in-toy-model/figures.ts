/**
 * Notebook 7.1's figure: the loss as ω0 varies around the notebook's value, with the tangent whose
 * slope is ∂ℓ/∂ω0 from the backward pass (5.246) — the derivative is the local slope.
 */
import { type Figure, functionPlot } from '@gradkit/plot';
import { backwardPass, forwardPass, loss, PARAMS, parameterDerivatives, X, Y } from './notebook.js';

export const figures: Record<string, () => Figure> = {
  'toy-model-derivatives': () => {
    const w0 = PARAMS.omega0;
    const fwd = forwardPass(X, Y, PARAMS);
    const slope = parameterDerivatives(X, fwd, backwardPass(Y, PARAMS, fwd)).dldomega0;
    const omega = Array.from({ length: 201 }, (_, i) => w0 - 0.1 + (0.3 * i) / 200);
    const l0 = fwd.l_i;
    return functionPlot({
      x: omega,
      series: [
        { name: 'loss ℓ', y: omega.map((w) => loss(X, Y, { ...PARAMS, omega0: w })) },
        { name: 'tangent', y: omega.map((w) => l0 + slope * (w - w0)) },
      ],
      points: [{ x: w0, y: l0, label: 'ω0 = 0.1' }],
      xLabel: 'ω0',
      yLabel: 'ℓ',
      yDomain: [-0.5, 1.5],
      title: `The loss near ω0 = 0.1 and its tangent, slope ∂ℓ/∂ω0 = ${slope.toFixed(3)}`,
    });
  },
};
