// The IDX reader on real files: Fashion-MNIST as Debian packages it (`apt-get install
// dataset-fashion-mnist`, /usr/share/datasets/fashion-mnist). Skipped where the package is not
// installed. The expected values come from numpy reading the same .gz files with gzip +
// np.frombuffer (tests/fixtures/gen_datasets_fashion.py -> datasets_fashion.json), and the
// format's documented header: magic 2051 for images, 2049 for labels, 28x28 images.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx } from '../src/index.js';
import { loadIdx, loadMnist } from '../src/node.js';

interface FileRef {
  sha256: string;
  magic: number;
  dims: number[];
  sum?: number;
  weighted_sum: number;
  first: number[];
  last?: number[];
  counts?: number[];
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, '../../../tests/fixtures/datasets_fashion.json'), 'utf8'),
) as { dir: string; files: Record<string, FileRef> };
const dir = fixture.dir; // /usr/share/datasets/fashion-mnist
const present = Object.keys(fixture.files).every((f) => existsSync(join(dir, f)));

describe.skipIf(!present)(`IDX reader on Debian's Fashion-MNIST (${dir})`, () => {
  it('reads the same files numpy read (SHA-256)', () => {
    for (const [name, ref] of Object.entries(fixture.files))
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
        name,
      ).toBe(ref.sha256);
  });

  it('has the documented IDX headers: magic 2051 [N, 28, 28] images, 2049 [N] labels', () => {
    for (const [name, ref] of Object.entries(fixture.files)) {
      const raw = gunzipSync(readFileSync(join(dir, name)));
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const magic = view.getUint32(0, false);
      const images = name.includes('images');
      expect(magic).toBe(images ? IDX_IMAGES_MAGIC : IDX_LABELS_MAGIC);
      expect(magic).toBe(ref.magic);
      const n = name.startsWith('train') ? 60000 : 10000;
      const dims = Array.from({ length: magic & 0xff }, (_, d) => view.getUint32(4 + 4 * d, false));
      expect(dims).toEqual(images ? [n, 28, 28] : [n]);
      expect(dims).toEqual(ref.dims);
      const t = parseIdx(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), { name });
      expect(t.shape).toEqual(ref.dims);
      expect(t.dtype).toBe('int32');
    }
  });

  for (const split of ['train', 'test'] as const) {
    it(`loadMnist(dir, { split: '${split}' }) matches numpy's checksums`, () => {
      const prefix = split === 'train' ? 'train' : 't10k';
      const imgRef = fixture.files[`${prefix}-images-idx3-ubyte.gz`]!;
      const lblRef = fixture.files[`${prefix}-labels-idx1-ubyte.gz`]!;
      const n = imgRef.dims[0]!;
      const { images, labels } = loadMnist(dir, { split });
      expect(images.shape).toEqual([n, 1, 28, 28]);
      expect(labels.shape).toEqual([n]);
      // 6000 of each class in train, 1000 in test
      const counts = new Array(10).fill(0);
      let weightedLabels = 0;
      for (let i = 0; i < n; i++) {
        counts[labels.data[i]!]++;
        weightedLabels += (i + 1) * labels.data[i]!;
      }
      expect(counts).toEqual(new Array(10).fill(n / 10));
      expect(counts).toEqual(lblRef.counts);
      expect(weightedLabels).toBe(lblRef.weighted_sum);
      expect(Array.from(labels.data.subarray(0, 20))).toEqual(lblRef.first);
      // pixels: loadMnist gives pixel / 255 in float32; round(x * 255) recovers the byte
      let sum = 0;
      let weighted = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = i * 784; j < (i + 1) * 784; j++) s += Math.round(images.data[j]! * 255);
        sum += s;
        weighted += (i + 1) * s;
      }
      expect(sum).toBe(imgRef.sum);
      expect(weighted).toBe(imgRef.weighted_sum);
      const pixels = (i: number) =>
        Array.from(images.data.subarray(i * 784, (i + 1) * 784), (v) => Math.round(v * 255));
      expect(pixels(0)).toEqual(imgRef.first);
      expect(pixels(n - 1)).toEqual(imgRef.last);
    });
  }

  it('loadIdx gives the raw uint8 values as int32', () => {
    const ref = fixture.files['t10k-images-idx3-ubyte.gz']!;
    const t = loadIdx(join(dir, 't10k-images-idx3-ubyte.gz'));
    expect(t.shape).toEqual([10000, 28, 28]);
    expect(Array.from(t.data.subarray(0, 784))).toEqual(ref.first);
    let sum = 0;
    for (let i = 0; i < t.size; i++) sum += t.data[i]!;
    expect(sum).toBe(ref.sum);
  });
});
