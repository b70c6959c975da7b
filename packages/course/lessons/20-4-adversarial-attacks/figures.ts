/**
 * Notebook 20.4's figures: for each of the three examples, the original digit and the FGSM image
 * x' = x + 0.5·sign(∂L/∂x) side by side, titled with the network's predictions (the notebook's
 * plots), and the iterative attack on the first example. From the notebook's full run (three
 * epochs on the 8000 digits of `loadMnistDigits`, RandomState(1)) by the lesson's code, recorded
 * in ./recorded-run.ts (./record-run.ts writes it).
 */
import { convolutionPlot, type Figure } from '@gradkit/plot';
import { RECORDED_RUN as r } from './recorded-run.js';

/** A 784-pixel row as a 28×28 image. */
function image(data: number[]): { data: number[]; height: number; width: number } {
  return { data, height: 28, width: 28 };
}

function fgsmFigure(i: number): () => Figure {
  return () =>
    convolutionPlot({
      input: image(r.x[i]!),
      output: image(r.xPrime[i]!),
      width: 560,
      height: 330,
      title: `Original Prediction: ${r.before[i]}   →   Perturbed Prediction: ${r.after[i]}`,
    });
}

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Figure> = {
  'adversarial-fgsm-0': fgsmFigure(0),
  'adversarial-fgsm-1': fgsmFigure(1),
  'adversarial-fgsm-2': fgsmFigure(2),
  'adversarial-iterative': () =>
    convolutionPlot({
      input: image(r.x[0]!),
      output: image(r.xPrimeIterative),
      width: 560,
      height: 330,
      title: `Iterative attack (${r.iterativePredictions.length} steps of ε = 0.05): ${r.before[0]} → ${r.iterativePredictions.at(-1)}`,
    }),
};
