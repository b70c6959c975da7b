/**
 * The lessons `@gradkit/nn` serves (Deep networks I and II), as data: goals, figures and graded
 * exercises whose reference values come from this package. Types and the checker are in
 * `@gradkit/core` (`Lesson`, `Exercise`, `checkExercise`).
 */
import { type Exercise, type Lesson, type RandomState, starterFile, tensor } from '@gradkit/core';
import { relu } from './activations.js';
import { type Shallow113Params, shallowNetwork } from './book.js';

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();

const reluExercise: Exercise = {
  id: 'relu',
  title: 'The rectified linear unit',
  prompt: 'Write `relu(z)` = `max(0, z)` elementwise (UDL eq. 3.2) for a list of pre-activations.',
  starter: starterFile(
    'deep',
    `/** max(0, z) elementwise. */
export function relu(z: number[]): number[] {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'relu',
    cases: () => [{ name: 'signs', args: [[-2, -0.5, 0, 0.5, 2]], expected: relu([-2, -0.5, 0, 0.5, 2]).toList() }],
    property: {
      trials: 5,
      seed: 32,
      generate: (rng, t) => {
        const z = rng.randn(4 + 3 * t).toList() as number[];
        return { name: `random #${t + 1}`, args: [z], expected: relu(z).toList() };
      },
    },
    hint: 'Negative inputs become 0; non-negative inputs pass through unchanged.',
  },
};

const names = ['phi0', 'phi1', 'phi2', 'phi3', 'theta10', 'theta11', 'theta20', 'theta21', 'theta30', 'theta31'] as const;

function randomShallow(rng: RandomState): Shallow113Params {
  const p = {} as Record<(typeof names)[number], number>;
  for (const n of names) p[n] = u(rng, -2, 2);
  return p;
}

const composeExercise: Exercise = {
  id: 'compose',
  title: 'Composing two shallow networks',
  prompt:
    'A 1-1-3 shallow network computes `y = φ0 + Σ_d φ_d · ReLU(θ_d0 + θ_d1 x)` (UDL eq. 3.1). Write `composedNetwork(x, n1, n2)`: feed the outputs of network `n1` at the inputs `x` into network `n2` (UDL 4.1, the Deep notebook).',
  starter: starterFile(
    'deep',
    `export interface Shallow { phi0: number; phi1: number; phi2: number; phi3: number; theta10: number; theta11: number; theta20: number; theta21: number; theta30: number; theta31: number }

/** n2(n1(x)) for each x, with ReLU activations. */
export function composedNetwork(x: number[], n1: Shallow, n2: Shallow): number[] {
  throw new Error('TODO: feed the output of the first network into the second');
}`,
  ),
  check: {
    export: 'composedNetwork',
    cases: () => {
      const n1: Shallow113Params = { phi0: 0, phi1: -2, phi2: 2, phi3: 1.5, theta10: -0.6, theta11: -1, theta20: 1.5, theta21: -1, theta30: 0.2, theta31: -0.5 };
      const n2: Shallow113Params = { phi0: -0.6, phi1: -1, phi2: 0.5, phi3: 0.2, theta10: 0.5, theta11: -1, theta20: 0.3, theta21: -1.5, theta30: -0.5, theta31: 1 };
      const x = [-1, -0.5, 0, 0.25, 0.5, 1];
      return [{ name: 'the Deep notebook networks', args: [x, n1, n2], expected: shallowNetwork(shallowNetwork(x, n1), n2).toList() }];
    },
    property: {
      trials: 5,
      seed: 41,
      generate: (rng, t) => {
        const n1 = randomShallow(rng);
        const n2 = randomShallow(rng);
        const x = rng.uniform(-1, 1, [7]).toList() as number[];
        return { name: `random networks #${t + 1}`, args: [x, n1, n2], expected: shallowNetwork(shallowNetwork(tensor(x), n1), n2).toList() };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Write one function for a shallow network, then apply it twice: first with n1, then with n2 on the result.',
  },
};

/** The lessons served by `@gradkit/nn`, in course order. */
export const nnLessons: Lesson[] = [
  {
    id: 'deep',
    title: 'Deep networks I: composing networks',
    package: '@gradkit/nn',
    seed: 'udl-cm20315-deep.md',
    summary: 'Composing two shallow networks folds the input space: the composition has many more linear regions than either network (UDL 4.1).',
    goals: ['Write the ReLU', 'Compose shallow networks', 'Count linear regions'],
    figures: ['shallowNetworkGrid', 'functionPlot'],
    exercises: [reluExercise, composeExercise],
  },
  {
    id: 'deep2',
    title: 'Deep networks II: the matrix form',
    package: '@gradkit/nn',
    seed: 'udl-cm20315-deep2.md',
    summary: 'A deep network as a chain of matrix multiplications, bias additions and ReLUs, `h_k = a[β_{k−1} + Ω_{k−1} h_{k−1}]` (UDL 4.4).',
    goals: ['Write the weights of a composed network as matrices β, Ω', 'Initialise a deep network with the right sizes'],
    figures: ['functionPlot'],
    exercises: [],
  },
];
