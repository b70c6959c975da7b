import { conv1d } from '@gradkit/conv';
import { type Tensor, tensor } from '@gradkit/core';

// Notebook 10.1's signal through zero-padded 1-D convolutions ([N, C, L] signals, [C_out, C_in, K] kernels).
const x = tensor([[[5.2, 5.3, 5.4, 5.1, 10.1, 10.3, 9.9, 10.3, 3.2, 3.4, 3.3, 3.1]]]);
const show = (t: Tensor) => Array.from(t.data as Float64Array, (v) => v.toFixed(3)).join(' ');
const smooth = tensor([[[0.33, 0.33, 0.33]]]);
console.log('kernel 3:       ', show(conv1d(x, smooth, { padding: 1 })));
console.log('stride 2:       ', show(conv1d(x, smooth, { padding: 1, stride: 2 })));
console.log('dilation 2:     ', show(conv1d(x, smooth, { padding: 2, dilation: 2 })));
const box5 = tensor([[[0.2, 0.2, 0.2, 0.2, 0.2]]]);
console.log('kernel 5:       ', show(conv1d(x, box5, { padding: 'same' })));
console.log('derivative-like:', show(conv1d(x, tensor([[[-0.5, 0, 0.5]]]), { padding: 1 })));
