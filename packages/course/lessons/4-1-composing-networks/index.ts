/**
 * Notebook 4.1, Composing networks (UDL 4.1; also the CM20315 practical "Deep", formerly the
 * lesson `deep`). Exercises: the ReLU (eq. 3.2) and the notebook's TODO, the composition of two
 * 1-1-3 networks (eq. 3.1, one fed into the other), checked against `@gradkit/nn`.
 */
import { type RandomState, tensor } from '@gradkit/core';
import { relu, type Shallow113Params, shallowNetwork } from '@gradkit/nn';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();

const reluExercise: Exercise = {
  id: 'relu',
  title: 'The rectified linear unit',
  prompt: 'Write `relu(z)` = `max(0, z)` elementwise (UDL eq. 3.2) for a list of pre-activations.',
  check: {
    export: 'relu',
    cases: () => [
      { name: 'signs', args: [[-2, -0.5, 0, 0.5, 2]], expected: relu([-2, -0.5, 0, 0.5, 2]).toList() },
    ],
    property: {
      trials: 5,
      seed: 32,
      generate: (rng, t) => {
        const z = rng.randn(4 + 3 * t).toList() as number[];
        return { name: `random #${t + 1}`, args: [z], expected: relu(z).toList() };
      },
    },
    hint: 'Negative inputs become 0; non-negative inputs pass through unchanged.',
    reference: { '@gradkit/nn': ['ReLU', 'leakyRelu'] },
  },
};

const names = [
  'phi0',
  'phi1',
  'phi2',
  'phi3',
  'theta10',
  'theta11',
  'theta20',
  'theta21',
  'theta30',
  'theta31',
] as const;

/** A 1-1-3 network with every parameter drawn uniformly from [-2, 2) (the exercises' random cases). */
export function randomShallow(rng: RandomState): Shallow113Params {
  const p = {} as Record<(typeof names)[number], number>;
  for (const n of names) p[n] = u(rng, -2, 2);
  return p;
}

const composeExercise: Exercise = {
  id: 'compose',
  title: 'Composing two shallow networks',
  prompt:
    'A 1-1-3 shallow network computes `y = φ0 + Σ_d φ_d · ReLU(θ_d0 + θ_d1 x)` (UDL eq. 3.1). Write `composedNetwork(x, n1, n2)`: feed the outputs of network `n1` at the inputs `x` into network `n2` (UDL 4.1, the notebook’s TODO `net12_out`).',
  check: {
    export: 'composedNetwork',
    cases: () => {
      const n1: Shallow113Params = {
        phi0: 0,
        phi1: -2,
        phi2: 2,
        phi3: 1.5,
        theta10: -0.6,
        theta11: -1,
        theta20: 1.5,
        theta21: -1,
        theta30: 0.2,
        theta31: -0.5,
      };
      const n2: Shallow113Params = {
        phi0: -0.6,
        phi1: -1,
        phi2: 0.5,
        phi3: 0.2,
        theta10: 0.5,
        theta11: -1,
        theta20: 0.3,
        theta21: -1.5,
        theta30: -0.5,
        theta31: 1,
      };
      const x = [-1, -0.5, 0, 0.25, 0.5, 1];
      return [
        {
          name: 'the notebook’s two networks on a few inputs',
          args: [x, n1, n2],
          expected: shallowNetwork(shallowNetwork(x, n1), n2).toList(),
        },
      ];
    },
    property: {
      trials: 5,
      seed: 41,
      generate: (rng, t) => {
        const n1 = randomShallow(rng);
        const n2 = randomShallow(rng);
        const x = rng.uniform(-1, 1, [7]).toList() as number[];
        return {
          name: `random networks #${t + 1}`,
          args: [x, n1, n2],
          expected: shallowNetwork(shallowNetwork(tensor(x), n1), n2).toList(),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Write one function for a shallow network, then apply it twice: first with n1, then with n2 on the result.',
    reference: {
      '@gradkit/nn': [
        'shallowNetwork',
        'shallowNetworkParts',
        'shallow1_1_3',
        'compose',
        'shallowToMatrix',
        'composeShallowToMatrix',
        'deepNetwork',
      ],
    },
  },
};

export default defineLesson({
  questions,
  id: '4-1-composing-networks',
  aliases: ['deep'],
  title: 'Composing networks (UDL 4.1)',
  notebook: {
    collection: 'udlbook',
    file: '4_1_Composing_Networks.md',
    title: 'Notebook 4.1 -- Composing networks',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap04/4_1_Composing_Networks.ipynb',
  },
  book: { section: '4.1', title: 'Composing neural networks' },
  packages: ['@gradkit/nn'],
  summary:
    'Feeding one shallow network into another folds the input space: the composition has many more linear regions than either network (UDL 4.1). The same code as the CM20315 practical "Deep".',
  goals: ['Write the ReLU', 'Compose shallow networks', 'Count linear regions'],
  figures: ['deep-compose', 'deep-compose-result'],
  exercises: [reluExercise, composeExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
