/**
 * `gradkit train`: the CM20315 coursework pipeline on MNIST-1D (the pipeline is the Coursework II
 * lesson's notebook code, `@gradkit/course/lessons/coursework-ii/notebook`; `../coursework.ts`
 * adds the data options and the progress display, imported lazily so `gradkit --help` stays
 * fast). See that file for the defaults, the data layouts and the improvement options.
 */
import { resolve } from 'node:path';
import { writeFileAtomic } from '@gradkit/core/node';
import type { Command } from 'commander';
import type { TrainOptions, TrainResult } from '../coursework.js';
import { COURSEWORK_BASELINE, RECIPE } from '../recipe.js';
import {
  checkOutputFile,
  emitResult,
  formatTable,
  log,
  parseInteger,
  parseNumber,
  parseNumberList,
  UsageError,
} from '../util.js';

function render(r: TrainResult, o: TrainOptions): string[] {
  const lines = formatTable(
    r.history.map((h) => ({
      epoch: h.epoch,
      'train loss': h.trainLoss,
      'train error': h.trainError,
      'val loss': h.valLoss,
      'val error': h.valError,
      lr: h.lr,
      seconds: h.seconds,
    })),
    undefined,
    (v, c) =>
      typeof v !== 'number' || c === 'epoch'
        ? String(v)
        : c.endsWith('loss')
          ? v.toFixed(6)
          : c === 'lr'
            ? String(Number(v.toPrecision(6)))
            : v.toFixed(2),
  );
  if (r.members) {
    lines.push('', `ensemble of ${r.members.length} (history above: the first member)`);
    lines.push(
      ...formatTable(r.members, ['seed', 'trainError', 'valError'], (v, c) =>
        c === 'seed' ? String(v) : (v as number).toFixed(2),
      ),
    );
  }
  lines.push(
    '',
    `${o.model} on ${o.dataset}, ${r.epochs} epochs in ${r.seconds.toFixed(1)} s: train error ${r.trainError.toFixed(2)}%, validation error ${r.valError.toFixed(2)}% (coursework baseline ${COURSEWORK_BASELINE}%)`,
  );
  return lines;
}

/** Register `gradkit train`. */
export function register(program: Command): void {
  program
    .command('train')
    .description(
      'train the coursework MLP or CNN on MNIST-1D (CM20315 Coursework I-III, Convolution II) and print the error history',
    )
    .option(
      '--dataset <name>',
      'mnist1d (generated, no files) | course (the udl-cm20315 .npy files)',
      'mnist1d',
    )
    .option(
      '--data <dir>',
      'directory of train_data_x.npy, train_data_y.npy, val_data_x.npy, val_data_y.npy (default ../shared/data/udl-cm20315)',
    )
    .option('--model <name>', 'mlp (40-100-100-10 ReLU) | cnn (figure 10.7 Conv1d network)', 'mlp')
    .option('--epochs <n>', 'epochs', parseInteger('--epochs', { min: 1, max: 100_000 }), RECIPE.epochs)
    .option(
      '--seed <s>',
      'seed of the RandomState for init, dropout and shuffling',
      parseInteger('--seed', { min: 0 }),
      RECIPE.seed,
    )
    .option('--lr <x>', 'SGD learning rate', parseNumber('--lr', { min: 0 }), RECIPE.lr)
    .option('--momentum <x>', 'SGD momentum', parseNumber('--momentum', { min: 0 }), RECIPE.momentum)
    .option(
      '--batch-size <n>',
      'examples per batch (shuffled every epoch)',
      parseInteger('--batch-size', { min: 1, max: 1_000_000 }),
      RECIPE.batchSize,
    )
    .option(
      '--step-size <n>',
      'StepLR: epochs between learning-rate drops',
      parseInteger('--step-size', { min: 1, max: 100_000 }),
      RECIPE.stepSize,
    )
    .option('--gamma <x>', 'StepLR: factor of each drop', parseNumber('--gamma', { min: 0 }), RECIPE.gamma)
    .option(
      '--hidden <w1,w2,...>',
      'MLP hidden widths (depth = count)',
      parseNumberList('--hidden', { integer: true, min: 1, max: 65_536 }),
      RECIPE.hidden,
    )
    .option(
      '--weight-decay <x>',
      'L2 penalty (SGD weight decay)',
      parseNumber('--weight-decay', { min: 0 }),
      RECIPE.weightDecay,
    )
    .option(
      '--dropout <p>',
      'MLP dropout probability after each hidden ReLU',
      parseNumber('--dropout', { min: 0, max: 1 }),
      RECIPE.dropout,
    )
    .option(
      '--augment <k>',
      'append k copies of the training set, circularly shifted with noise (MNIST-1D transforms)',
      parseInteger('--augment', { min: 0, max: 100 }),
      RECIPE.augment,
    )
    .option(
      '--ensemble <k>',
      'train k models (seeds s..s+k-1) and average their softmax outputs',
      parseInteger('--ensemble', { min: 1, max: 100 }),
      RECIPE.ensemble,
    )
    .option(
      '--init <which>',
      'CNN init: notebook (He on Linear only, as weights_init) | all (He on Conv1d too)',
      RECIPE.init,
    )
    .option('--plot <file.svg>', 'write the error curves (train red, validation blue, 37.45% dotted)')
    .action(async (opts: TrainOptions) => {
      if (opts.dataset !== 'mnist1d' && opts.dataset !== 'course')
        throw new UsageError(`--dataset expects mnist1d or course, received ${JSON.stringify(opts.dataset)}`);
      if (opts.model !== 'mlp' && opts.model !== 'cnn')
        throw new UsageError(`--model expects mlp or cnn, received ${JSON.stringify(opts.model)}`);
      if (opts.init !== 'notebook' && opts.init !== 'all')
        throw new UsageError(`--init expects notebook or all, received ${JSON.stringify(opts.init)}`);
      if (opts.plot !== undefined && !opts.plot.endsWith('.svg'))
        throw new UsageError(`--plot expects a .svg file name, received ${JSON.stringify(opts.plot)}`);
      if (opts.plot !== undefined) checkOutputFile('--plot', opts.plot); // before minutes of training
      const { runTrain } = await import('../coursework.js');
      const { errorCurvesSvg } = await import('../error-curves.js');
      const result = await runTrain(opts);
      if (opts.plot) {
        const file = resolve(opts.plot);
        writeFileAtomic(
          file,
          errorCurvesSvg({
            trainError: result.history.map((h) => h.trainError),
            valError: result.history.map((h) => h.valError),
            baseline: COURSEWORK_BASELINE,
            title: `${opts.model} on ${opts.dataset}: Validation Result ${result.valError.toFixed(2)}`,
          }),
        );
        log(`wrote ${file}`);
      }
      if (opts.json) {
        const { trainError, valError, seconds, epochs } = result;
        emitResult({ trainError, valError, seconds, epochs }, opts);
      } else emitResult(result, opts, (r) => render(r, opts));
    });
}
