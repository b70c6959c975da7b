/**
 * The numbers of docs/coursework.md: the coursework recipe and its improvement recipes
 * (Coursework I–III) trained with `gradkit train`'s own code (`runTrain`) on the course data,
 * each over several seeds, printed as one JSON line per run and a Markdown table (mean, min, max
 * of the final validation error). Not part of `pnpm bench` (it takes tens of minutes on 2 cores):
 *
 *   node --conditions=@gradkit/source --import tsx apps/cli/bench/recipes.ts [recipe...]
 *
 * Environment: `RECIPE_SEEDS` (default 3: seeds 1..3; the baseline always uses 5), `RECIPE_DATA`
 * (default ../shared/data/udl-cm20315; `mnist1d` for generated MNIST-1D), `RECIPE_EPOCHS` (50).
 */
import { RECIPE, runTrain, type TrainOptions } from '../src/coursework.js';

/** A named recipe: the options it changes from the notebook's. */
export interface NamedRecipe {
  name: string;
  /** Which coursework asks for it. */
  coursework: string;
  /** The `gradkit train` flags that select it. */
  flags: string;
  options: Partial<TrainOptions>;
  seeds?: number;
}

/** The recipes measured in docs/coursework.md. */
export const RECIPES: NamedRecipe[] = [
  { name: 'baseline', coursework: 'II', flags: '', options: {}, seeds: 5 },
  { name: 'wider', coursework: 'I', flags: '--hidden 200,200', options: { hidden: [200, 200] } },
  { name: 'deeper', coursework: 'I', flags: '--hidden 100,100,100', options: { hidden: [100, 100, 100] } },
  { name: 'batch-50', coursework: 'II', flags: '--batch-size 50', options: { batchSize: 50 } },
  { name: 'lr-0.01', coursework: 'II', flags: '--lr 0.01', options: { lr: 0.01 } },
  { name: 'step-5', coursework: 'II', flags: '--step-size 5', options: { stepSize: 5 } },
  { name: 'l2', coursework: 'III', flags: '--weight-decay 0.005', options: { weightDecay: 0.005 } },
  { name: 'dropout', coursework: 'III', flags: '--dropout 0.3', options: { dropout: 0.3 } },
  { name: 'augment', coursework: 'III', flags: '--augment 1', options: { augment: 1 } },
  { name: 'augment-3', coursework: 'III', flags: '--augment 3', options: { augment: 3 } },
  {
    name: 'l2+augment-3',
    coursework: 'III',
    flags: '--weight-decay 0.005 --augment 3',
    options: { weightDecay: 0.005, augment: 3 },
  },
  { name: 'ensemble', coursework: 'III', flags: '--ensemble 5', options: { ensemble: 5 }, seeds: 1 },
  { name: 'cnn', coursework: 'Conv II', flags: '--model cnn', options: { model: 'cnn' }, seeds: 5 },
];

const wanted = process.argv.slice(2);
const seeds = Number(process.env.RECIPE_SEEDS ?? 3);
const epochs = Number(process.env.RECIPE_EPOCHS ?? RECIPE.epochs);
const dataArg = process.env.RECIPE_DATA;
const dataset: Pick<TrainOptions, 'dataset' | 'data'> =
  dataArg === 'mnist1d'
    ? { dataset: 'mnist1d' }
    : { dataset: 'course', ...(dataArg ? { data: dataArg } : {}) };

const rows: string[] = [];
const unknown = wanted.filter((w) => !RECIPES.some((r) => r.name === w));
if (unknown.length)
  throw new Error(`unknown recipe ${unknown.join(', ')}; known: ${RECIPES.map((r) => r.name).join(', ')}`);
// in the order asked for (all of them by default)
for (const r of wanted.length ? wanted.map((w) => RECIPES.find((q) => q.name === w)!) : RECIPES) {
  const vals: number[] = [];
  const train: number[] = [];
  let seconds = 0;
  const n = r.seeds ?? seeds;
  for (let seed = 1; seed <= n; seed++) {
    const res = await runTrain({ ...RECIPE, ...dataset, epochs, ...r.options, seed, quiet: true });
    vals.push(res.valError);
    train.push(res.trainError);
    seconds += res.seconds;
    console.log(
      JSON.stringify({
        recipe: r.name,
        seed,
        trainError: res.trainError,
        valError: res.valError,
        seconds: res.seconds,
        ...(res.members ? { members: res.members } : {}),
      }),
    );
  }
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  rows.push(
    `| ${r.name} | ${r.coursework} | \`${r.flags || '(defaults)'}\` | ${n === 1 ? `seed 1${r.options.ensemble ? `–${r.options.ensemble}` : ''}` : `1–${n}`} | ${mean(vals).toFixed(2)} | ${Math.min(...vals).toFixed(2)}–${Math.max(...vals).toFixed(2)} | ${mean(train).toFixed(2)} | ${(seconds / n).toFixed(1)} |`,
  );
}
console.log(
  '\n| recipe | coursework | flags | seeds | val error % (mean) | val range | train error % | s/run |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
