import { conv1d, conv2d } from '@gradkit/conv';
import { RandomState, tensor } from '@gradkit/core';

// 1-D: a kernel of size 3 (UDL eq. 10.3) with zero padding, then stride 2 and dilation 2.
const x = tensor([[[5.2, 5.3, 5.4, 5.1, 10.1, 10.3, 9.9, 10.3, 3.2, 3.4, 3.3, 3.1]]]); // [N, C, L]
const w = tensor([[[-0.5, 0, 0.5]]]); // [C_out, C_in, k]
console.log('same:      ', conv1d(x, w, { padding: 1 }).toArray());
console.log('stride 2:  ', conv1d(x, w, { padding: 1, stride: 2 }).toArray());
console.log('dilation 2:', conv1d(x, w, { dilation: 2 }).toArray());

// 2-D: a batch of 2 images with 3 channels, 4 output channels, kernel 3, stride 2.
const rng = new RandomState(0);
const out = conv2d(rng.normal(0, 1, [2, 3, 8, 8]), rng.normal(0, 1, [4, 3, 3, 3]), { stride: 2, padding: 1 });
console.log('output shape [N, C, H, W]:', out.shape);
