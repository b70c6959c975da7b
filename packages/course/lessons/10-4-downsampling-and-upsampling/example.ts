import { existsSync } from 'node:fs';
import {
  avgPool2d,
  convTranspose2d,
  interpolate,
  maxPool2d,
  maxPool2dWithIndices,
  maxUnpool2d,
} from '@gradkit/conv';
import { astype, type Tensor, tensor } from '@gradkit/core';
import { loadImage } from '@gradkit/datasets/node';

// UDL notebook 10.4's operations with the library's ops, on its 4 × 4 patch as [N, C, H, W]
const x = tensor([
  [
    [
      [1, 3, 5, 3],
      [6, 2, 0, 8],
      [4, 6, 1, 4],
      [2, 8, 0, 3],
    ],
  ],
]);
const show = (name: string, t: Tensor) =>
  console.log(name, JSON.stringify(t.reshape([t.shape[2]!, t.shape[3]!]).toArray()));

show('downsample', x.index(':', ':', '::2', '::2')); // [[1,5],[4,1]]
show('maxpool   ', maxPool2d(x, 2)); // [[6,8],[8,4]]
show('meanpool  ', avgPool2d(x, 2)); // [[3,4],[5,2]]

// maxpool(orig_4_4) is the notebook's orig_2_2; pooling with indices remembers where each maximum was
const { y, indices } = maxPool2dWithIndices(x, 2);
show('duplicate ', interpolate(y, { scaleFactor: 2 })); // nearest neighbour
show('max_unpool', maxUnpool2d(y, indices, 2)); // [[0,0,0,0],[6,0,0,8],[0,0,0,4],[0,8,0,0]]

// The notebook's bilinear (zero past the edge) is a transposed convolution with the tent kernel ...
const tent = tensor([
  [
    [
      [0.25, 0.5, 0.25],
      [0.5, 1, 0.5],
      [0.25, 0.5, 0.25],
    ],
  ],
]);
show('bilinear  ', convTranspose2d(y, tent, { stride: 2, padding: 1, outputPadding: 1 })); // [[6,7,8,4],[7,6.5,6,3],...]
// ... while PyTorch's bilinear interpolate samples between pixel centres and clamps at the edges
show('interpolate bilinear', interpolate(y, { scaleFactor: 2, mode: 'bilinear' })); // [[6,6.5,7.5,8],...]

// The notebook's image, where it is on disk: three max poolings take 279 × 300 to 34 × 37
const path = '../shared/udlbook/assets/test_image.png';
if (existsSync(path)) {
  let image = astype(loadImage(path), 'float64').reshape([1, 1, 279, 300]);
  for (let i = 0; i < 3; i++) image = maxPool2d(image, 2);
  console.log('test_image.png after three max poolings:', image.shape); // [1, 1, 34, 37]
}
