/**
 * The small data shipped in the repository's `datasets/` folder: every folder documents
 * provenance, licence and shapes, and its `.npy` files equal what @gradkit/datasets exports
 * (written by packages/datasets/scripts/write-datasets.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tensor } from '@gradkit/core';
import {
  lossIData,
  lossIIData,
  lossIIIData,
  mnist1dTemplates,
  trainingIIData,
  trainingIIIData,
} from '@gradkit/datasets';
import { loadNpy } from '@gradkit/datasets/node';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../datasets');
const expected: Record<string, Record<string, Tensor>> = {
  'mnist1d-templates': {
    'templates_x.npy': mnist1dTemplates().x,
    'templates_t.npy': mnist1dTemplates().t,
    'templates_y.npy': mnist1dTemplates().y,
  },
  'udl-toy': {
    'loss_x.npy': lossIData().x,
    'loss_i_y.npy': lossIData().y,
    'loss_ii_y.npy': lossIIData().y,
    'loss_iii_y.npy': lossIIIData().y,
    'training_ii_data.npy': trainingIIData().data,
    'training_iii_data.npy': trainingIIIData().data,
  },
};

describe('datasets/', () => {
  it('the folders written by @gradkit/datasets have READMEs with provenance, licence and shapes', () => {
    for (const f of Object.keys(expected)) {
      const readme = readFileSync(join(root, f, 'README.md'), 'utf8');
      expect(readme).toMatch(/\*\*Provenance\*\*/);
      expect(readme).toMatch(/\*\*Licence\*\*/);
      expect(readme).toMatch(/shape/);
    }
  });
  for (const [folder, files] of Object.entries(expected)) {
    it(`${folder}: the .npy files equal the package exports`, () => {
      expect(
        readdirSync(join(root, folder))
          .filter((f) => f.endsWith('.npy'))
          .sort(),
      ).toEqual(Object.keys(files).sort());
      for (const [file, want] of Object.entries(files)) {
        const got = loadNpy(join(root, folder, file));
        expect(got.shape, file).toEqual(want.shape);
        expect(got.dtype, file).toBe(want.dtype);
        expect(Array.from(got.data), file).toEqual(Array.from(want.data));
      }
    });
  }
});
