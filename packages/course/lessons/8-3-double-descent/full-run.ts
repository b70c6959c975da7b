// Written by packages/course/scripts/double-descent-full-run.ts: do not edit by hand.
// Notebook 8.3's sweep run by the lesson's own code (each width: RandomState(1), SGD lr 0.01
// momentum 0.9, batches of 100, 1000 epochs on 4000 MNIST-1D examples with 15% label noise).
import type { DoubleDescentRun } from './notebook.js';

export const FULL_RUN: DoubleDescentRun = {
  nEpoch: 1000,
  hiddenVariables: [
    2, 4, 6, 8, 10, 14, 18, 22, 26, 30, 35, 40, 45, 50, 55, 60, 70, 80, 90, 100, 120, 140, 160, 180, 200, 250,
    300, 400,
  ],
  totalWeightsAll: [
    118, 234, 358, 490, 630, 934, 1270, 1638, 2038, 2470, 3055, 3690, 4375, 5110, 5895, 6730, 8550, 10570,
    12790, 15210, 20650, 26890, 33930, 41770, 50410, 75510, 105610, 180810,
  ],
  errorsTrain: [
    70.7, 64.5, 58.775, 53.625, 53.75, 42.825, 38.175, 34.25, 28, 22.474999999999994, 17.799999999999997,
    11.400000000000006, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  ],
  errorsTest: [
    67.75, 62.475, 58.525, 56.3, 56.575, 49.675, 51.4, 53.35, 56, 55.95, 58.2, 56.475, 58.275, 55.25, 55.825,
    55.125, 53.525, 52.95, 52.9, 51.6, 51.75, 50.35, 49.35, 49.125, 48.3, 47.45, 46.275, 45.8,
  ],
  hiddenVariableAtNumTrainingExamples: 40,
  seconds: 1488,
  threads: 2,
  gemmThreads: {},
  machine: 'AMD EPYC, 2 cores, load average 7.5 at the start; Node 20.20.2',
};
