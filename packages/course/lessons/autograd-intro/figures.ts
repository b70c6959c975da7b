/** The autograd introduction's figure: f(x) = x² and its derivative returned by `grad`. */
import { arange, grad, type Tensor } from '@gradkit/core';
import { type Figure, functionPlot } from '@gradkit/plot';

export const figures: Record<string, () => Figure> = {
  'autograd-derivative': () => {
    // f(x) = x² evaluated elementwise; grad of sum(f(x)) is f'(x) at every x (the notebook's g = grad(f)).
    const x = arange(-5, 5.01, 0.1);
    const f = (t: Tensor) => t.mul(t);
    const g = grad((t: Tensor) => f(t).sum())(x) as Tensor;
    return functionPlot({
      x: x.toList() as number[],
      series: [
        { name: 'f(x) = x²', y: f(x).toList() as number[] },
        { name: "f'(x) from grad(f)", y: g.toList() as number[] },
      ],
      xLabel: 'x',
      yLabel: 'value',
      title: 'A function and its derivative by autograd',
    });
  },
};
