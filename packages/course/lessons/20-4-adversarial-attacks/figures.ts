/**
 * Notebook 20.4's figures: for each of the three examples, the original digit and the FGSM image
 * x' = x + 0.5·sign(∂L/∂x) side by side, titled with the network's predictions (the notebook's
 * plots), and the iterative attack on the first example. From the notebook's full run (three
 * epochs on the 8000 digits of `loadMnistDigits`, RandomState(1)), run once for all figures.
 */
import { convolutionPlot, type Figure } from '@gradkit/plot';
import { Notebook } from '../../src/notebook.js';
import { run } from './notebook.js';

type Values = Record<string, unknown>;
let values: Promise<Values> | undefined;
/** The notebook's run at full scale, once. */
function notebookValues(): Promise<Values> {
  values ??= (async () => {
    const nb = new Notebook();
    await run(nb);
    return nb.result().values;
  })();
  return values;
}

/** A `[1, 1, 28, 28]` nested list as a 28×28 image. */
function image(v: unknown): { data: number[]; height: number; width: number } {
  return { data: (v as number[][][][]).flat(3), height: 28, width: 28 };
}

function fgsmFigure(i: number): () => Promise<Figure> {
  return async () => {
    const v = await notebookValues();
    const before = (v['output.data.max(1, keepdim=True)[1][0].item()'] as number[])[i]!;
    const after = (v['output_prime.data.max(1, keepdim=True)[1][0].item()'] as number[])[i]!;
    return convolutionPlot({
      input: image((v['x#all'] as unknown[])[i]),
      output: image((v['x_prime#all'] as unknown[])[i]),
      width: 560,
      height: 330,
      title: `Original Prediction: ${before}   →   Perturbed Prediction: ${after}`,
    });
  };
}

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Promise<Figure>> = {
  'adversarial-fgsm-0': fgsmFigure(0),
  'adversarial-fgsm-1': fgsmFigure(1),
  'adversarial-fgsm-2': fgsmFigure(2),
  'adversarial-iterative': async () => {
    const v = await notebookValues();
    const before = (v['output.data.max(1, keepdim=True)[1][0].item()'] as number[])[0]!;
    const steps = (v['iterative_predictions#all'] as number[][])[0]!;
    return convolutionPlot({
      input: image((v['x#all'] as unknown[])[0]),
      output: image((v['x_prime_iterative#all'] as unknown[])[0]),
      width: 560,
      height: 330,
      title: `Iterative attack (${steps.length} steps of ε = 0.05): ${before} → ${steps.at(-1)}`,
    });
  },
};

/**
 * All of them are drawn when the site is built, in Node: the digits are read from the `mnist`
 * package's files and the network trains for the notebook's three epochs first.
 */
export const prerendered: readonly string[] = Object.keys(figures);
