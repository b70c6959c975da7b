/**
 * `gradkit demo` section of Notebook 9.5: the notebook hopes "you should see an improvement in
 * performance when we augment the data" — train the 40-200-200-10 network for a few epochs on the
 * 4000 originals plus 0, 4000 and 12000 augmented copies and compare the test errors.
 */
import { defineSection } from '../../src/types.js';

/** Epochs per run (the notebook trains 50). */
export const DEMO_EPOCHS = 6;
/** Augmented examples added to the 4000 originals in each run. */
export const DEMO_AUGMENT = [0, 4000, 12000] as const;

interface AugmentationDemo {
  epochs: number;
  runs: { nAugment: number; trainError: number; testError: number; seconds: number }[];
}

export const section = defineSection<AugmentationDemo>({
  title: 'Notebook 9.5: how many augmented examples?',
  async run(ctx) {
    const { trainBoth } = await import('./notebook.js');
    const runs: AugmentationDemo['runs'] = [];
    for (const nAugment of DEMO_AUGMENT) {
      const t0 = performance.now();
      // the second run of trainBoth trains on originals + nAugment copies (nAugment 0: the originals)
      const r = await trainBoth(DEMO_EPOCHS, { nAugment });
      runs.push({
        nAugment,
        trainError: r.errorsTrainAug.at(-1)!,
        testError: r.errorsTestAug.at(-1)!,
        seconds: (performance.now() - t0) / 1000,
      });
      ctx.log(`${nAugment} augmented examples: test error ${runs.at(-1)!.testError.toFixed(2)}%`);
    }
    return { epochs: DEMO_EPOCHS, runs };
  },
  render(r) {
    return [
      `MNIST-1D, 40-200-200-10 ReLU network, SGD lr 0.05 momentum 0.9, ${r.epochs} epochs per run:`,
      '  augmented   train error   test error',
      ...r.runs.map(
        (x) =>
          `  ${String(x.nAugment).padStart(9)}   ${x.trainError.toFixed(2).padStart(10)}%  ${x.testError.toFixed(2).padStart(9)}%`,
      ),
      '(`gradkit run 9-5-augmentation` runs the notebook: 50 epochs without and with 4000 copies.)',
    ];
  },
});
