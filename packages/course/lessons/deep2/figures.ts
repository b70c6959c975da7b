/** Deep networks II's figure: the composed networks, once composed and once in matrix form. */
import { arange } from '@gradkit/core';
import {
  compose,
  composeShallowToMatrix,
  DEEP_NOTEBOOK_NETWORKS,
  deepNetwork,
  shallowNetwork,
} from '@gradkit/nn';
import { type Figure, functionPlot } from '@gradkit/plot';

export const figures: Record<string, () => Figure> = {
  'deep2-matrix': () => {
    // The composition of the Deep notebook's two networks, once as compose(n1, n2) and once in
    // the matrix form of a network with two hidden layers (UDL eq. 4.15): the curves coincide.
    const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;
    const x = arange(-1, 1.001, 0.01);
    const composed = compose(
      (v) => shallowNetwork(v, n1),
      (v) => shallowNetwork(v, n2),
    )(x);
    const m = composeShallowToMatrix(n1, n2);
    const matrix = deepNetwork(x.reshape([1, -1]), m.betas, m.omegas).output;
    return functionPlot({
      x: x.toList() as number[],
      series: [
        { name: 'compose(network 1, network 2)', y: composed.toList() as number[] },
        {
          name: 'matrix form, two hidden layers (offset by 0.05)',
          y: (matrix.reshape([-1]).toList() as number[]).map((v) => v + 0.05),
        },
      ],
      xLabel: 'input x',
      yLabel: 'output y',
      title: 'Two composed shallow networks = one deep network',
    });
  },
};
