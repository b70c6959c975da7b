/**
 * The 1-D test loss of line search (UDL section 6.1, figure 6.10; Notebook 6.1 and the CM20315
 * Training I practical): a flat loss of 1 with Gaussian dips,
 *
 * ```
 * L[φ] = 1 − Σ_k depth_k · exp(−(φ − mean_k)² / width_k)
 * ```
 *
 * The notebooks' `loss_function` is the default ({@link UDL61_DIPS}): a wide dip at 0.65 and a
 * narrow, slightly shallower one at 0.35, which together make one minimum near 0.380 and a shoulder
 * near 0.6. Other dips give losses with several valleys, on which a line search may end in any
 * of them (the randomized losses the line-search exercises are graded on).
 */
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';

/** One Gaussian dip of {@link gaussianDipsLoss}: `depth · exp(−(φ − mean)² / width)`. */
export interface Dip {
  /** Where the dip is centred. */
  readonly mean: number;
  /** How far below 1 it goes at its centre. */
  readonly depth: number;
  /** The denominator of the exponent (twice the variance of the Gaussian); > 0. */
  readonly width: number;
}

/**
 * Notebook 6.1's `loss_function`:
 * `1 − 0.5 exp(−(φ − 0.65)²/0.1) − 0.45 exp(−(φ − 0.35)²/0.02)` (the dips in the notebook's order).
 */
export const UDL61_DIPS: readonly Dip[] = Object.freeze([
  Object.freeze({ mean: 0.65, depth: 0.5, width: 0.1 }),
  Object.freeze({ mean: 0.35, depth: 0.45, width: 0.02 }),
]);

/**
 * The line-search test loss `L[φ] = 1 − Σ_k depth_k exp(−(φ − mean_k)²/width_k)` (UDL figure 6.10),
 * subtracting the dips in order with the notebook's operation order
 * (`1 - 0.5 * np.exp(-(phi-0.65)*(phi-0.65)/0.1) - …`), so the default equals Notebook 6.1's
 * `loss_function` to the last bit.
 *
 * @param phi the parameter φ (any finite number).
 * @param dips the dips; default {@link UDL61_DIPS} (the notebook's loss).
 * @throws ValueError when `phi` is not a finite number or a dip's width is not positive.
 *
 * @example
 * gaussianDipsLoss(0.35);  // 0.34675… : the bottom of the narrow valley
 * gaussianDipsLoss(0.5, [{ mean: 0.5, depth: 1, width: 0.1 }]); // 0
 */
export function gaussianDipsLoss(phi: number, dips: readonly Dip[] = UDL61_DIPS): number {
  const op = 'gaussianDipsLoss';
  if (typeof phi !== 'number' || !Number.isFinite(phi))
    throw new ValueError(op, `phi must be a finite number, received ${show(phi)}`);
  if (!Array.isArray(dips))
    throw new ValueError(op, `dips must be an array of { mean, depth, width }, received ${show(dips)}`);
  let loss = 1;
  dips.forEach((dip, k) => {
    const { mean, depth, width } = dip ?? ({} as Dip);
    if (![mean, depth, width].every((v) => typeof v === 'number' && Number.isFinite(v)) || !(width > 0))
      throw new ValueError(
        op,
        `dips[${k}] must be { mean, depth, width } of finite numbers with width > 0, received ${show(dip)}`,
      );
    const d = phi - mean;
    loss = loss - depth * Math.exp((-d * d) / width);
  });
  return loss;
}
