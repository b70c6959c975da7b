/**
 * Random numbers, bit-exact with numpy's legacy generator: `new RandomState(seed)` reproduces
 * `numpy.random.RandomState(seed)` and the process-wide `seed(s)` / `random.*` functions
 * reproduce `np.random.seed(s)` / `np.random.*`, draw for draw:
 *
 * - MT19937 with numpy's seeding (`init_genrand` for an integer, `init_by_array` for an array),
 * - doubles with 53 random bits from two 32-bit words (`randomSample`, `rand`, `uniform`),
 * - the legacy polar Box–Muller Gaussian with its cached second value (`randn`, `normal`),
 * - the legacy masked-rejection bounded integers for the default int64 dtype (`randint`,
 *   `permutation`, `shuffle`, `choice`).
 *
 * Every draw matches numpy to the last bit, Gaussians included: they go through `log` and `sqrt`;
 * `sqrt` is correctly rounded everywhere, and `./log.ts` returns exactly the double of the C
 * library `log` numpy calls on Linux (glibc's; JS engines' `Math.log` differs on ~5% of inputs and
 * even a correctly rounded log on ~1 in 1,300). With another C library (macOS, Windows) numpy's own
 * Gaussian draws can differ from Linux's in the last bit.
 *
 * Names: numpy's, in camelCase, one name per method — `random_sample` is `randomSample`,
 * `standard_normal` is `standardNormal`, `multivariate_normal` is `multivariateNormal`,
 * `get_state`/`set_state` are `getState`/`setState`; `rand`, `randn`, `random`, `uniform`,
 * `normal`, `randint`, `permutation`, `shuffle`, `choice` and `seed` are spelled as in numpy.
 *
 * As in numpy, a call without `size` returns a plain JS number; with `size` (a number or a
 * shape array) it returns a Tensor: float64 for doubles, int32 for integers and indices.
 *
 * ```ts
 * const rs = new RandomState(0);
 * rs.rand(3).toList();   // [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]
 * rs.randint(10);        // a number in [0, 10)
 * random.seed(0);
 * random.randn(2, 3).shape; // [2, 3]
 * ```
 *
 * The files: `mt19937.ts` (the Mersenne Twister and numpy's seeding), `random-state.ts` (the
 * `RandomState` class: doubles, Gaussians, integers, permutations, `choice`, `multivariateNormal`),
 * `args.ts` (the checks of `size`, seeds and parameters), `discrete.ts` (`choice`'s `p`),
 * `log.ts` (glibc's `log`), `python.ts` (CPython's `random`, `PythonRandom`), `types.ts`, and
 * this file: the process-wide generator and the `random.*` functions.
 */
import type { Tensor, TensorLike } from '../tensor.js';
import { RandomState } from './random-state.js';
import type { ChoiceOptions, RandomSeed, RandomSize, RandomStateSnapshot } from './types.js';

export { MT19937 } from './mt19937.js';
export { type PythonChoicesOptions, PythonRandom, type PythonRandomState } from './python.js';
export { RandomState } from './random-state.js';
export type { ChoiceOptions, RandomSeed, RandomSize, RandomStateSnapshot } from './types.js';

let defaultState: RandomState | null = null;

/**
 * The process-wide generator behind `seed()` and `random.*` (numpy's global `np.random` state),
 * created on first use from entropy, like numpy's. Use only in notebook-style code; library
 * code takes a `RandomState`.
 */
export function defaultRandomState(): RandomState {
  if (defaultState === null) defaultState = new RandomState();
  return defaultState;
}

/**
 * Seed the process-wide generator (numpy's `np.random.seed(s)`): `seed(0); random.rand(3)`
 * equals numpy's `np.random.seed(0); np.random.rand(3)`.
 */
export function seed(s?: RandomSeed | null): void {
  defaultRandomState().seed(s);
}

const d = defaultRandomState;

/**
 * numpy-style functions on the process-wide generator (`np.random.*`):
 *
 * ```ts
 * random.seed(0);
 * random.rand(3);               // Tensor [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]
 * random.normal(0, 1, [2, 3]);  // like np.random.normal(0, 1, (2, 3))
 * random.permutation(10);
 * random.choice(5, { size: 3, replace: false });
 * ```
 */
export const random = {
  seed,
  getState: (): RandomStateSnapshot => d().getState(),
  setState: (state: RandomStateSnapshot | readonly unknown[]): void => d().setState(state),
  rand: ((...shape: number[]) => d().rand(...shape)) as RandomState['rand'],
  randn: ((...shape: number[]) => d().randn(...shape)) as RandomState['randn'],
  randomSample: ((size?: RandomSize | null) => d().randomSample(size)) as RandomState['randomSample'],
  random: ((size?: RandomSize | null) => d().randomSample(size)) as RandomState['random'],
  uniform: ((low?: TensorLike, high?: TensorLike, size?: RandomSize | null) =>
    d().uniform(low as TensorLike, high as TensorLike, size)) as RandomState['uniform'],
  normal: ((loc?: TensorLike, scale?: TensorLike, size?: RandomSize | null) =>
    d().normal(loc as TensorLike, scale as TensorLike, size)) as RandomState['normal'],
  standardNormal: ((size?: RandomSize | null) => d().standardNormal(size)) as RandomState['standardNormal'],
  multivariateNormal: ((mean: TensorLike, cov: TensorLike, size?: RandomSize | null, options?: never) =>
    d().multivariateNormal(mean, cov, size, options)) as RandomState['multivariateNormal'],
  randint: ((low: number, high?: number | null, size?: RandomSize | null, dtype?: 'int32' | 'float64') =>
    d().randint(low, high, size, dtype)) as RandomState['randint'],
  permutation: (x: number | TensorLike): Tensor => d().permutation(x),
  shuffle: (x: Tensor | unknown[]): void => d().shuffle(x),
  choice: ((a: number | TensorLike, options?: ChoiceOptions) =>
    d().choice(a, options)) as RandomState['choice'],
};
