/**
 * Gradients III's figure: the variance of the hidden units layer by layer in a deep ReLU network
 * for three weight variances, exploding (σ² = 1), steady (He, 2/D) and vanishing (0.5/D).
 */
import { RandomState, type Tensor } from '@gradkit/core';
import { relu } from '@gradkit/nn';
import { type Figure, functionPlot } from '@gradkit/plot';

export const figures: Record<string, () => Figure> = {
  'gradients-iii-variance': () => {
    // Forward pass of a deep ReLU network with N(0, σ²) weights: variance of the hidden units per layer.
    const K = 20;
    const D = 50;
    const n = 200;
    const series = [1.0, 2 / D, 0.5 / D].map((s2, k) => {
      const rng = new RandomState(k);
      let h: Tensor = rng.normal(0, 1, [D, n]);
      const v: number[] = [];
      for (let layer = 0; layer < K; layer++) {
        const W = rng.normal(0, Math.sqrt(s2), [D, D]);
        h = relu(W.matmul(h));
        v.push(Math.log10(h.var().item() + 1e-300));
      }
      return { name: `σ²Ω = ${s2 === 1 ? '1' : `${s2 * D}/D`}`, y: v };
    });
    return functionPlot({
      x: Array.from({ length: K }, (_, i) => i + 1),
      series,
      xLabel: 'layer',
      yLabel: 'log10 variance of hidden units',
      title: 'Exploding and vanishing activations',
    });
  },
};
