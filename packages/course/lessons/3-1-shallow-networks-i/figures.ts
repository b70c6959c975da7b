/** Notebook 3.1's figures: the ReLU, the 3×3 grid of figure 3.3 and the network against the training data. */
import { arange } from '@gradkit/core';
import { LOSS_X } from '@gradkit/datasets';
import { relu, shallowNetworkParts } from '@gradkit/nn';
import { type Figure, functionPlot, shallowNetworkGrid } from '@gradkit/plot';
import { SHALLOW_DEFAULTS, Y_TRAIN } from '../shallow/notebook.js';

const list = (t: { toList(): unknown }) => t.toList() as number[];

export const figures: Record<string, () => Figure> = {
  'shallow-i-relu': () => {
    const z = arange(-5, 5, 0.1);
    return functionPlot({
      x: list(z),
      series: [{ name: 'ReLU[z]', y: list(relu(z)), color: '#d62728' }],
      xLabel: 'z',
      yLabel: 'ReLU[z]',
      xDomain: [-5, 5],
      yDomain: [-5, 5],
    });
  },
  'shallow-i-grid': () => {
    const x = arange(0, 1, 0.01);
    const r = shallowNetworkParts(x, SHALLOW_DEFAULTS, relu);
    return shallowNetworkGrid({
      x: list(x),
      preActivations: [r.pre1, r.pre2, r.pre3].map(list),
      activations: [r.act1, r.act2, r.act3].map(list),
      weighted: [r.wAct1, r.wAct2, r.wAct3].map(list),
      yDomain: [-1, 1],
    });
  },
  'shallow-i-fit': () => {
    const x = arange(0, 1, 0.01);
    const y = shallowNetworkParts(x, SHALLOW_DEFAULTS, relu).y;
    return functionPlot({
      x: list(x),
      series: [{ name: 'y = f[x, φ]', y: list(y) }],
      points: LOSS_X.map((xi, i) => ({ x: xi, y: Y_TRAIN[i]! })),
      xLabel: 'Input, x',
      yLabel: 'Output, y',
      xDomain: [0, 1],
      yDomain: [-1, 1],
    });
  },
};
