/**
 * Coursework II's section of `gradkit demo` (formerly `mnist1d`): MNIST-1D regenerated exactly
 * (default arguments, seed 42: 4000 training and 1000 validation signals of length 40), then the
 * coursework's 40-100-100-10 ReLU MLP (He init, cross-entropy, SGD lr 0.05 momentum 0.9,
 * StepLR(10, 0.5), batches of 100) trained for a few epochs — the notebook's recipe, cut short to
 * keep the demo quick (`gradkit run coursework-ii` and `gradkit train` run the notebook's 50 epochs).
 */
import { defineSection } from '../../src/types.js';

/** Epochs the demo trains (the notebook trains 50). */
export const DEMO_EPOCHS = 8;

/** Numbers of the MNIST-1D section. */
export interface Mnist1dResult {
  trainExamples: number;
  validationExamples: number;
  epochs: number;
  /** Percent errors after each epoch. */
  history: { epoch: number; trainLoss: number; trainError: number; valError: number }[];
  valError: number;
  /** The coursework's original validation error after 50 epochs (PyTorch), for reference. */
  courseworkBaseline: number;
  seconds: number;
}

/** The `gradkit demo` section (`--only coursework-ii`, formerly `mnist1d`). */
export const section = defineSection<Mnist1dResult>({
  title: 'Coursework: an MLP on MNIST-1D',
  aliases: ['mnist1d'],
  async run(ctx) {
    const { COURSEWORK_BASELINE, RECIPE, mnist1dData, trainModel } = await import('./notebook.js');
    const data = mnist1dData();
    ctx.log(`${data.source}: train ${data.x.shape.join('×')}, validation ${data.xVal.shape.join('×')}`);
    const r = await trainModel(data, { ...RECIPE, epochs: DEMO_EPOCHS }, RECIPE.seed);
    const history = r.history.map((h) => ({
      epoch: h.epoch,
      trainLoss: h.trainLoss,
      trainError: h.trainError,
      valError: h.valError,
    }));
    ctx.log(
      `validation error after ${DEMO_EPOCHS} epochs: ${history[history.length - 1]!.valError.toFixed(2)}%`,
    );
    return {
      trainExamples: data.x.shape[0]!,
      validationExamples: data.xVal.shape[0]!,
      epochs: DEMO_EPOCHS,
      history,
      valError: history[history.length - 1]!.valError,
      courseworkBaseline: COURSEWORK_BASELINE,
      seconds: r.seconds,
    };
  },
  render(r) {
    return [
      `MNIST-1D: ${r.trainExamples} training / ${r.validationExamples} validation signals; 40-100-100-10 MLP, SGD + StepLR`,
      'epoch  train loss  train error  val error',
      ...r.history.map(
        (h) =>
          `${String(h.epoch).padStart(5)}  ${h.trainLoss.toFixed(4).padStart(10)}  ${h.trainError.toFixed(2).padStart(10)}%  ${h.valError.toFixed(2).padStart(8)}%`,
      ),
      `Validation error after ${r.epochs} epochs: ${r.valError.toFixed(2)}% (chance 90%; the coursework's 50-epoch baseline ${r.courseworkBaseline}%)`,
      `Training took ${r.seconds.toFixed(1)} s; \`pnpm gradkit train\` runs the full 50 epochs.`,
    ];
  },
});
