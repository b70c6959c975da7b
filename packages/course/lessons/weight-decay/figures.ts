/**
 * Weight decay's figure (also shown by Coursework III): exercise 1's trade-off in closed form, the
 * training and validation loss of the ridge solution as λ grows.
 */
import {
  add,
  arange,
  eye,
  full,
  matmul,
  mean,
  mul,
  RandomState,
  solve,
  sub,
  type Tensor,
  transpose,
} from '@gradkit/core';
import { mseLoss } from '@gradkit/losses';
import { type Figure, functionPlot } from '@gradkit/plot';

export const figures: Record<string, () => Figure> = {
  'weight-decay-lambda': () => {
    // D2L 3.7's high-dimensional linear regression (d = 200, 20 training and 100 validation
    // examples, y = 0.05 + Σ 0.01 x_i + ε, ε ~ N(0, 0.01²), from RandomState(3)); for each λ the
    // ridge solution, then the training and validation losses (mean squared error / 2).
    const d = 200;
    const nTrain = 20;
    const rng = new RandomState(3);
    const make = (n: number) => {
      const X = rng.normal(0, 1, [n, d]);
      const y = add(add(matmul(X, full([d], 0.01)), 0.05), rng.normal(0, 0.01, [n]));
      return { X, y };
    };
    const train = make(nTrain);
    const val = make(100);
    const meanY = mean(train.y).item();
    const loss = (set: { X: Tensor; y: Tensor }, w: Tensor) =>
      mseLoss(add(matmul(set.X, w), meanY), set.y).item() / 2;
    const logLam = arange(-4, 1.01, 0.25).toList() as number[];
    const trainLoss: number[] = [];
    const valLoss: number[] = [];
    const gram = matmul(train.X, transpose(train.X));
    for (const e of logLam) {
      // w = Xᵀ (X Xᵀ + nλ I)⁻¹ (y − ȳ), the minimiser of (1/2n)‖Xw + b − y‖² + (λ/2)‖w‖² (b ≈ ȳ)
      const alpha = solve(add(gram, mul(eye(nTrain), nTrain * 10 ** e)), sub(train.y, meanY));
      const w = matmul(transpose(train.X), alpha);
      trainLoss.push(Math.log10(loss(train, w)));
      valLoss.push(Math.log10(loss(val, w)));
    }
    return functionPlot({
      x: logLam,
      series: [
        { name: 'training loss', y: trainLoss },
        { name: 'validation loss', y: valLoss },
      ],
      xLabel: 'log10 λ',
      yLabel: 'log10 loss',
      title: 'Weight decay: 200 weights, 20 training examples',
    });
  },
};
