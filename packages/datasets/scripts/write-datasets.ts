/**
 * Writes the small data gradkit ships in the repository's `datasets/` folder as numpy `.npy`
 * files (run from the repo root: `node --conditions=@gradkit/source --import tsx
 * packages/datasets/scripts/write-datasets.ts`). `tests/test/datasets-shipped.test.ts` checks that
 * the committed files equal what the package exports.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  lossIData,
  lossIIData,
  lossIIIData,
  mnist1dTemplates,
  trainingIIData,
  trainingIIIData,
} from '../src/index.js';
import { saveNpy } from '../src/node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const i8 = { descr: '<i8' };

const templates = join(root, 'datasets/mnist1d-templates');
mkdirSync(templates, { recursive: true });
const t = mnist1dTemplates();
saveNpy(join(templates, 'templates_x.npy'), t.x);
saveNpy(join(templates, 'templates_t.npy'), t.t);
saveNpy(join(templates, 'templates_y.npy'), t.y, i8);

const toy = join(root, 'datasets/udl-toy');
mkdirSync(toy, { recursive: true });
saveNpy(join(toy, 'loss_x.npy'), lossIData().x);
saveNpy(join(toy, 'loss_i_y.npy'), lossIData().y);
saveNpy(join(toy, 'loss_ii_y.npy'), lossIIData().y, i8);
saveNpy(join(toy, 'loss_iii_y.npy'), lossIIIData().y, i8);
saveNpy(join(toy, 'training_ii_data.npy'), trainingIIData().data);
saveNpy(join(toy, 'training_iii_data.npy'), trainingIIIData().data);
console.log(`wrote ${templates} and ${toy}`);
