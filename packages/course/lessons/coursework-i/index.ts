/**
 * Coursework I: model hyperparameters on MNIST-1D (CM20315 Coursework I, summarised in the seeds'
 * README). The notebook is the coursework pipeline of Coursework II; the student changes only the
 * model (depth, widths, activations) to beat the 37.45 % validation error. Exercises: the number of
 * parameters of a fully connected network with given layer sizes (counted by building it with
 * `@gradkit/nn`), and the network itself for any depth, widths and activation (Coursework II's
 * `buildModel` for ReLU), checked by loading the grader's parameters into it and comparing its
 * outputs on a batch with the library's network in float64.
 */
import { noGrad, RandomState, tensor } from '@gradkit/core';
import { Linear, type Module, ReLU, Sequential, Sigmoid, Tanh } from '@gradkit/nn';
import { compareValues, preview } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { CheckCase, Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

/** The coursework's baseline network: 40 inputs, two hidden layers of 100, 10 outputs. */
export const BASELINE_SIZES: readonly number[] = [40, 100, 100, 10];

/** The activations the `build-mlp` exercise asks for. */
export type MlpActivation = 'relu' | 'tanh' | 'sigmoid';

const ACTIVATION_MODULES: Record<MlpActivation, () => Module> = {
  relu: () => new ReLU(),
  tanh: () => new Tanh(),
  sigmoid: () => new Sigmoid(),
};

/** Reference: the parameters of `Linear`s between consecutive `sizes`, counted by building them with @gradkit/nn. */
function libraryParameterCount(sizes: readonly number[]): number {
  const rng = new RandomState(0);
  const net = new Sequential(...sizes.slice(1).map((n, i) => new Linear(sizes[i]!, n, { rng })));
  return net.numParameters();
}

const parameterCountExercise: Exercise = {
  id: 'parameter-count',
  title: 'The parameters of a fully connected network',
  prompt:
    'Write `parameterCount(sizes)`: the number of parameters (weights and biases) of the fully connected network with layer sizes `sizes` — `sizes[0]` inputs, `sizes[sizes.length - 1]` outputs and a linear layer between each pair of consecutive sizes, e.g. `[40, 100, 100, 10]` for the coursework’s baseline (PyTorch’s `sum(p.numel() for p in model.parameters())`). The activations have no parameters.',
  check: {
    export: 'parameterCount',
    cases: () =>
      [
        ['the coursework’s baseline 40-100-100-10', [...BASELINE_SIZES]],
        ['a single linear layer 40-10 (no hidden layer)', [40, 10]],
        ['a deeper network 40-200-150-100-50-10', [40, 200, 150, 100, 50, 10]],
      ].map(([name, sizes]) => ({
        name: name as string,
        args: [sizes],
        expected: libraryParameterCount(sizes as number[]),
      })),
    property: {
      trials: 6,
      seed: 2031,
      generate: (rng, t) => {
        const hidden = Array.from({ length: rng.randint(0, 5) }, () => rng.randint(1, 300));
        const sizes = [rng.randint(1, 100), ...hidden, rng.randint(1, 20)];
        return {
          name: `random network #${t + 1} (${sizes.join('-')})`,
          args: [sizes],
          expected: libraryParameterCount(sizes),
        };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'A linear layer from a to b units has a weight matrix of b × a and a bias of b: (a + 1) · b parameters. Add them up over the consecutive pairs of sizes.',
    reference: { '@gradkit/nn': ['numberParameters'] },
  },
};

/** The reference network: `Linear`s in float64 between consecutive sizes, `activation` between them (and after the last with `lastActivation`). */
function referenceMlp(
  sizes: readonly number[],
  activation: MlpActivation | null,
  rng: RandomState,
  lastActivation = false,
): Sequential {
  const layers: Module[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    if (i > 0 && activation) layers.push(ACTIVATION_MODULES[activation]());
    layers.push(new Linear(sizes[i]!, sizes[i + 1]!, { rng, dtype: 'float64' }));
  }
  if (lastActivation && activation) layers.push(ACTIVATION_MODULES[activation]());
  return new Sequential(...layers);
}

/** One parameter as the exercise hands it over: its shape and its values, row-major. */
interface ParamData {
  shape: number[];
  values: number[];
}

/** What the starter’s `runMlp` returns. */
interface MlpRun {
  shapes: number[][];
  output: number[][] | null;
}

/** Output of the reference layout (`activation` between the layers, after the last with `lastActivation`) with `params` loaded, in float64. */
function referenceOutput(
  sizes: readonly number[],
  activation: MlpActivation | null,
  params: readonly ParamData[],
  x: number[][],
  lastActivation = false,
): number[][] {
  const net = referenceMlp(sizes, activation, new RandomState(0), lastActivation).eval();
  noGrad(() => net.parameters().forEach((p, i) => p.data.set(params[i]!.values)));
  return noGrad(() => net.call(tensor(x, { dtype: 'float64' }))).toArray() as number[][];
}

function mlpCase(
  name: string,
  sizes: number[],
  activation: MlpActivation,
  rng: RandomState,
  n: number,
): CheckCase {
  // PyTorch's default initialisation, U(-1/sqrt(in), 1/sqrt(in)), from the seeded RandomState
  const net = referenceMlp(sizes, activation, rng);
  const params: ParamData[] = net
    .parameters()
    .map((p) => ({ shape: [...p.shape], values: Array.from(p.data) }));
  const x = rng.uniform(-2, 2, [n, sizes[0]!]).toArray() as number[][];
  const output = noGrad(() => net.eval().call(tensor(x, { dtype: 'float64' }))).toArray() as number[][];
  const expected: MlpRun = { shapes: params.map((p) => p.shape), output };
  return { name, args: [sizes, activation, params, x], expected };
}

const RTOL = 1e-4;
const ATOL = 1e-5;
const sameShape = (a: unknown, b: readonly number[]) =>
  Array.isArray(a) && a.length === b.length && a.every((d, i) => d === b[i]);
const showShape = (s: unknown) => (Array.isArray(s) ? `[${s.join(', ')}]` : preview(s, 40));

/** Which common mistake a wrong output matches, as a sentence, or ''. */
function diagnose(
  sizes: number[],
  activation: MlpActivation,
  params: ParamData[],
  x: number[][],
  output: unknown,
): string {
  const others = (Object.keys(ACTIVATION_MODULES) as MlpActivation[]).filter((a) => a !== activation);
  const candidates: [string, () => number[][]][] = [
    [
      `it matches the network with a ${activation} after the last Linear layer too: the output layer takes no activation`,
      () => referenceOutput(sizes, activation, params, x, true),
    ],
    ...others.map((a): [string, () => number[][]] => [
      `it matches the network with ${a} between the layers: this case asks for ${activation}`,
      () => referenceOutput(sizes, a, params, x),
    ]),
    ...others.map((a): [string, () => number[][]] => [
      `it matches the network with ${a} between the layers and after the last one: this case asks for ${activation}, and the output layer takes no activation`,
      () => referenceOutput(sizes, a, params, x, true),
    ]),
    [
      'it matches the network without activations: put one between consecutive Linear layers',
      () => referenceOutput(sizes, null, params, x),
    ],
  ];
  for (const [why, out] of candidates) if (!compareValues(output, out(), RTOL, ATOL)) return `; ${why}`;
  return '';
}

/** The verdict on `runMlp`'s `{ shapes, output }`: parameter count, each shape, then the outputs. */
function compareMlp(received: unknown, expected: unknown, args: unknown[]): string | null {
  const e = expected as MlpRun;
  const [sizes, activation, params, x] = args as [number[], MlpActivation, ParamData[], number[][]];
  const r = received as Partial<MlpRun> | null;
  if (!r || typeof r !== 'object' || !Array.isArray(r.shapes))
    return `expected runMlp’s { shapes, output }, received ${preview(received, 60)} (keep runMlp as the starter gives it and write buildMlp)`;
  const layers = sizes.length - 1;
  if (r.shapes.length !== e.shapes.length)
    return `wrong number of parameters: the network has ${r.shapes.length} parameter tensors, expected ${e.shapes.length} (a weight and a bias for each of the ${layers} Linear layer${layers === 1 ? '' : 's'} of ${sizes.join('-')}, in order)`;
  for (let i = 0; i < e.shapes.length; i++)
    if (!sameShape(r.shapes[i], e.shapes[i]!)) {
      const k = i >> 1;
      return `parameter ${i} has shape ${showShape(r.shapes[i])}, expected ${showShape(e.shapes[i])} (the ${i % 2 ? 'bias' : 'weight [out, in]'} of Linear layer ${k}, ${sizes[k]} → ${sizes[k + 1]})`;
    }
  if (!Array.isArray(r.output))
    return `runMlp returned no output although the shapes match (received ${preview(r.output, 40)}): keep runMlp as the starter gives it`;
  const m = compareValues(r.output, e.output, RTOL, ATOL, 'output');
  if (!m) return null;
  return `the output differs from the reference network’s (${m.message})${diagnose(sizes, activation, params, x, r.output)}`;
}

const buildMlpExercise: Exercise = {
  id: 'build-mlp',
  title: 'The network for any depth, widths and activation',
  prompt:
    "Write `buildMlp(sizes, activation)`, returning an `@gradkit/nn` `Module` (a `Sequential`): a `Linear(sizes[i], sizes[i + 1])` for each pair of consecutive sizes, the activation module (`ReLU`, `Tanh` or `Sigmoid` for `activation` = `'relu'`, `'tanh'`, `'sigmoid'`) between consecutive linear layers and none after the last (its outputs are the logits the cross-entropy loss takes). For `[40, 100, 100, 10]` and `'relu'` it is the coursework’s `nn.Sequential(nn.Linear(40, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 10))`. The grader calls the starter’s `runMlp`, which builds your network, checks its parameter shapes, loads the grader’s parameters into it (in the order of `parameters()`) and runs it on a batch: leave `runMlp` as it is.",
  check: {
    export: 'runMlp',
    cases: () => {
      const rng = new RandomState(2032);
      return [
        mlpCase('the coursework’s baseline 40-100-100-10 with ReLU', [...BASELINE_SIZES], 'relu', rng, 8),
        mlpCase('the baseline with tanh', [...BASELINE_SIZES], 'tanh', rng, 8),
        mlpCase('the baseline with the sigmoid', [...BASELINE_SIZES], 'sigmoid', rng, 8),
        mlpCase(
          'a deeper, narrower network 40-32-32-32-16-10 with ReLU',
          [40, 32, 32, 32, 16, 10],
          'relu',
          rng,
          8,
        ),
      ];
    },
    property: {
      trials: 4,
      seed: 2033,
      generate: (rng, t) => {
        const hidden = Array.from({ length: rng.randint(0, 4) }, () => rng.randint(1, 48));
        const sizes = [rng.randint(1, 40), ...hidden, rng.randint(1, 12)];
        const activation = (['relu', 'tanh', 'sigmoid'] as const)[t % 3]!;
        return mlpCase(
          `random network #${t + 1} (${sizes.join('-')}, ${activation})`,
          sizes,
          activation,
          rng,
          5,
        );
      },
    },
    compare: compareMlp,
    hint: 'new Sequential(...layers) with layers = [Linear(s0, s1), act, Linear(s1, s2), act, …, Linear(sK−1, sK)]: an activation module before every Linear layer but the first, none after the last.',
  },
};

export default defineLesson({
  questions,
  id: 'coursework-i',
  title: 'Coursework I: model hyperparameters on MNIST-1D',
  notebook: {
    collection: 'seeds',
    file: 'README.md',
    title: 'CM20315 Coursework I',
  },
  book: { section: '4.5', title: 'Shallow vs. deep neural networks' },
  packages: ['@gradkit/nn', '@gradkit/datasets', '@gradkit/optimizers'],
  summary:
    'The coursework pipeline on MNIST-1D with a fixed training recipe: beat the 37.45 % validation error by changing only the model — its depth, widths and activation functions.',
  goals: [
    'Count the parameters of a fully connected network',
    'Change depth, widths and activations',
    'Compare the validation error with the baseline',
  ],
  figures: ['coursework-i-activations'],
  exercises: [parameterCountExercise, buildMlpExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
