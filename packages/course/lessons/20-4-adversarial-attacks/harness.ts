/**
 * The function argument of the 20.4 `iterative-attack` exercise, rebuilt by the grader inside its
 * sandbox from the library alone (no lesson code, no answers): the gradient of the loss with
 * respect to the input image for a fixed network.
 */
import { mnistConvNet } from '@gradkit/conv';
import { RandomState, tensor } from '@gradkit/core';
import { nllLoss } from '@gradkit/losses';

/**
 * `lossGradient(x, y)` = ∂L/∂x for the notebook's MNIST network (`mnistConvNet`, float64, weights
 * from `RandomState(seed)`, eval mode so Dropout2d is the identity) and
 * L = `F.nll_loss(model(x), y)`: what the notebook's cell computes with `x.requires_grad = True`,
 * `loss.backward()`, `x.grad`. `x` `[N, 1, 28, 28]`, `y` `[N]` class labels.
 */
export function convNetGradient(seed: number): (x: number[][][][], y: number[]) => number[][][][] {
  const model = mnistConvNet({ rng: new RandomState(seed), dtype: 'float64' }).eval();
  return (x, y) => {
    const xt = tensor(x, { dtype: 'float64' }).requiresGrad_();
    nllLoss(model.call(xt), tensor(y, { dtype: 'int32' })).backward();
    for (const p of model.parameters()) p.grad = null;
    return xt.grad!.toArray() as number[][][][];
  };
}
