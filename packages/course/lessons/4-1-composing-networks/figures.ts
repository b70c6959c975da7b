/**
 * Notebook 4.1's figures, as its `plot_neural_two_components` draws them: the two shallow networks,
 * then the composition (network 2 fed with the output of network 1) on its own.
 */
import { arange } from '@gradkit/core';
import { DEEP_NOTEBOOK_NETWORKS, shallowNetwork } from '@gradkit/nn';
import { type Figure, functionPlot } from '@gradkit/plot';

const list = (t: { toList(): unknown }) => t.toList() as number[];

export const figures: Record<string, () => Figure> = {
  'deep-compose': () => {
    const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;
    const x = arange(-1, 1.001, 0.01);
    return functionPlot({
      x: list(x),
      series: [
        { name: 'network 1', y: list(shallowNetwork(x, n1)) },
        { name: 'network 2', y: list(shallowNetwork(x, n2)) },
      ],
      xLabel: 'input x',
      yLabel: 'output',
      title: 'Two shallow networks',
    });
  },
  'deep-compose-result': () => {
    const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;
    const x = arange(-1, 1.001, 0.01);
    return functionPlot({
      x: list(x),
      series: [{ name: '2 after 1', y: list(shallowNetwork(shallowNetwork(x, n1), n2)) }],
      xLabel: 'input x of network 1',
      yLabel: 'output of network 2',
      title: 'Network 2 fed with the output of network 1',
    });
  },
};
