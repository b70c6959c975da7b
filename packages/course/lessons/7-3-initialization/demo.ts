/**
 * `gradkit demo` section of Notebook 7.3, Initialization (the CM20315 practical Gradients III): the
 * notebook's TODO, "experiment with sigma_sq_omega", as a sweep. For the TODO network (K = 50 ReLU
 * layers of D = 80 units, zero biases, `init_params` seeded with 0) and each weight variance σ²_Ω,
 * the std of the hidden units at layers 1 and 50 (200 inputs) and of ∂ℓ/∂f at layers 49 and 1
 * (20 inputs): below He's 2/D both vanish, above it both explode (UDL section 7.5, eq. 7.32).
 */
import { defineSection } from '../../src/types.js';
import { forwardStd, gradientStd } from './notebook.js';

const K = 50;
const D = 80;

/** One weight variance of the sweep. */
export interface InitializationRow {
  sigmaSqOmega: number;
  /** std of h_1 and h_K. */
  forwardFirst: number;
  forwardLast: number;
  /** std of ∂ℓ/∂f_{K-1} (the first the backward pass reaches) and ∂ℓ/∂f_1. */
  gradientFirst: number;
  gradientLast: number;
}

/** Numbers of the Initialization section. */
export interface InitializationResult {
  K: number;
  D: number;
  /** He's variance 2/D. */
  he: number;
  rows: InitializationRow[];
}

/** The section (`gradkit demo --only 7-3-initialization`; also `gradients-iii`). */
export const section = defineSection<InitializationResult>({
  title: 'Initialization (Notebook 7.3, Gradients III): sweep the weight variance',
  run(ctx) {
    const rows = [0.5 / D, 1 / D, 2 / D, 3 / D, 1].map((sigmaSqOmega) => {
      ctx.log(`sigma_sq_omega = ${sigmaSqOmega}`);
      const f = forwardStd(K, D, sigmaSqOmega, 200);
      const g = gradientStd(K, D, sigmaSqOmega, 20);
      return {
        sigmaSqOmega,
        forwardFirst: f[0]!,
        forwardLast: f[K - 1]!,
        gradientFirst: g[K - 2]!,
        gradientLast: g[0]!,
      };
    });
    return { K, D, he: 2 / D, rows };
  },
  render(r) {
    const e = (x: number) => x.toExponential(2).padStart(10);
    return [
      `K = ${r.K} ReLU layers of D = ${r.D} units; He's sigma_sq_omega = 2/D = ${r.he}`,
      `  ${'sigma_sq_omega'.padEnd(16)} ${'std h_1'.padStart(10)} ${'std h_50'.padStart(10)} ${'dl/df_49'.padStart(10)} ${'dl/df_1'.padStart(10)}`,
      ...r.rows.map(
        (row) =>
          `  ${`${row.sigmaSqOmega.toPrecision(4)}${row.sigmaSqOmega === r.he ? ' (He)' : ''}`.padEnd(16)} ${e(row.forwardFirst)} ${e(row.forwardLast)} ${e(row.gradientFirst)} ${e(row.gradientLast)}`,
      ),
    ];
  },
});
