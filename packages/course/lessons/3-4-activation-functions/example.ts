import { sigmoid, tanh, tensor } from '@gradkit/core';
import {
  elu,
  gelu,
  hardtanh,
  heaviside,
  leakyRelu,
  prelu,
  relu,
  selu,
  silu,
  softplus,
  swish,
} from '@gradkit/nn';

const z = tensor([-1, -0.1, 0, 0.1, 1]);
const show = (name: string, t: ReturnType<typeof relu>) =>
  console.log(name.padEnd(15), (t.toArray() as number[]).map((v) => v.toFixed(4).padStart(7)).join(' '));

// Notebook 3.4's activations: a steep sigmoid (factor 10) and the Heaviside step (1 at z = 0).
show('sigmoid(10 z)', sigmoid(z.mul(10)));
show('heaviside', heaviside(z, 1));

// The rest of the book's figure 3.13, with PyTorch's names and defaults.
show('relu', relu(z));
show('leakyRelu 0.1', leakyRelu(z, 0.1));
show('prelu 0.25', prelu(z, 0.25));
show('softplus', softplus(z));
show('gelu', gelu(z));
show('silu', silu(z));
show('swish 1.4', swish(z, 1.4));
show('elu', elu(z));
show('selu', selu(z));
show('tanh', tanh(z));
show('hardtanh', hardtanh(z));
