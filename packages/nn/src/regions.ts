/**
 * How many linear regions a shallow ReLU network can make (UDL section 3.3, figure 3.9; notebook
 * 3.3): with `D_i` inputs and `D` hidden units, each hidden unit's joint is a hyperplane of the
 * input space, and `D` hyperplanes cut `R^{D_i}` into at most Zaslavsky's count of regions. Exact
 * integers (`bigint`): with 10 inputs the count passes 2^53 at 182 hidden units.
 * `numberParameters` counts its weights and biases (figure 3.9b). `countLinearRegions` (book.ts)
 * counts the regions a given network actually makes on a 1-D grid.
 */
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';

function naturalArg(name: string, v: unknown): bigint {
  if (typeof v === 'bigint' && v >= 0n) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  throw new ValueError(
    'numberRegions',
    `${name} must be a non-negative integer (a safe-integer number or a bigint), received ${typeof v === 'bigint' ? `${v}n` : show(v)}`,
  );
}

/**
 * The maximum number of linear regions of a shallow network with `Di` inputs and `D` hidden units
 * (Zaslavsky 1975; UDL section 3.3 and the notes of chapter 3, figure 3.9; notebook 3.3's
 * `number_regions`):
 * ```
 * N = Σ_{j=0}^{D_i} C(D, j) = Σ_{j=0}^{D_i} D! / ((D − j)! j!)
 * ```
 * exactly, as a `bigint` (Python's `sum(math.comb(D, j) for j in range(Di + 1))`). The terms with
 * `j > D` are zero (`math.comb`'s convention), so fewer hidden units than inputs give `2^D`, the
 * orthants of figure 3.10 — no special case needed. `Number(numberRegions(Di, D))` is the correctly
 * rounded float64 the notebook stores in its `regions` array.
 *
 * Why `bigint`: the counts the notebook plots reach 6.5e139 (100 inputs, 999 hidden units); with
 * 10 inputs they pass 2^53, where a `number` stops holding every integer, at 182 hidden units. The
 * notebook's own check, `13432735556`, is a safe integer; most of its figure is not.
 *
 * ```ts
 * numberRegions(2, 3);    // 7n (figure 3.8j: three lines in general position cut the plane into 7)
 * numberRegions(10, 50);  // 13432735556n
 * numberRegions(10, 8);   // 256n = 2^8 (fewer hidden units than inputs)
 * ```
 */
export function numberRegions(Di: number | bigint, D: number | bigint): bigint {
  const di = naturalArg('Di', Di);
  const d = naturalArg('D', D);
  const top = di < d ? di : d;
  // running binomials C(D, j) = C(D, j − 1)(D − j + 1)/j (each division exact): O(min(Di, D)) steps
  let c = 1n;
  let n = 1n;
  for (let j = 1n; j <= top; j++) {
    c = (c * (d - j + 1n)) / j;
    n += c;
  }
  return n;
}

/**
 * The number of parameters of a shallow network with `Di` inputs, `D` hidden units and `Do`
 * outputs (default 1): the `D × Di` weights Ω0 and `D` biases β0 of the hidden layer, the
 * `Do × D` weights Ω1 and `Do` biases β1 of the output (UDL eq. 3.9–3.12; notebook 3.3's
 * `number_parameters`, which has one output: `D_i·D + D + D + 1`). The x axis of figure 3.9b.
 *
 * ```ts
 * numberParameters(10, 8);    // 97 = 80 + 8 + 8 + 1
 * numberParameters(1, 3);     // 10, the 1-3-1 network of UDL section 3.1
 * numberParameters(2, 4, 3);  // 27 = 8 + 4 + 12 + 3
 * ```
 */
export function numberParameters(Di: number, D: number, Do = 1): number {
  const count = (name: string, v: unknown): number => {
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
    throw new ValueError(
      'numberParameters',
      `${name} must be a non-negative integer, received ${typeof v === 'bigint' ? `${v}n` : show(v)}`,
    );
  };
  const di = count('Di', Di);
  const d = count('D', D);
  const dOut = count('Do', Do);
  const n = d * di + d + dOut * d + dOut;
  if (!Number.isSafeInteger(n))
    throw new ValueError('numberParameters', `the count ${n} is past 2^53 for Di=${di}, D=${d}, Do=${dOut}`);
  return n;
}
