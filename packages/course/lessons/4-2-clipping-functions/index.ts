/**
 * Notebook 4.2, Clipping functions (UDL 4.3, eqs. 4.7–4.9, figure 4.5): a network with two hidden
 * layers builds its function by clipping and recombining the first layer's piecewise-linear
 * functions. Exercise: the notebook's TODO `shallow_1_1_3_3`, checked against the lesson's
 * `shallow1133` (itself checked against `deepNetwork` of `@gradkit/nn`).
 */
import type { RandomState } from '@gradkit/core';
import { relu } from '@gradkit/nn';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { getParameters, shallow1133 } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (t: { toList(): unknown }) => t.toList() as number[];

/** The exercise's answer: the output and the second layer's intermediates, as lists. */
function expected(x: number[], phi: number[], psi: number[][], theta: number[][]) {
  const r = shallow1133(
    x,
    relu,
    phi.map((v) => [v]),
    psi,
    theta,
  );
  return {
    y: list(r.y),
    layer2Pre: [r.layer2_pre_1, r.layer2_pre_2, r.layer2_pre_3].map(list),
    hPrime: [r.h1_prime, r.h2_prime, r.h3_prime].map(list),
    phiHPrime: [r.phi1_h1_prime, r.phi2_h2_prime, r.phi3_h3_prime].map(list),
  };
}

/** Random parameters in the notebook's padded layout (row 0 of theta and psi is 0). */
function randomParameters(rng: RandomState) {
  const theta = [[0, 0], ...[1, 2, 3].map(() => [u(rng, -1, 1), u(rng, -2, 2)])];
  const psi = [
    [0, 0, 0, 0],
    ...[1, 2, 3].map(() => [u(rng, -1, 1), u(rng, -3, 3), u(rng, -3, 3), u(rng, -3, 3)]),
  ];
  const phi = [u(rng, -1, 1), u(rng, -2, 2), u(rng, -2, 2), u(rng, -2, 2)];
  return { theta, psi, phi };
}

const twoLayerExercise: Exercise = {
  id: 'two-layer-network',
  title: 'A network with two hidden layers',
  prompt:
    'Write `shallow1133(x, phi, psi, theta)`, the notebook’s `shallow_1_1_3_3` with ReLU activations: the first layer `h_d = ReLU(θ_d0 + θ_d1 x)` (UDL eq. 4.7), the second layer’s pre-activations `ψ_d0 + ψ_d1 h_1 + ψ_d2 h_2 + ψ_d3 h_3` and activations `h′_d` (eq. 4.8), and the output `y = φ_0 + φ_1 h′_1 + φ_2 h′_2 + φ_3 h′_3` (eq. 4.9), for d = 1, 2, 3 and each input in `x`. `theta` is 4×2 and `psi` 4×4 with row 0 unused (so `theta[1][0]` is θ_10, as in the book); `phi` holds φ_0…φ_3. Return `{ y, layer2Pre, hPrime, phiHPrime }`: the outputs, and for the second layer three lists each (one per unit) of pre-activations, activations `h′_d` and weighted activations `φ_d h′_d`.',
  check: {
    export: 'shallow1133',
    cases: () => {
      const p = getParameters();
      const phi = p.phi.map((r) => r[0]!);
      const x = [0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.99];
      return [
        {
          name: 'the notebook’s parameters at a few inputs',
          args: [x, phi, p.psi, p.theta],
          expected: expected(x, phi, p.psi, p.theta),
        },
      ];
    },
    property: {
      trials: 6,
      seed: 42,
      generate: (rng, t) => {
        const { theta, psi, phi } = randomParameters(rng);
        const x = Array.from({ length: 5 + t }, () => u(rng, -1, 2));
        return {
          name: `random network #${t + 1}`,
          args: [x, phi, psi, theta],
          expected: expected(x, phi, psi, theta),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Compute h1, h2, h3 from x first (eq. 4.7); every second-layer unit d mixes all three: psi[d][0] + psi[d][1]·h1 + psi[d][2]·h2 + psi[d][3]·h3, then the ReLU clips it (eq. 4.8).',
    reference: {
      '@gradkit/nn': [
        'deepNetwork',
        'shallowNetwork',
        'shallowNetworkParts',
        'shallow1_1_3',
        'compose',
        'composeShallowToMatrix',
        'shallowToMatrix',
      ],
    },
  },
};

export default defineLesson({
  questions,
  id: '4-2-clipping-functions',
  title: 'Clipping functions (UDL 4.3)',
  notebook: {
    collection: 'udlbook',
    file: '4_2_Clipping_functions.md',
    title: 'Notebook 4.2 -- Clipping functions',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap04/4_2_Clipping_functions.ipynb',
  },
  book: { section: '4.3', title: 'Deep neural networks' },
  packages: ['@gradkit/nn', '@gradkit/core'],
  summary:
    'A network with two hidden layers makes three piecewise-linear functions of the input, clips each with a ReLU and adds them up: every clip adds new joints (UDL eqs. 4.7–4.9, figure 4.5).',
  goals: [
    'Write a network with two hidden layers in the book’s notation',
    'See the second layer clip and recombine the first layer’s functions',
    'Predict what changing one parameter does to the output',
  ],
  figures: ['clipping-layer2', 'clipping-psi10', 'clipping-psi2-negated', 'clipping-phi3'],
  exercises: [twoLayerExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
