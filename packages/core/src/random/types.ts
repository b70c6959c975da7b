/** The argument and snapshot types of `RandomState` (numpy's `size`, `seed`, `get_state()`). */

import type { TensorLike } from '../tensor.js';

/** A seed: an integer in [0, 2^32 - 1], or a non-empty array of them (numpy's `init_by_array`). */
export type RandomSeed = number | readonly number[] | Uint32Array;

/** `size` of a draw: a number of values, or a shape array (`[2, 3]`). */
export type RandomSize = number | readonly number[];

/**
 * A snapshot of a `RandomState` (numpy's `get_state()`: `('MT19937', key, pos, has_gauss,
 * cached_gaussian)`). Pass it to `setState` to replay the stream from that point.
 */
export interface RandomStateSnapshot {
  algorithm: 'MT19937';
  /** The 624 words of MT19937 state. */
  key: number[];
  /** Index of the next word to use, 0..624. */
  pos: number;
  /** Whether a second Gaussian from the last polar draw is cached. */
  hasGauss: boolean;
  /** The cached Gaussian (0 when none). */
  cachedGaussian: number;
}

/** Options of `choice` (numpy's keyword arguments). */
export interface ChoiceOptions {
  /** Output shape; omitted: one value returned as a number. */
  size?: RandomSize | null;
  /** Sample with replacement (default true). */
  replace?: boolean;
  /** Probabilities of each entry of `a` (1-D, non-negative, summing to 1). */
  p?: TensorLike | null;
}
