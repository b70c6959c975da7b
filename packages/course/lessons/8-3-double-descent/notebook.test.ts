// Notebook 8.3: `gradkit run 8-3-double-descent` (udlbook/8_3_Double_Descent.md). The notebook has
// no recorded outputs; it prints the data sizes (4000, 4000, 40), then per width "Training model
// with … hidden variables" and an epoch line every 100 epochs, and its plot marks the width whose
// weights are closest to the 4000 training examples. Asserted here: those sizes, the label noise
// against CPython's own stream (tests/fixtures/random_python.json, gen_random_python.py), the 28
// weight counts (count_parameters: 40D + D + D² + D + 10D + 10) and the marked width (40), at one
// epoch per width (scale 0.001). PyTorch is not seeded in the notebook, so its training numbers are
// not reproducible; the training is checked for what any run shows (the errors fall and the epoch
// lines have the notebook's format); the committed run (full-run.ts) is checked to be what the code
// computes, and for the double-descent shape when it trained the notebook's 1000 epochs.
import { readFileSync } from 'node:fs';
import { PythonRandom, RandomState } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { FULL_RUN } from './full-run.js';
import {
  addLabelNoise,
  closestIndex,
  countParameters,
  doubleDescentData,
  getModel,
  HIDDEN_VARIABLES,
  trainWidth,
} from './notebook.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/random_python.json', import.meta.url), 'utf8'),
) as { label_noise: { seed: number; n: number; p: number; pairs: [number, number][] } };

const EPOCH_LINE =
  /^Epoch {5}0, train loss \d\.\d{6}, train error \d+\.\d{2}, {2}test loss \d\.\d{6}, test error \d+\.\d{2}$/;

describe('8-3-double-descent notebook', async () => {
  const { values, report } = await runLesson('8-3-double-descent', { scale: 0.001 });

  it('prints the device and the data sizes: 4000 training and 4000 test examples of 40 dimensions', () => {
    expect(report.slice(0, 4)).toEqual([
      'Using: cpu',
      'Examples in training set: 4000',
      'Examples in test set: 4000',
      'Dimensionality of each example: 40',
    ]);
    expect(values["len(data['y'])"]).toBe(4000);
    expect(values["len(data['y_test'])"]).toBe(4000);
    expect(values["data['x'].shape[-1]"]).toBe(40);
  });

  it("redraws the training labels with Python's random.seed(0) stream, as CPython does", () => {
    const d = doubleDescentData();
    const { seed, n, p, pairs } = fx.label_noise;
    expect(d.y.size).toBe(n);
    const expected = Array.from(d.yClean.data);
    for (const [c, label] of pairs) expected[c] = label;
    expect(Array.from(d.y.data)).toEqual(expected);
    expect(addLabelNoise(d.yClean.data, new PythonRandom(seed), p)).toEqual(expected);
    expect(pairs.length).toBe(595); // 595 of 4000 labels redrawn (14.9%), some to the label they had
    expect(Array.from(d.yTest.data).every((v) => v >= 0 && v <= 9)).toBe(true);
  });

  it('trains the 28 widths in order, one epoch each at this scale, with the notebook’s lines', () => {
    expect(values.hidden_variables).toEqual([...HIDDEN_VARIABLES]);
    expect(values.n_epoch).toBe(1);
    expect(values['hidden_variables[c_hidden]']).toEqual([...HIDDEN_VARIABLES]);
    const widths = report.filter((l) => l.startsWith('Training model'));
    expect(widths[0]).toBe('Training model with   2 hidden variables');
    expect(widths[27]).toBe('Training model with 400 hidden variables');
    const epochs = report.filter((l) => l.startsWith('Epoch'));
    expect(epochs).toHaveLength(28);
    for (const l of epochs) expect(l).toMatch(EPOCH_LINE);
  });

  it('counts the weights (count_parameters) and marks the width closest to 4000 weights: 40', () => {
    const total = HIDDEN_VARIABLES.map((d) => 40 * d + d + d * d + d + 10 * d + 10);
    expect(values.total_weights_all).toEqual(total);
    expect(total[0]).toBe(118);
    expect(total[11]).toBe(3690); // D = 40
    expect(total[12]).toBe(4375); // D = 45
    expect(total[27]).toBe(180810); // D = 400
    expect(countParameters(getModel(45, new RandomState(0)))).toBe(4375);
    expect(values.num_training_examples).toBe(4000);
    expect(values.closest_index).toBe(11);
    expect(values.hidden_variable_at_num_training_examples).toBe(40);
    expect(closestIndex([10, 30, 50], 40)).toBe(1); // a tie: the first, as np.argmin
  });

  it('stores the errors in integer arrays, as np.zeros_like(hidden_variables) does', () => {
    const train = values.errors_train_all as number[];
    const test = values.errors_test_all as number[];
    expect(train).toHaveLength(28);
    for (const v of [...train, ...test]) expect(Number.isInteger(v) && v >= 0 && v <= 100).toBe(true);
    expect(train[27]).toBe(Math.trunc(values.errors_train as number));
    expect(test[27]).toBe(Math.trunc(values.errors_test as number));
  });

  it('a width trains: 20 epochs of D = 60 bring both errors well below chance (90%)', async () => {
    const r = await trainWidth({ nHidden: 60, nEpoch: 20 });
    expect(r.totalWeights).toBe(40 * 60 + 60 + 3600 + 60 + 600 + 10);
    expect(r.testCurve).toHaveLength(20);
    expect(r.errorsTrain).toBeLessThan(60);
    expect(r.errorsTest).toBeLessThan(60);
    expect(r.printed.map((p) => p.epoch)).toEqual([0]);
    // deterministic: the same job gives the same numbers (what lets the sweep run in parallel)
    const again = await trainWidth({ nHidden: 60, nEpoch: 2 });
    const first = await trainWidth({ nHidden: 60, nEpoch: 2 });
    expect(again.testCurve).toEqual(first.testCurve);
  });

  it('the committed run is reproducible; at 1000 epochs it shows double descent: a test peak near N weights, then lower', async () => {
    const { hiddenVariables: h, errorsTrain, errorsTest } = FULL_RUN;
    expect(h).toEqual([...HIDDEN_VARIABLES]);
    expect(FULL_RUN.totalWeightsAll).toEqual(values.total_weights_all);
    expect(FULL_RUN.hiddenVariableAtNumTrainingExamples).toBe(40);
    // the committed file is what the code computes: its narrowest width, retrained (short runs only)
    if (FULL_RUN.nEpoch <= 50) {
      const w2 = await trainWidth({ nHidden: 2, nEpoch: FULL_RUN.nEpoch });
      expect([w2.errorsTrain, w2.errorsTest]).toEqual([errorsTrain[0], errorsTest[0]]);
    }
    if (FULL_RUN.nEpoch < 1000) return; // a short run (see full-run.ts) shows no double descent yet
    const peak = errorsTest.indexOf(Math.max(...errorsTest.slice(3)));
    expect(h[peak]).toBeGreaterThanOrEqual(22);
    expect(h[peak]).toBeLessThanOrEqual(80);
    expect(errorsTest[27]!).toBeLessThan(errorsTest[peak]! - 5);
    expect(errorsTrain[27]).toBe(0);
  });
});
