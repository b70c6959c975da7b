/** Notebook 3.4's figures: the sigmoid and the Heaviside step, and the network with each activation. */
import { arange, type Tensor } from '@gradkit/core';
import { type ActivationFn, shallowNetworkParts } from '@gradkit/nn';
import { type Figure, functionPlot, shallowNetworkGrid } from '@gradkit/plot';
import { heaviside, lin, SMOOTH_PARAMS, sigmoid } from './notebook.js';

const list = (t: Tensor) => t.toList() as number[];

function activationPlot(f: ActivationFn, name: string, yDomain: [number, number]): Figure {
  const z = arange(-1, 1, 0.01);
  return functionPlot({
    x: list(z),
    series: [{ name, y: list(f(z)), color: '#d62728' }],
    xLabel: 'z',
    yLabel: name,
    xDomain: [-1, 1],
    yDomain,
  });
}

function grid(f: ActivationFn): Figure {
  const x = arange(0, 1, 0.01);
  const r = shallowNetworkParts(x, SMOOTH_PARAMS, f);
  return shallowNetworkGrid({
    x: list(x),
    preActivations: [r.pre1, r.pre2, r.pre3].map(list),
    activations: [r.act1, r.act2, r.act3].map(list),
    weighted: [r.wAct1, r.wAct2, r.wAct3].map(list),
    yDomain: [-1, 1],
  });
}

export const figures: Record<string, () => Figure> = {
  'activations-sigmoid': () => activationPlot(sigmoid, 'sig[z]', [0, 1]),
  'activations-heaviside': () => activationPlot(heaviside, 'heaviside[z]', [-2, 2]),
  'activations-sigmoid-grid': () => grid(sigmoid),
  'activations-heaviside-grid': () => grid(heaviside),
  'activations-linear-grid': () => grid(lin(0, 1)),
  'activations-outputs': () => {
    const x = arange(0, 1, 0.01);
    const y = (f: ActivationFn) => list(shallowNetworkParts(x, SMOOTH_PARAMS, f).y);
    return functionPlot({
      x: list(x),
      series: [
        { name: 'sigmoid', y: y(sigmoid) },
        { name: 'Heaviside', y: y(heaviside) },
        { name: 'linear', y: y(lin(0, 1)) },
      ],
      xLabel: 'Input, x',
      yLabel: 'Output, y',
      xDomain: [0, 1],
      yDomain: [-1, 1],
    });
  },
};
