/** Coursework I's figure: the activation functions a student may swap into the coursework MLP, from `@gradkit/nn`. */
import { arange, sigmoid, tanh } from '@gradkit/core';
import { gelu, leakyRelu, relu, softplus } from '@gradkit/nn';
import { type Figure, functionPlot } from '@gradkit/plot';

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Figure> = {
  'coursework-i-activations': () => {
    const t = arange(-4, 4.001, 0.05);
    const y = (a: typeof t) => a.toList() as number[];
    return functionPlot({
      x: y(t),
      series: [
        { name: 'ReLU', y: y(relu(t)) },
        { name: 'leaky ReLU (0.1)', y: y(leakyRelu(t, 0.1)) },
        { name: 'GELU', y: y(gelu(t)) },
        { name: 'softplus', y: y(softplus(t)) },
        { name: 'tanh', y: y(tanh(t)) },
        { name: 'sigmoid', y: y(sigmoid(t)) },
      ],
      xLabel: 'pre-activation z',
      yLabel: 'a[z]',
      yDomain: [-1.5, 4],
      title: 'Activation functions',
    });
  },
};
