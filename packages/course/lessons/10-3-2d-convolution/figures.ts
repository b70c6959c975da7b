/**
 * The 2D convolution lesson's figures (kept from CM20315 Convolution I): a 1-D step signal convolved with the derivative-like kernel
 * [−0.5, 0, 0.5] (UDL eq. 10.3 with zero padding), and a Laplacian kernel on a 12×12 random
 * image without padding (10×10 out).
 */
import { conv1d, conv2d } from '@gradkit/conv';
import { RandomState, type Tensor, tensor } from '@gradkit/core';
import { convolutionPlot, type Figure } from '@gradkit/plot';

const flat = (t: Tensor): number[] => Array.from(t.data as ArrayLike<number>);

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Figure> = {
  'convolution-1d': () => {
    const x = [5.2, 5.3, 5.4, 5.1, 10.1, 10.3, 9.9, 10.3, 3.2, 3.4, 3.3, 3.1];
    const w = [-0.5, 0, 0.5];
    const out = conv1d(tensor([[x]]), tensor([[w]]), { padding: 'same' });
    return convolutionPlot({
      input: x,
      kernel: w,
      output: flat(out),
      title: 'A derivative-like kernel [-0.5, 0, 0.5]',
    });
  },
  'convolution-2d': () => {
    const rng = new RandomState(1);
    const img = rng.normal(0, 1, [1, 1, 12, 12]) as Tensor;
    const k = tensor([
      [
        [
          [0, 1, 0],
          [1, -4, 1],
          [0, 1, 0],
        ],
      ],
    ]);
    const out = conv2d(img, k);
    return convolutionPlot({
      input: { data: flat(img), height: 12, width: 12 },
      kernel: { data: flat(k), height: 3, width: 3 },
      output: { data: flat(out), height: 10, width: 10 },
      title: 'A Laplacian kernel on a random image (valid)',
    });
  },
};
