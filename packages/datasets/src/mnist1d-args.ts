/**
 * The MNIST-1D generator's arguments and their reference defaults, on their own so that the
 * generator (`mnist1d.ts`) and the per-example transform (`transforms.ts`) both use them without
 * importing each other.
 */

/** The generator's arguments (the reference's `get_dataset_args()`, in camelCase). */
export interface Mnist1dArgs {
  /** Total number of examples before the split (rounded down to a multiple of 10). Default 5000. */
  numSamples: number;
  /** Fraction of examples in the training set. Default 0.8. */
  trainSplit: number;
  /** Length of each digit template. Default 12. */
  templateLen: number;
  /** Number of zeros appended to a template is drawn from [low, high]. Default [36, 60]. */
  padding: [number, number];
  /** Amplitude scale factor is 1 + scaleCoeff·(u - 0.5), u ~ U[0, 1). Default 0.4. */
  scaleCoeff: number;
  /** Circular shift k drawn from {0, ..., maxTranslation - 1}. Default 48. */
  maxTranslation: number;
  /** Std of the white noise that is Gaussian-filtered (sigma 2) into the background. Default 0.25. */
  corrNoiseScale: number;
  /** Std of the iid Gaussian noise added everywhere. Default 2e-2. */
  iidNoiseScale: number;
  /** Shear coefficient is shearScale·(u - 0.5). Default 0.75. */
  shearScale: number;
  /** Apply one random permutation to the sequence positions of every example. Default false. */
  shuffleSeq: boolean;
  /** Length of the final signals. Default 40. */
  finalSeqLength: number;
  /** Seed of the `RandomState` (the reference's `np.random.seed`). Default 42. */
  seed: number;
}

/** The reference defaults (`get_dataset_args()`), which produce the frozen dataset of the paper. */
export const MNIST1D_DEFAULTS: Readonly<Mnist1dArgs> = Object.freeze({
  numSamples: 5000,
  trainSplit: 0.8,
  templateLen: 12,
  padding: [36, 60] as [number, number],
  scaleCoeff: 0.4,
  maxTranslation: 48,
  corrNoiseScale: 0.25,
  iidNoiseScale: 2e-2,
  shearScale: 0.75,
  shuffleSeq: false,
  finalSeqLength: 40,
  seed: 42,
});
