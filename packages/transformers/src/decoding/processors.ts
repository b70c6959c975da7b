/**
 * Logits processors and probability warpers, chained from a generation config as in
 * transformers.js (`logits_process.js`) and Hugging Face `generation/logits_process.py`.
 *
 * The pipeline for one row at one step:
 *   raw logits → processors (repetition penalty, no-repeat n-gram, temperature) → softmax
 *   → warpers (top-k, top-p) → selection (argmax, k-th most likely, or `RandomState.choice`).
 *
 * Warpers work on probabilities the way the notebook does (zero the tokens below a threshold,
 * renormalise), which gives the same distribution as Hugging Face's `-inf` masking of logits.
 */
import { ValueError } from '@gradkit/core';
import { argmax, logSumExp, logSumExp32 } from '@gradkit/core/kernels';

/** Changes one row of logits in place. `ids` is the row's whole sequence so far (prompt + generated). */
export interface LogitsProcessor {
  readonly name: string;
  apply(logits: Float64Array, ids: readonly number[]): void;
}

/** Changes one row of probabilities (summing to 1) in place, keeping it normalised. */
export interface ProbabilityWarper {
  readonly name: string;
  apply(probs: Float64Array): void;
}

/**
 * Repetition penalty (Keskar et al. 2019, CTRL; HF `RepetitionPenaltyLogitsProcessor`): for every
 * token already in the sequence, a positive logit is divided by `penalty`, a negative one
 * multiplied by it. `penalty` 1 changes nothing; > 1 discourages repeats.
 */
export class RepetitionPenaltyProcessor implements LogitsProcessor {
  readonly name = 'repetitionPenalty';
  constructor(readonly penalty: number) {}
  apply(logits: Float64Array, ids: readonly number[]): void {
    for (const id of new Set(ids)) {
      const v = logits[id]!;
      logits[id] = v > 0 ? v / this.penalty : v * this.penalty;
    }
  }
}

/**
 * No-repeat n-gram (HF `NoRepeatNGramLogitsProcessor`): a token that would complete an n-gram
 * already present in the sequence gets logit -∞.
 */
export class NoRepeatNGramProcessor implements LogitsProcessor {
  readonly name = 'noRepeatNgramSize';
  constructor(readonly n: number) {}
  apply(logits: Float64Array, ids: readonly number[]): void {
    const n = this.n;
    if (ids.length + 1 < n) return;
    const prefix = ids.slice(ids.length - (n - 1));
    for (let s = 0; s + n <= ids.length; s++) {
      let match = true;
      for (let j = 0; j < n - 1; j++)
        if (ids[s + j] !== prefix[j]) {
          match = false;
          break;
        }
      if (match) logits[ids[s + n - 1]!] = Number.NEGATIVE_INFINITY;
    }
  }
}

/** Temperature (HF `TemperatureLogitsWarper`): logits / T; T < 1 sharpens, T > 1 flattens. */
export class TemperatureProcessor implements LogitsProcessor {
  readonly name = 'temperature';
  constructor(readonly temperature: number) {}
  apply(logits: Float64Array): void {
    for (let i = 0; i < logits.length; i++) logits[i] = logits[i]! / this.temperature;
  }
}

/** Order of the indices by decreasing value, ties by increasing index (a stable `argsort(-p)`). */
export function argsortDescending(values: ArrayLike<number>): Int32Array {
  const idx = new Int32Array(values.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => values[b]! - values[a]! || a - b);
}

/** The k largest values' indices, decreasing (ties by index), without sorting everything. */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (best.length === k && v <= values[best[k - 1]!]!) continue;
    let j = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(i);
    while (j > 0 && values[best[j - 1]!]! < v) {
      best[j] = best[j - 1]!;
      j--;
    }
    best[j] = i;
  }
  return best;
}

function renormalise(probs: Float64Array): void {
  let z = 0;
  for (let i = 0; i < probs.length; i++) z += probs[i]!;
  for (let i = 0; i < probs.length; i++) probs[i] = probs[i]! / z;
}

/**
 * Top-k (Fan et al. 2018; the notebook's `get_top_k_token`, HF `TopKLogitsWarper`): zero every
 * probability below the k-th largest, renormalise. Ties with the k-th value are kept.
 */
export class TopKWarper implements ProbabilityWarper {
  readonly name = 'topK';
  constructor(readonly k: number) {}
  apply(probs: Float64Array): void {
    if (this.k >= probs.length) return;
    const top = topIndices(probs, this.k);
    const kth = probs[top[top.length - 1]!]!;
    for (let i = 0; i < probs.length; i++) if (probs[i]! < kth) probs[i] = 0;
    renormalise(probs);
  }
}

/**
 * Nucleus sampling with the notebook's rule (`get_nucleus_sampling_token`): sort decreasing, take
 * the cumulative sum, `thresh_index = argmax(cumsum > thresh)`, zero every probability below
 * `sorted[thresh_index]`, renormalise. So the kept set is the shortest prefix whose mass
 * EXCEEDS `thresh` (plus ties). `lastKept` is the notebook's printed "Choosing from %d tokens".
 */
export class NucleusNotebookWarper implements ProbabilityWarper {
  readonly name = 'topP';
  lastChoosingFrom = 0;
  constructor(readonly thresh: number) {}
  apply(probs: Float64Array): void {
    const order = argsortDescending(probs);
    let cum = 0;
    let threshIndex = 0;
    let found = false;
    for (let i = 0; i < order.length; i++) {
      cum += probs[order[i]!]!;
      if (cum > this.thresh) {
        threshIndex = i;
        found = true;
        break;
      }
    }
    // numpy's argmax of an all-False array is 0
    if (!found) threshIndex = 0;
    this.lastChoosingFrom = threshIndex;
    const threshProb = probs[order[threshIndex]!]!;
    for (let i = 0; i < probs.length; i++) if (probs[i]! < threshProb) probs[i] = 0;
    renormalise(probs);
  }
}

/**
 * Nucleus (top-p) sampling with Hugging Face's rule (`TopPLogitsWarper`, Holtzman et al. 2020):
 * sort increasing, remove the tokens whose cumulative mass is ≤ 1 − p, always keep the most
 * likely token; renormalise. So the kept set is the shortest prefix (by decreasing probability)
 * whose mass is AT LEAST p.
 */
export class TopPWarper implements ProbabilityWarper {
  readonly name = 'topP';
  constructor(readonly p: number) {}
  apply(probs: Float64Array): void {
    if (this.p >= 1) return;
    const order = argsortDescending(probs);
    const n = order.length;
    let cum = 0;
    // ascending cumulative sum: walk from the least likely
    for (let i = n - 1; i >= 1; i--) {
      cum += probs[order[i]!]!;
      if (cum <= 1 - this.p) probs[order[i]!] = 0;
      else break;
    }
    renormalise(probs);
  }
}

/** Softmax of a row in float64 (max-subtracted). */
export function softmaxRow(logits: ArrayLike<number>): Float64Array {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > m) m = logits[i]!;
  const out = new Float64Array(logits.length);
  let z = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp(logits[i]! - m);
    out[i] = e;
    z += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / z;
  return out;
}

/**
 * log Σ exp(x) of a row (max-subtracted). `max`, when the caller already knows the row's maximum,
 * skips the pass that finds it. A float32 row (a model's logits) is reduced at float32 precision,
 * as PyTorch's `log_softmax` of float32 logits is (the exp in float32, within about 2·10⁻⁷; summed
 * in float64): `@gradkit/core/kernels`' `logSumExp32`, WebAssembly SIMD where it loaded, about
 * 0.055 ms for GPT-2's 50,257 logits instead of 0.2 ms in float64 (0.6 ms in plain JavaScript), so
 * a token's log-probability costs a seventh of the tiny GPT-2's forward pass on one core instead
 * of half. Any other row (float64 logits after a processor, a plain array) is reduced in float64.
 *
 * @example
 *   logSumExpRow([0, Math.log(3)]); // log 4
 */
export function logSumExpRow(logits: ArrayLike<number>, max?: number): number {
  if (logits instanceof Float32Array) return logSumExp32(logits, logits.length, max);
  if (logits instanceof Float64Array) return logSumExp(logits, logits.length, max);
  let m = Number.NEGATIVE_INFINITY;
  if (max !== undefined) m = max;
  else for (let i = 0; i < logits.length; i++) if (logits[i]! > m) m = logits[i]!;
  if (m === Number.NEGATIVE_INFINITY) return m;
  let z = 0;
  for (let i = 0; i < logits.length; i++) z += Math.exp(logits[i]! - m);
  return m + Math.log(z);
}

/** log-softmax of a row in float64: `x - logsumexp(x)`. */
export function logSoftmaxRow(logits: ArrayLike<number>): Float64Array {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > m) m = logits[i]!;
  let z = 0;
  for (let i = 0; i < logits.length; i++) z += Math.exp(logits[i]! - m);
  const lse = m + Math.log(z);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i]! - lse;
  return out;
}

/**
 * Index of the largest value: the first one on ties, and the first NaN if there is one (`np.argmax`).
 * A float32 or float64 row runs `@gradkit/core/kernels`' `argmax` (two WebAssembly SIMD passes for
 * a float32 row: about 10 µs over GPT-2's 50,257 logits instead of 100).
 */
export function argmaxRow(values: ArrayLike<number>): number {
  if ((values instanceof Float32Array || values instanceof Float64Array) && values.length > 0)
    return argmax(values);
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return i;
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/**
 * The k-th most likely index (k = 0: the most likely), the notebook's `get_kth_most_likely_token`.
 * Ties are ordered by index.
 */
export function kthMostLikely(probs: ArrayLike<number>, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k >= probs.length)
    throw new ValueError('kthMostLikely', `k must be an integer in [0, ${probs.length}), received ${k}`);
  const top = topIndices(probs, k + 1);
  return top[k]!;
}
