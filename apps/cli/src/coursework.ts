/**
 * `gradkit train` (loaded lazily by commands/train.ts): the CM20315 coursework pipeline
 * (Coursework I–III, Convolution II) on MNIST-1D from the command line. The pipeline itself — data
 * as float32 rows, the 40-100-100-10 ReLU MLP with He (kaiming-uniform) weights and zero biases
 * or the figure 10.7 CNN (`--model cnn`), cross-entropy, SGD lr 0.05 momentum 0.9, StepLR(10,
 * 0.5), batch 100 shuffled, 50 epochs, augmentation and ensembles — is the Coursework II lesson's
 * notebook code (`@gradkit/course/lessons/coursework-ii/notebook`); this module adds the options,
 * the data directories, the progress display and Ctrl-C.
 *
 * Data: `--dataset mnist1d` generates MNIST-1D (default arguments, seed 42: 4000 train / 1000
 * validation); `--dataset course --data DIR` reads the coursework's `train_data_x.npy` `[40, N]`,
 * `train_data_y.npy`, `val_data_x.npy`, `val_data_y.npy` (default DIR `../shared/data/udl-cm20315`).
 *
 * Output: on a TTY a progress bar, otherwise one JSON line per epoch on stderr; stdout gets the
 * history and the final errors; with `--json` the last stdout line is
 * `{"trainError", "valError", "seconds", "epochs"}`. `--plot FILE.svg` writes the coursework's
 * figure (train red, validation blue, the 37.45 % baseline dotted).
 *
 * The improvement recipes of Coursework I–III are options: `--hidden` (widths/depth),
 * `--lr`/`--momentum`/`--step-size`/`--gamma`, `--weight-decay` (L2), `--dropout`, `--augment`
 * (MNIST-1D's translate + noise transforms), `--ensemble K` (average of K models' softmax).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Tensor, ValueError } from '@gradkit/core';
import {
  type AttachTrainer,
  courseworkTrainData,
  mnist1dData,
  type RecipeResult,
  type TrainData,
  type TrainedModel,
  trainModel,
  trainRecipe,
} from '@gradkit/course/lessons/coursework-ii/notebook';
import { loadCourseworkData } from '@gradkit/datasets/node';
import { attachProgress } from './progress.js';
import { log, UsageError } from './util.js';

export { buildModel, type TrainData } from '@gradkit/course/lessons/coursework-ii/notebook';
/** The coursework's augmentation (`--augment`): `@gradkit/datasets`' `augmentMnist1d`. */
export { augmentMnist1d as augment } from '@gradkit/datasets';
export { COURSEWORK_BASELINE, RECIPE, type TrainOptions } from './recipe.js';

import type { TrainOptions } from './recipe.js';

/** Result of `gradkit train` (the `--json` object is its first four fields). */
export type TrainResult = RecipeResult;

/** `../shared/data/udl-cm20315` next to the repository (from the working directory or this file). */
export function defaultCourseDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const c of [
    resolve('../shared/data/udl-cm20315'),
    resolve(here, '../../../../shared/data/udl-cm20315'),
  ])
    if (existsSync(c)) return c;
  return undefined;
}

/** Inputs must be finite: a NaN would only surface later as a NaN loss. `x` is `[N, 40]` rows of a `[40, N]` file. */
function checkFinite(x: Tensor, file: string): void {
  const [n, d] = x.shape as [number, number];
  for (let i = 0; i < x.size; i++) {
    const v = x.data[i]!;
    if (!Number.isFinite(v))
      throw new ValueError(
        'gradkit train',
        `${file} [${d}, ${n}] holds ${v} at [${i % d}, ${Math.floor(i / d)}] (feature ${i % d} of example ${Math.floor(i / d)}); expected finite numbers`,
      );
  }
}

/** Load or generate the data of `--dataset`. */
export function loadTrainData(o: Pick<TrainOptions, 'dataset' | 'data'>): TrainData {
  if (o.dataset === 'mnist1d') {
    if (o.data !== undefined) throw new UsageError('--data applies to --dataset course only');
    return mnist1dData();
  }
  const dir = o.data ?? defaultCourseDir();
  if (dir === undefined)
    throw new UsageError(
      '--dataset course needs --data DIR (the default ../shared/data/udl-cm20315 does not exist)',
    );
  if (!existsSync(dir)) throw new UsageError(`--data ${JSON.stringify(dir)}: no such directory`);
  const d = loadCourseworkData(dir);
  checkFinite(d.train.xRows(), join(dir, 'train_data_x.npy'));
  checkFinite(d.val.xRows(), join(dir, 'val_data_x.npy'));
  return courseworkTrainData(d, `course data ${dir}`);
}

/** The progress display of `o` (bar or JSON lines, none when `quiet`) and Ctrl-C, around one run. */
function progress(o: Pick<TrainOptions, 'epochs' | 'tty' | 'quiet'>): AttachTrainer {
  return (trainer, label) => {
    const done = o.quiet
      ? () => {}
      : attachProgress(trainer, {
          epochs: o.epochs,
          ...(label ? { label } : {}),
          ...(o.tty !== undefined ? { tty: o.tty } : {}),
        });
    const onSigint = () => {
      done();
      log('interrupted');
      process.exit(130);
    };
    process.once('SIGINT', onSigint);
    return () => {
      process.off('SIGINT', onSigint);
      done();
    };
  };
}

/** One training run of the recipe with `seed`, with the progress display; returns the history and the trained model. */
export function trainOnce(
  data: TrainData,
  o: Omit<TrainOptions, 'dataset' | 'data'>,
  seed: number,
  label?: string,
): Promise<TrainedModel> {
  return trainModel(data, o, seed, progress(o), label);
}

/** Run the whole command: one model, or `ensemble` models averaged. */
export async function runTrain(o: TrainOptions): Promise<TrainResult> {
  if (!Number.isInteger(o.ensemble) || o.ensemble < 1)
    throw new ValueError('gradkit train', `--ensemble must be a positive integer, received ${o.ensemble}`);
  const data = loadTrainData(o);
  log(
    `data: ${data.source}: train ${data.x.shape[0]}×${data.x.shape[1]}, validation ${data.xVal.shape[0]}×${data.xVal.shape[1]}`,
  );
  if (o.model === 'cnn' && data.x.shape[1] !== 40)
    throw new UsageError(
      `--model cnn expects signals of length 40 (figure 10.7), the data has ${data.x.shape[1]} features`,
    );
  return trainRecipe(data, o, progress(o));
}
