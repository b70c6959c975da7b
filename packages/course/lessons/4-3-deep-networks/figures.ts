/**
 * Notebook 4.3's figure: its two `plot_neural` curves in matrix form, the first network (one
 * hidden layer) and the two networks composed as one network with two hidden layers.
 */
import { arange } from '@gradkit/core';
import { composeShallowToMatrix, DEEP_NOTEBOOK_NETWORKS, deepNetwork, shallowToMatrix } from '@gradkit/nn';
import { type Figure, functionPlot } from '@gradkit/plot';

export const figures: Record<string, () => Figure> = {
  'deep-networks-matrix-form': () => {
    const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;
    const x = arange(-1, 1, 0.01);
    const row = x.reshape([1, -1]);
    const curve = (m: { betas: unknown[]; omegas: unknown[] }) =>
      deepNetwork(row, m.betas as never, m.omegas as never)
        .output.reshape([-1])
        .toList() as number[];
    return functionPlot({
      x: x.toList() as number[],
      series: [
        { name: 'network 1', y: curve(shallowToMatrix(n1)) },
        { name: '1 then 2', y: curve(composeShallowToMatrix(n1, n2)) },
      ],
      xLabel: 'Input, x',
      yLabel: 'Output, y',
      title: 'Networks in matrix form (UDL eq. 4.15)',
    });
  },
};
