/**
 * `pnpm start [-- --epochs N] [--recipes baseline,l2,dropout,augment,ensemble]`: train the
 * coursework MLP on generated MNIST-1D with each improvement recipe and print a table of the
 * final training and validation errors (the coursework's original validation error is 37.45 %).
 */
import { IMPROVEMENTS, loadData, NOTEBOOK_RECIPE, type RecipeResult, runRecipe } from './coursework.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const epochs = Number(option('epochs') ?? NOTEBOOK_RECIPE.epochs);
const names = (option('recipes') ?? Object.keys(IMPROVEMENTS).join(',')).split(',');
for (const name of names)
  if (!(name in IMPROVEMENTS))
    throw new Error(
      `--recipes: unknown recipe ${JSON.stringify(name)}; expected one of ${Object.keys(IMPROVEMENTS).join(', ')}`,
    );
if (!Number.isInteger(epochs) || epochs < 1)
  throw new Error(`--epochs: expected a positive integer, received ${option('epochs')}`);

const data = loadData();
console.log(
  `MNIST-1D: ${data.x.shape[0]} training, ${data.xVal.shape[0]} validation examples; ${epochs} epochs per network`,
);
const results: RecipeResult[] = [];
for (const name of names) {
  const recipe = { ...NOTEBOOK_RECIPE, epochs, ...IMPROVEMENTS[name] };
  const t0 = performance.now();
  const r = await runRecipe(name, data, recipe, (e) => {
    if ((e.epoch + 1) % 10 === 0 || e.epoch === 0)
      console.log(
        `  ${name} epoch ${String(e.epoch + 1).padStart(3)}: train ${e.trainError.toFixed(2)} %, validation ${e.valError.toFixed(2)} %`,
      );
  });
  results.push(r);
  console.log(
    `${name}: train ${r.trainError.toFixed(2)} %, validation ${r.valError.toFixed(2)} % (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
}
console.table(
  results.map((r) => ({
    recipe: r.name,
    'train error %': r.trainError.toFixed(2),
    'validation error %': r.valError.toFixed(2),
  })),
);
