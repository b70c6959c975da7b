/**
 * Notebook 20.4: Adversarial attacks (UDL chapter 20). The notebook trains notebook 10.5's MNIST
 * network and attacks it with the fast gradient sign method (Goodfellow et al., 2015). Exercises:
 * the TODO `fgsm_attack` (x + ε·sign(∂L/∂x)) and the last TODO, the iterative attack (small FGSM
 * steps with the gradient recomputed before each).
 */

import { add, mul, RandomState, sign, type Tensor, tensor } from '@gradkit/core';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { convNetGradient } from './harness.js';
import questions from './questions.json' with { type: 'json' };

type Image4 = number[][][][];

/** Reference: x + ε·sign(g) (torch.sign: 0 where g is 0). */
function fgsm(x: Image4, epsilon: number, dLdx: Image4): Image4 {
  return add(
    tensor(x, { dtype: 'float64' }),
    mul(sign(tensor(dLdx, { dtype: 'float64' })), epsilon),
  ).toArray() as Image4;
}

/** Reference: nSteps FGSM steps of size ε, the gradient recomputed at the current image before each. */
function iterative(x: Image4, y: number[], epsilon: number, nSteps: number, seed: number): Image4 {
  const grad = convNetGradient(seed);
  let xk = x;
  for (let k = 0; k < nSteps; k++) xk = fgsm(xk, epsilon, grad(xk, y));
  return xk;
}

/** `n` normalised 28×28 "digits": pixel values in [0, 1] (a bright stroke on black), `(p − 0.1307) / 0.3081`. */
function digits(rng: RandomState, n: number): Image4 {
  const out: Image4 = [];
  for (let i = 0; i < n; i++) {
    const r0 = 4 + rng.randint(0, 8);
    const c0 = 4 + rng.randint(0, 8);
    const img: number[][] = [];
    for (let r = 0; r < 28; r++) {
      const row: number[] = [];
      for (let c = 0; c < 28; c++) {
        const on =
          (r >= r0 && r < r0 + 14 && Math.abs(c - c0 - (r - r0) / 2) < 2) ||
          (r === r0 && c >= c0 && c < c0 + 12);
        const p = on ? 0.6 + 0.4 * (rng.uniform() as number) : 0;
        row.push((p - 0.1307) / 0.3081);
      }
      img.push(row);
    }
    out.push([img]);
  }
  return out;
}

/** Random `[n, c, h, w]` nested arrays from `rng`, with about a tenth of the entries exactly 0 when `zeros`. */
function randomImage(rng: RandomState, shape: [number, number, number, number], zeros: boolean): Image4 {
  const t = rng.standardNormal(shape) as Tensor;
  const a = Array.from(t.data as ArrayLike<number>, (v) =>
    zeros && (rng.uniform() as number) < 0.1 ? 0 : v,
  );
  return tensor(a, { dtype: 'float64' }).reshape(shape).toArray() as Image4;
}

const fgsmAttack: Exercise = {
  id: 'fgsm-attack',
  title: 'The fast gradient sign method',
  prompt:
    "Write the notebook's `fgsm_attack(x, epsilon, dLdx)` as `fgsmAttack(x, epsilon, dLdx)`: take the sign of the gradient `dLdx` = ∂L/∂x at every pixel (+1 where it is positive, −1 where it is negative, 0 where it is exactly 0, as `torch.sign`) and add `epsilon` times it to `x`: x′ = x + ε·sign(∂L/∂x). `x` and `dLdx` are `[N, C, H, W]` nested arrays (the notebook's `[1, 1, 28, 28]`); return x′ in the same shape. No clipping: the notebook does not clip.",
  check: {
    export: 'fgsmAttack',
    cases: () => {
      const x = digits(new RandomState(204), 1);
      const dLdx = convNetGradient(0)(x, [7]);
      const g = randomImage(new RandomState(2040), [1, 1, 28, 28], true);
      return [
        {
          name: "the notebook's ε = 0.5 on a drawn digit, ∂L/∂x of the untrained MNIST network (label 7)",
          args: [x, 0.5, dLdx],
          expected: fgsm(x, 0.5, dLdx),
        },
        {
          name: 'a gradient with exact zeros (sign 0: the pixel stays)',
          args: [x, 0.5, g],
          expected: fgsm(x, 0.5, g),
        },
      ];
    },
    property: {
      trials: 6,
      seed: 2041,
      generate: (rng, t) => {
        const shape: [number, number, number, number] = [
          1 + rng.randint(0, 3),
          1 + rng.randint(0, 3),
          1 + rng.randint(0, 6),
          1 + rng.randint(0, 6),
        ];
        const epsilon = 0.01 + (rng.uniform() as number);
        const x = randomImage(rng, shape, false);
        const g = randomImage(rng, shape, true);
        return {
          name: `random batch #${t + 1} ([${shape.join(', ')}], ε = ${epsilon.toFixed(3)})`,
          args: [x, epsilon, g],
          expected: fgsm(x, epsilon, g),
        };
      },
    },
    rtol: 1e-12,
    atol: 1e-12,
    hint: 'Only the sign of each gradient entry matters, not its size: every pixel moves by exactly ε (or stays where ∂L/∂x = 0).',
  },
};

const iterativeAttack: Exercise = {
  id: 'iterative-attack',
  title: 'The iterative attack',
  prompt:
    "The notebook's last TODO: attack iteratively. Write `iterativeFgsmAttack(x, y, epsilon, nSteps, lossGradient)`: starting from `x` (`[N, 1, 28, 28]`), `nSteps` times compute the gradient at the current image, `g = lossGradient(xk, y)` (∂L/∂x of the network's loss for the labels `y`, what `loss.backward()` leaves in `x.grad`), and take one FGSM step of size `epsilon`: x_{k+1} = x_k + ε·sign(g). Return the image after the last step (`x` itself when `nSteps` is 0).",
  check: {
    export: 'iterativeFgsmAttack',
    cases: () => {
      const x = digits(new RandomState(204), 1);
      return [
        {
          name: 'ten steps of ε = 0.05 (the lesson’s setting) on a drawn digit, the MNIST network (RandomState(0))',
          args: [x, [7], 0.05, 10, harnessCall('convNetGradient', 0)],
          expected: iterative(x, [7], 0.05, 10, 0),
        },
        {
          name: 'zero steps: the image unchanged',
          args: [x, [7], 0.05, 0, harnessCall('convNetGradient', 0)],
          expected: x,
        },
      ];
    },
    property: {
      trials: 4,
      seed: 2042,
      generate: (rng, t) => {
        const n = 1 + rng.randint(0, 2);
        const x = digits(rng, n);
        const y = Array.from({ length: n }, () => rng.randint(0, 10) as number);
        const epsilon = 0.02 + 0.1 * (rng.uniform() as number);
        const nSteps = 1 + rng.randint(0, 5);
        const seed = rng.randint(0, 1000) as number;
        return {
          name: `random digits #${t + 1} (${n} image${n > 1 ? 's' : ''}, ${nSteps} steps of ε = ${epsilon.toFixed(3)}, network seed ${seed})`,
          args: [x, y, epsilon, nSteps, harnessCall('convNetGradient', seed)],
          expected: iterative(x, y, epsilon, nSteps, seed),
        };
      },
    },
    rtol: 1e-12,
    atol: 1e-12,
    hint: 'Call lossGradient again after every step, at the image you have just made: the signs change as the image moves.',
  },
};

export default defineLesson({
  questions,
  id: '20-4-adversarial-attacks',
  title: 'Adversarial attacks (UDL 20.4)',
  notebook: {
    collection: 'udlbook',
    file: '20_4_Adversarial_Attacks.md',
    title: 'Notebook 20.4: Adversarial attacks',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap20/20_4_Adversarial_Attacks.ipynb',
  },
  book: { section: '20', title: 'Why does deep learning work?' },
  packages: ['@gradkit/conv', '@gradkit/core', '@gradkit/datasets', '@gradkit/losses', '@gradkit/optimizers'],
  summary:
    'Train the MNIST convolutional network of notebook 10.5, then fool it: the fast gradient sign method moves every pixel by ±ε in the direction that increases the loss (x′ = x + ε·sign(∂L/∂x)), and an image that still looks like a 7 is classified as something else; then attack iteratively.',
  goals: [
    'Compute the gradient of the loss with respect to the input image, not the weights',
    'Write the fast gradient sign method and re-classify the perturbed image',
    'Turn it into an iterative attack that recomputes the gradient after each small step',
  ],
  figures: ['adversarial-fgsm-0', 'adversarial-fgsm-1', 'adversarial-fgsm-2', 'adversarial-iterative'],
  exercises: [fgsmAttack, iterativeAttack],
  harness: { convNetGradient },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
