/**
 * Gradients I's figure: forward and central finite differences of ∂y/∂ω0 against the autograd
 * derivative as the step δ shrinks (truncation error against cancellation).
 */
import { arange } from '@gradkit/core';
import { type Figure, functionPlot } from '@gradkit/plot';
import { autogradDerivatives, fnParams, PARAMS, X } from './notebook.js';

export const figures: Record<string, () => Figure> = {
  'gradients-i-fd': () => {
    // ∂y/∂ω0 at the notebook's values: autograd against forward and central finite differences
    // for steps δ = 10^-12 … 10^-1 (log10 of the absolute error).
    const exact = autogradDerivatives(X, PARAMS).dydomega0;
    const logDelta = arange(-12, -0.99, 0.25).toList() as number[];
    const w0 = PARAMS.omega0;
    const at = (omega0: number) => fnParams(X, { ...PARAMS, omega0 });
    const fwd = logDelta.map((e) =>
      Math.log10(Math.abs((at(w0 + 10 ** e) - at(w0)) / 10 ** e - exact) + 1e-17),
    );
    const ctr = logDelta.map((e) =>
      Math.log10(Math.abs((at(w0 + 10 ** e) - at(w0 - 10 ** e)) / (2 * 10 ** e) - exact) + 1e-17),
    );
    return functionPlot({
      x: logDelta,
      series: [
        { name: 'forward difference', y: fwd },
        { name: 'central difference', y: ctr },
      ],
      xLabel: 'log10 step δ',
      yLabel: 'log10 |error| against autograd',
      title: `Finite differences of ∂y/∂ω0 = ${exact.toFixed(4)}`,
    });
  },
};
