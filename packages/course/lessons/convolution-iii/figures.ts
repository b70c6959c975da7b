/**
 * Convolution III's figure: the first layer of the network on a 28×28 stroke image (a drawn "7";
 * MNIST itself is not downloaded here): a 5×5 vertical-edge kernel, valid padding (28 → 24), ReLU,
 * then 2×2 max pooling (24 → 12).
 */
import { conv2d, maxPool2d } from '@gradkit/conv';
import { tensor } from '@gradkit/core';
import { relu } from '@gradkit/nn';
import { convolutionPlot, type Figure } from '@gradkit/plot';

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Figure> = {
  'convolution-iii-digit': () => {
    const H = 28;
    const img = new Array<number>(H * H).fill(0);
    const ink = (r: number, c: number) => {
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = Math.round(r) + dr;
          const cc = Math.round(c) + dc;
          if (rr >= 0 && rr < H && cc >= 0 && cc < H) img[rr * H + cc] = 1;
        }
    };
    for (let c = 6; c <= 21; c++) ink(6, c); // the top bar
    for (let k = 0; k <= 40; k++) ink(6 + (k * 16) / 40, 21 - (k * 9) / 40); // the diagonal stroke
    const kernel = Array.from({ length: 25 }, (_, i) => [-1, -0.5, 0, 0.5, 1][i % 5] as number);
    const out = conv2d(tensor(img).reshape([1, 1, H, H]), tensor(kernel).reshape([1, 1, 5, 5]));
    const pooled = maxPool2d(relu(out), 2);
    return convolutionPlot({
      input: { data: img, height: H, width: H },
      kernel: { data: kernel, height: 5, width: 5 },
      output: { data: Array.from(pooled.data as ArrayLike<number>), height: 12, width: 12 },
      title: 'conv 5×5 (valid) → ReLU → 2×2 max pool',
    });
  },
};
