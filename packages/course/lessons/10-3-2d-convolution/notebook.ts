/**
 * UDL Notebook 10.3: 2D Convolution (`udlbook/10_3_2D_Convolution.md`), which is cell for cell
 * CM20315 Convolution I (`seeds/udl-cm20315-convolution_i.md`: the same seeds, sizes, TODOs and
 * prints), the notebook translated to library calls: 2-D convolution as explicit loops (UDL
 * 10.3) — one image and one channel, then a stride, then several input and output channels, then
 * a batch — each checked against PyTorch's `conv2d`. `conv_pytorch` is `@gradkit/conv`'s
 * `conv2d` (PyTorch's semantics, its tests compare it with PyTorch 1.13); the TODO loops
 * `conv_numpy_1` … `conv_numpy_4` are `convNumpy1` … `convNumpy4` of `@gradkit/conv`, the
 * notebook's loops written out. The notebook fills a
 * float32 `out` array, so its results are float32 (computed here in float64 and stored as
 * float32: they agree with numpy's per-step float32 sums to float32 rounding, and print the same).
 * Arrays print as numpy does under `np.set_printoptions(precision=3, floatmode="fixed")`.
 */
import { conv2d, convNumpy1, convNumpy2, convNumpy3, convNumpy4 } from '@gradkit/conv';
import { astype, RandomState, type Tensor } from '@gradkit/core';
import type { Notebook } from '../../src/notebook.js';
import { numpyStr } from '../../src/numpy-print.js';

/** `np.random.normal(size=shape)` for the image, then for the weights (the notebook's cells). */
function draws(imageShape: number[], weightShape: number[]): { input_image: Tensor; conv_weights: Tensor } {
  const rng = new RandomState(1); // np.random.seed(1)
  const input_image = rng.normal(0, 1, imageShape) as Tensor;
  const conv_weights = rng.normal(0, 1, weightShape) as Tensor;
  return { input_image, conv_weights };
}

/** Runs the notebook's four experiments: PyTorch's result, then the loops', printed as numpy prints them. */
export function run(nb: Notebook): void {
  const show = (name: 'conv_results_pytorch' | 'conv_results_numpy', value: Tensor) => {
    nb.show(name, value);
    nb.print(numpyStr(value, { precision: 3, floatmode: 'fixed' })); // np.set_printoptions(precision=3, floatmode="fixed")
  };
  /** One of the notebook's four experiments: sizes, draws, PyTorch, then the loops. */
  const experiment = (
    sizes: {
      n_batch: number;
      image_height: number;
      image_width: number;
      channels_in: number;
      kernel_size: number;
      channels_out: number;
    },
    stride: number,
    loops: (image: Tensor, weights: Tensor) => Tensor,
  ) => {
    nb.setAll(sizes);
    const { n_batch, image_height, image_width, channels_in, kernel_size, channels_out } = sizes;
    const { input_image, conv_weights } = draws(
      [n_batch, channels_in, image_height, image_width],
      [channels_out, channels_in, kernel_size, kernel_size],
    );
    nb.setAll({ input_image, conv_weights });
    nb.print('PyTorch Results');
    show('conv_results_pytorch', conv2d(input_image, conv_weights, { stride, padding: 1 }));
    nb.print('Your results');
    show('conv_results_numpy', astype(loops(input_image, conv_weights), 'float32'));
  };
  const one = {
    n_batch: 1,
    image_height: 4,
    image_width: 6,
    channels_in: 1,
    kernel_size: 3,
    channels_out: 1,
  };
  // conv_numpy_1: one image, one channel in and out, stride 1, pad 1
  experiment(one, 1, (image, weights) => convNumpy1(image, weights));
  // conv_numpy_2: a stride of 2 on a 12 x 10 image
  const stride = 2;
  nb.set('stride', stride);
  experiment({ ...one, image_height: 12, image_width: 10 }, stride, (image, weights) =>
    convNumpy2(image, weights, stride, 1),
  );
  // conv_numpy_3: five input channels, two output channels
  experiment({ ...one, channels_in: 5, channels_out: 2 }, 1, (image, weights) =>
    convNumpy3(image, weights, 1, 1),
  );
  // conv_numpy_4: a batch of two images
  experiment({ ...one, n_batch: 2, channels_in: 5, channels_out: 2 }, 1, (image, weights) =>
    convNumpy4(image, weights, 1, 1),
  );
}
