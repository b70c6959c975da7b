/**
 * `gradkit mnist1d`: generate MNIST-1D (Greydanus & Kobak) with `makeMnist1d` from
 * `@gradkit/datasets` — the same draws and arithmetic as the reference Python generator, so the
 * defaults (`--seed 42 --num-samples 5000`) reproduce the frozen dataset of the paper — and write
 * it as numpy files: `x.npy` [N_train, L] float64, `y.npy` [N_train] int64, `x_test.npy`,
 * `y_test.npy`, `t.npy` [L] (plus `templates_*.npy` with `--templates`). Files are written
 * atomically (temporary name, then rename).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { MNIST1D_DEFAULTS, type Mnist1dArgs, makeMnist1d } from '@gradkit/datasets';
import { saveMnist1d } from '@gradkit/datasets/node';
import type { Command } from 'commander';
import {
  type CommonOptions,
  elapsedMs,
  emitResult,
  log,
  parseInteger,
  parseNumber,
  parseNumberList,
  UsageError,
} from '../util.js';

/** Options of `gradkit mnist1d`. */
export interface Mnist1dOptions extends CommonOptions {
  out: string;
  seed: number;
  numSamples: number;
  trainSplit: number;
  templateLen: number;
  padding: number[];
  scaleCoeff: number;
  maxTranslation: number;
  corrNoiseScale: number;
  iidNoiseScale: number;
  shearScale: number;
  shuffleSeq?: boolean;
  finalSeqLength: number;
  templates?: boolean;
}

/** What `gradkit mnist1d` reports. */
export interface Mnist1dResult {
  out: string;
  files: string[];
  args: Mnist1dArgs;
  train: { x: number[]; y: number[] };
  test: { x: number[]; y: number[] };
  /** Examples per class in the training set, labels 0..9. */
  trainClassCounts: number[];
  generateMs: number;
  writeMs: number;
}

/** Generate and write the dataset (the command's action, callable from tests). */
export function runMnist1d(opts: Mnist1dOptions): Mnist1dResult {
  if (!opts.out) throw new UsageError('--out expects a directory, received nothing');
  if (opts.padding.length !== 2)
    throw new UsageError(
      `--padding expects two integers low,high, received ${JSON.stringify(opts.padding.join(','))}`,
    );
  const args: Mnist1dArgs = {
    numSamples: opts.numSamples,
    trainSplit: opts.trainSplit,
    templateLen: opts.templateLen,
    padding: [opts.padding[0]!, opts.padding[1]!],
    scaleCoeff: opts.scaleCoeff,
    maxTranslation: opts.maxTranslation,
    corrNoiseScale: opts.corrNoiseScale,
    iidNoiseScale: opts.iidNoiseScale,
    shearScale: opts.shearScale,
    shuffleSeq: opts.shuffleSeq ?? false,
    finalSeqLength: opts.finalSeqLength,
    seed: opts.seed,
  };
  log(
    `generating MNIST-1D: ${args.numSamples} examples, seed ${args.seed}${args.shuffleSeq ? ', shuffled sequence' : ''}`,
  );
  let start = performance.now();
  const data = makeMnist1d(args);
  const generateMs = elapsedMs(start);
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  start = performance.now();
  const files = saveMnist1d(out, data, { templates: opts.templates ?? false });
  const writeMs = elapsedMs(start);
  log(`wrote ${files.length} files to ${out}`);
  const counts = new Array<number>(10).fill(0);
  for (const label of data.y.data) counts[label]!++;
  return {
    out,
    files,
    args,
    train: { x: [...data.x.shape], y: [...data.y.shape] },
    test: { x: [...data.xTest.shape], y: [...data.yTest.shape] },
    trainClassCounts: counts,
    generateMs,
    writeMs,
  };
}

export function register(program: Command): void {
  const d = MNIST1D_DEFAULTS;
  program
    .command('mnist1d')
    .description(
      'generate MNIST-1D exactly as the reference Python generator (defaults: the frozen dataset of the paper) and write x.npy, y.npy, x_test.npy, y_test.npy, t.npy',
    )
    .requiredOption('--out <dir>', 'output directory (created if missing)')
    .option('--seed <n>', 'RandomState seed', parseInteger('--seed', { min: 0, max: 0xffffffff }), d.seed)
    .option(
      '--num-samples <n>',
      'examples before the train/test split',
      parseInteger('--num-samples', { min: 1, max: 1_000_000 }),
      d.numSamples,
    )
    .option(
      '--train-split <f>',
      'fraction of examples for training',
      parseNumber('--train-split', { min: 0, max: 1 }),
      d.trainSplit,
    )
    .option(
      '--template-len <n>',
      'template length',
      parseInteger('--template-len', { min: 1, max: 10_000 }),
      d.templateLen,
    )
    .option(
      '--padding <low,high>',
      'range of zeros appended before dilation',
      parseNumberList('--padding', { integer: true, min: 0, max: 10_000 }),
      [...d.padding],
    )
    .option('--scale-coeff <f>', 'amplitude scaling coefficient', parseNumber('--scale-coeff'), d.scaleCoeff)
    .option(
      '--max-translation <n>',
      'largest circular shift + 1',
      parseInteger('--max-translation', { min: 1, max: 10_000 }),
      d.maxTranslation,
    )
    .option(
      '--corr-noise-scale <f>',
      'correlated background noise scale',
      parseNumber('--corr-noise-scale'),
      d.corrNoiseScale,
    )
    .option('--iid-noise-scale <f>', 'iid noise scale', parseNumber('--iid-noise-scale'), d.iidNoiseScale)
    .option('--shear-scale <f>', 'shear scale', parseNumber('--shear-scale'), d.shearScale)
    .option(
      '--final-seq-length <n>',
      'length of each signal',
      parseInteger('--final-seq-length', { min: 1, max: 10_000 }),
      d.finalSeqLength,
    )
    .option('--shuffle-seq', 'permute the sequence positions (one permutation for all examples)')
    .option('--templates', 'also write templates_x.npy, templates_t.npy, templates_y.npy')
    .action((opts: Mnist1dOptions) => {
      emitResult(runMnist1d(opts), opts, (r) => [
        `MNIST-1D (seed ${r.args.seed}${r.args.shuffleSeq ? ', shuffle-seq' : ''}) in ${r.out}`,
        `  train: x [${r.train.x.join(', ')}], y [${r.train.y.join(', ')}]`,
        `  test:  x [${r.test.x.join(', ')}], y [${r.test.y.join(', ')}]`,
        `  train examples per class: ${r.trainClassCounts.join(' ')}`,
        `  files: ${r.files.map((f) => f.slice(r.out.length + 1)).join(', ')}`,
        `  generated in ${r.generateMs} ms, written in ${r.writeMs} ms`,
      ]);
    });
}
