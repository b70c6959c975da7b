/**
 * Coursework II's figures: four of the MNIST-1D templates the signals are made from (Convolution
 * II's page shows it too), and the coursework's learning-rate schedule (SGD + StepLR of the notebook).
 */
import { tensor } from '@gradkit/core';
import { mnist1dTemplates } from '@gradkit/datasets';
import { type Figure, functionPlot } from '@gradkit/plot';
import { courseworkOptimizer, RECIPE } from './notebook.js';

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Figure> = {
  'mnist1d-templates': () => {
    const t = mnist1dTemplates();
    const rows = t.x.toArray() as number[][];
    return functionPlot({
      x: t.t.toList() as number[],
      series: [0, 1, 2, 3].map((d) => ({ name: `digit ${d}`, y: rows[d]! })),
      xLabel: 't',
      yLabel: 'signal',
      title: 'MNIST-1D templates of the digits 0–3',
    });
  },
  'coursework-ii-schedule': () => {
    // The notebook's optimizer and schedule, stepped once per epoch: lr 0.05 halved every 10 epochs.
    const { scheduler } = courseworkOptimizer([tensor([0.0], { requiresGrad: true })], RECIPE);
    const lrs: number[] = [];
    for (let epoch = 0; epoch < RECIPE.epochs; epoch++) {
      lrs.push(scheduler.getLastLr()[0] as number);
      scheduler.step();
    }
    return functionPlot({
      x: lrs.map((_, i) => i),
      series: [{ name: 'learning rate', y: lrs }],
      xLabel: 'epoch',
      yLabel: 'learning rate',
      title: 'StepLR(step 10, γ 0.5) from lr 0.05',
    });
  },
};
