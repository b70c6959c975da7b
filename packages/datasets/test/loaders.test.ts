import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { arange, fromData, RandomState, ShapeError, seed, tensor, ValueError } from '@gradkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DataLoader,
  encodeIdx,
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  makeMnist1d,
  parseIdx,
  TensorDataset,
} from '../src/index.js';
import {
  downloadMnist,
  loadCourseworkData,
  loadIdx,
  loadMnist,
  loadMnist1d,
  saveMnist1d,
  saveNpy,
} from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'gradkit-loaders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixtures = join(__dirname, '../../../tests/fixtures');
const toy = JSON.parse(readFileSync(join(fixtures, 'datasets_toy.json'), 'utf8')) as {
  loader: { seed: number; n: number; epochs: number[][] };
};
const shared = join(__dirname, '../../../../shared/data');

describe('TensorDataset', () => {
  it('indexes tensors together and checks their first dimension', () => {
    const ds = new TensorDataset(
      tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      tensor([0, 1, 2], { dtype: 'int32' }),
    );
    expect(ds.length).toBe(3);
    const [x, y] = ds.get(1);
    expect(x!.toList()).toEqual([3, 4]);
    expect(y!.shape).toEqual([]);
    expect(() => new TensorDataset(tensor([[1], [2]]), tensor([1, 2, 3]))).toThrow(
      /TensorDataset: size mismatch between tensors: tensor 0 has 2 examples .* but tensor 1 has 3/,
    );
    expect(() => ds.get(3)).toThrow(/index 3 is out of range for a dataset of 3 examples/);
  });
});

describe('DataLoader', () => {
  const n = toy.loader.n;
  const x = fromData(
    Float64Array.from({ length: n * 3 }, (_, i) => i),
    [n, 3],
  );
  const y = arange(n, undefined, 1, { dtype: 'int32' });

  it('without shuffling, batches follow the dataset order; the last batch is smaller unless dropLast', () => {
    const loader = new DataLoader({ dataset: new TensorDataset(x, y), batchSize: 4 });
    expect(loader.length).toBe(3);
    const batches = [...loader];
    expect(batches.map(([xb]) => xb!.shape)).toEqual([
      [4, 3],
      [4, 3],
      [2, 3],
    ]);
    expect(batches[2]![1]!.toList()).toEqual([8, 9]);
    expect(batches[1]![0]!.toArray()).toEqual([
      [12, 13, 14],
      [15, 16, 17],
      [18, 19, 20],
      [21, 22, 23],
    ]);
    const dropped = new DataLoader({ dataset: new TensorDataset(x, y), batchSize: 4, dropLast: true });
    expect(dropped.length).toBe(2);
    expect([...dropped].length).toBe(2);
  });

  it('shuffles with RandomState.permutation each epoch, exactly as numpy (fixture)', () => {
    const loader = new DataLoader({
      dataset: new TensorDataset(x, y),
      batchSize: 3,
      shuffle: true,
      rng: new RandomState(toy.loader.seed),
    });
    for (const perm of toy.loader.epochs) {
      const labels = [...loader].flatMap(([, yb]) => yb!.toList());
      expect(labels).toEqual(perm);
    }
  });

  it("without rng, shuffling draws from core's seedable process-wide generator", () => {
    seed(toy.loader.seed);
    const loader = new DataLoader({ dataset: new TensorDataset(y), batchSize: 4, shuffle: true });
    expect([...loader].flatMap(([yb]) => yb!.toList())).toEqual(toy.loader.epochs[0]);
    expect(new DataLoader({ dataset: new TensorDataset(y) }).length).toBe(n); // batchSize defaults to 1
  });

  it('rows stay paired with their labels when shuffled', () => {
    const loader = new DataLoader({
      dataset: new TensorDataset(x, y),
      batchSize: 4,
      shuffle: true,
      rng: new RandomState(5),
    });
    for (const [xb, yb] of loader)
      yb!
        .toList()
        .forEach((label, i) =>
          expect(Array.from(xb!.data.subarray(i * 3, i * 3 + 3))).toEqual([
            3 * label,
            3 * label + 1,
            3 * label + 2,
          ]),
        );
  });

  it('reuseBuffers yields the same storage every step; the default yields fresh batches', () => {
    const reuse = new DataLoader({ dataset: new TensorDataset(x, y), batchSize: 4, reuseBuffers: true });
    const seen = [...reuse].map(([xb]) => xb!.data.buffer);
    expect(new Set(seen).size).toBe(1);
    const fresh = new DataLoader({ dataset: new TensorDataset(x, y), batchSize: 4 });
    const batches = [...fresh];
    expect(new Set(batches.map(([xb]) => xb!.data.buffer)).size).toBe(3);
    expect(batches[0]![1]!.toList()).toEqual([0, 1, 2, 3]); // kept batches are not overwritten
  });

  it('validates its options', () => {
    const dataset = new TensorDataset(x, y);
    expect(() => new DataLoader({ dataset, batchSize: 0 })).toThrow(
      /DataLoader: options.batchSize must be a positive integer, received 0/,
    );
    expect(() => new DataLoader({ dataset: [x] as never })).toThrow(
      /options.dataset must be a TensorDataset/,
    );
    expect(() => new DataLoader({ dataset, rng: 42 as never })).toThrow(/options.rng must be a RandomState/);
  });
});

describe('IDX (MNIST) files', () => {
  const images = fromData(
    Int32Array.from({ length: 3 * 4 * 5 }, (_, i) => (i * 7) % 256),
    [3, 4, 5],
  );
  const labels = tensor([7, 0, 9], { dtype: 'int32' });

  it('encodes MNIST magic numbers 2049 / 2051 and parses them back', () => {
    const li = encodeIdx(labels);
    const im = encodeIdx(images);
    expect(new DataView(li.buffer).getUint32(0, false)).toBe(IDX_LABELS_MAGIC);
    expect(new DataView(im.buffer).getUint32(0, false)).toBe(IDX_IMAGES_MAGIC);
    expect(parseIdx(li).toList()).toEqual([7, 0, 9]);
    expect(parseIdx(im).shape).toEqual([3, 4, 5]);
    expect(Array.from(parseIdx(im).data)).toEqual(Array.from(images.data));
    for (const type of ['int8', 'int16', 'int32', 'float32', 'float64'] as const) {
      const t = tensor(
        [
          [-3, 2],
          [1, 0],
        ],
        { dtype: type.startsWith('float') ? 'float64' : 'int32' },
      );
      expect(parseIdx(encodeIdx(t, type)).toArray()).toEqual(t.toArray());
    }
  });

  it('loadMnist reads gzipped and plain files from a local directory (torchvision raw layout)', () => {
    const raw = join(dir, 'MNIST', 'raw');
    mkdirSync(raw, { recursive: true });
    writeFileSync(join(raw, 'train-images-idx3-ubyte.gz'), gzipSync(encodeIdx(images)));
    writeFileSync(join(raw, 'train-labels-idx1-ubyte'), encodeIdx(labels));
    const train = loadMnist(raw);
    expect(train.images.shape).toEqual([3, 1, 4, 5]);
    expect(train.images.dtype).toBe('float32');
    expect(train.images.data[1]).toBeCloseTo(7 / 255, 7);
    expect(train.labels.toList()).toEqual([7, 0, 9]);
    expect(loadIdx(join(raw, 'train-images-idx3-ubyte.gz')).shape).toEqual([3, 4, 5]);
    expect(() => loadMnist(raw, { split: 'test' })).toThrow(
      /loadMnist: neither .*t10k-images-idx3-ubyte" nor .*\.gz" exists; download t10k-images-idx3-ubyte.gz from one of MNIST_URLS/,
    );
  });

  it('names the file on bad magic, truncation and mismatched counts', () => {
    const bad = encodeIdx(labels);
    bad[2] = 0x42;
    expect(() => parseIdx(bad, { name: 'l.idx' })).toThrow(
      /"l.idx" is not a valid IDX file: magic number .* MNIST uses 2049 for labels and 2051 for images/,
    );
    const im = encodeIdx(images);
    expect(() => parseIdx(im.subarray(0, im.length - 1), { name: 'i.idx' })).toThrow(
      /"i.idx" is not a valid IDX file: truncated: shape \[3,4,5\] of uint8 needs 60 data bytes, 59 follow/,
    );
    expect(() => parseIdx(gzipSync(im), { name: 'i.gz' })).toThrow(/"i.gz" is gzip-compressed/);
    const raw = join(dir, 'mismatch');
    mkdirSync(raw);
    writeFileSync(join(raw, 't10k-images-idx3-ubyte'), encodeIdx(images));
    writeFileSync(join(raw, 't10k-labels-idx1-ubyte'), encodeIdx(tensor([1, 2], { dtype: 'int32' })));
    expect(() => loadMnist(raw, { split: 'test' })).toThrow(
      /has 3 images but .*t10k-labels-idx1-ubyte" has 2 labels/,
    );
    writeFileSync(join(raw, 't10k-labels-idx1-ubyte'), encodeIdx(tensor([1, 2, 12], { dtype: 'int32' })));
    expect(() => loadMnist(raw, { split: 'test' })).toThrow(/label 2 is 12, expected a digit in \[0, 9\]/);
  });
});

describe('coursework data (udl-cm20315 layout)', () => {
  const write = (
    sub: string,
    files: Record<string, ReturnType<typeof tensor>>,
    descr: Record<string, string> = {},
  ) => {
    const d = join(dir, sub);
    mkdirSync(d, { recursive: true });
    for (const [f, t] of Object.entries(files)) saveNpy(join(d, f), t, descr[f] ? { descr: descr[f] } : {});
    return d;
  };
  const x = (d: number, n: number) =>
    fromData(
      Float64Array.from({ length: d * n }, (_, i) => i / 10),
      [d, n],
    );
  const y = (v: number[]) => tensor(v, { dtype: 'int32' });
  const i8 = { 'train_data_y.npy': '<i8', 'val_data_y.npy': '<i8' };

  it('loads x as [D, N] columns and int64 labels as int32, with xRows() = [N, D]', () => {
    const d = write(
      'cw',
      {
        'train_data_x.npy': x(4, 3),
        'train_data_y.npy': y([0, 9, 3]),
        'val_data_x.npy': x(4, 2),
        'val_data_y.npy': y([1, 1]),
      },
      i8,
    );
    const data = loadCourseworkData(d);
    expect(data.train.x.shape).toEqual([4, 3]);
    expect(data.train.y.toList()).toEqual([0, 9, 3]);
    expect(data.train.xRows().shape).toEqual([3, 4]);
    expect(data.train.xRows().toArray()).toEqual([
      [0, 0.3, 0.6, 0.9],
      [0.1, 0.4, 0.7, 1],
      [0.2, 0.5, 0.8, 1.1],
    ]);
  });

  it('names the missing or mismatched file and the shapes', () => {
    const missing = write('cw-missing', {
      'train_data_x.npy': x(4, 3),
      'train_data_y.npy': y([0, 1, 2]),
      'val_data_x.npy': x(4, 2),
    });
    expect(() => loadCourseworkData(missing)).toThrow(
      /loadCourseworkData: coursework data file ".*val_data_y.npy" does not exist/,
    );
    const mismatch = write('cw-mismatch', {
      'train_data_x.npy': x(4, 3),
      'train_data_y.npy': y([0, 1]),
      'val_data_x.npy': x(4, 2),
      'val_data_y.npy': y([1, 1]),
    });
    expect(() => loadCourseworkData(mismatch)).toThrow(ShapeError);
    expect(() => loadCourseworkData(mismatch)).toThrow(
      /train_data_y.npy" has 2 labels but ".*train_data_x.npy" \(columns\) has 3 examples/,
    );
    const rows = write('cw-rows', {
      'train_data_x.npy': x(4, 3),
      'train_data_y.npy': y([0, 1, 2]),
      'val_data_x.npy': x(5, 2),
      'val_data_y.npy': y([1, 1]),
    });
    expect(() => loadCourseworkData(rows)).toThrow(
      /has shape \[4,3\] but .*val_data_x.npy" has \[5,2\]; expected the same number of rows D/,
    );
    const range = write('cw-range', {
      'train_data_x.npy': x(4, 3),
      'train_data_y.npy': y([0, 10, 2]),
      'val_data_x.npy': x(4, 2),
      'val_data_y.npy': y([1, 1]),
    });
    expect(() => loadCourseworkData(range)).toThrow(ValueError);
    expect(() => loadCourseworkData(range)).toThrow(
      /train_data_y.npy": label 1 is 10, expected a class index in \[0, 9\]/,
    );
  });

  it.skipIf(!existsSync(join(shared, 'udl-cm20315')))('loads ../shared/data/udl-cm20315', () => {
    const data = loadCourseworkData(join(shared, 'udl-cm20315'));
    expect(data.train.x.shape).toEqual([40, 4000]);
    expect(data.val.x.shape).toEqual([40, 2000]);
    expect(data.train.y.size).toBe(4000);
  });
});

describe('MNIST-1D on disk', () => {
  it('saveMnist1d / loadMnist1d round-trip a generated dataset (labels written as int64)', () => {
    const d = makeMnist1d({ numSamples: 30, seed: 3 });
    const out = join(dir, 'm1d');
    mkdirSync(out);
    const written = saveMnist1d(out, d, { templates: true });
    expect(written.map((p) => p.slice(out.length + 1))).toEqual([
      'x.npy',
      'y.npy',
      'x_test.npy',
      'y_test.npy',
      't.npy',
      'templates_x.npy',
      'templates_t.npy',
      'templates_y.npy',
      'mnist1d.json',
    ]);
    expect(readFileSync(join(out, 'y.npy')).toString('latin1')).toContain("'descr': '<i8'");
    const back = loadMnist1d(out);
    expect(back.x.toArray()).toEqual(d.x.toArray());
    expect(back.yTest.toList()).toEqual(d.yTest.toList());
    expect(back.t.toList()).toEqual(d.t.toList());
  });
  it('names missing and inconsistent files', () => {
    const out = join(dir, 'm1d-bad');
    mkdirSync(out);
    expect(() => loadMnist1d(out)).toThrow(/loadMnist1d: MNIST-1D file ".*x.npy" does not exist/);
    const d = makeMnist1d({ numSamples: 20, seed: 1 });
    saveMnist1d(out, d);
    saveNpy(join(out, 't.npy'), tensor([1, 2, 3]));
    // the manifest sees the replaced file first
    expect(() => loadMnist1d(out)).toThrow(/t\.npy is not the file .*mnist1d\.json lists .*mixes two writes/);
    // without a manifest (numpy's own files), the arrays' consistency is still checked
    rmSync(join(out, 'mnist1d.json'));
    expect(() => loadMnist1d(out)).toThrow(
      /sequence lengths differ: x.npy \[16,40\], x_test.npy \[4,40\], t.npy \[3\]/,
    );
    expect(() => saveMnist1d(join(dir, 'nope'), d)).toThrow(/output directory ".*nope" does not exist/);
  });
});

describe('MNIST-1D sets are written whole', () => {
  it('a write killed part-way over an older set is an error on load, not a mix of two seeds; its temporaries are removed', () => {
    const out = join(dir, 'm1d-kill');
    mkdirSync(out);
    saveMnist1d(out, makeMnist1d({ numSamples: 20, seed: 1 }));
    const seed2 = makeMnist1d({ numSamples: 20, seed: 2 });
    // what a kill after the first file leaves: the manifest marked incomplete, x.npy of seed 2,
    // the rest of seed 1, and a temporary file of a process that is gone
    writeFileSync(
      join(out, 'mnist1d.json'),
      JSON.stringify({ format: 'gradkit-mnist1d', complete: false, files: {} }),
    );
    saveNpy(join(out, 'x.npy'), seed2.x);
    const orphan = join(out, '.y.npy.999999999.abcdef.tmp');
    writeFileSync(orphan, 'partial');
    expect(() => loadMnist1d(out)).toThrow(/holds an interrupted write .*write the set again/);
    // writing the set again completes it and removes the orphan
    saveMnist1d(out, seed2);
    expect(existsSync(orphan)).toBe(false);
    expect(loadMnist1d(out).x.toArray()).toEqual(seed2.x.toArray());
    // a file swapped in from the older set after completion is caught by its SHA-256
    const mixed = join(dir, 'm1d-mixed');
    mkdirSync(mixed);
    saveMnist1d(mixed, makeMnist1d({ numSamples: 20, seed: 1 }));
    copyFileSync(join(out, 'y.npy'), join(mixed, 'y.npy'));
    expect(() => loadMnist1d(mixed)).toThrow(/y\.npy is not the file .*mixes two writes/);
  });
});

describe('downloadMnist (from a local HTTP server; no network)', () => {
  it('downloads, validates and writes the IDX files atomically, trying mirrors in order', async () => {
    const { createServer } = await import('node:http');
    const files: Record<string, Uint8Array> = {
      '/mirror/t10k-images-idx3-ubyte.gz': gzipSync(
        encodeIdx(fromData(new Int32Array(2 * 2 * 2).fill(255), [2, 2, 2])),
      ),
      '/mirror/t10k-labels-idx1-ubyte.gz': gzipSync(encodeIdx(tensor([3, 4], { dtype: 'int32' }))),
      '/broken/t10k-images-idx3-ubyte.gz': Uint8Array.of(1, 2, 3),
    };
    const server = createServer((req, res) => {
      const body = files[req.url ?? ''];
      res.statusCode = body ? 200 : 404;
      res.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    try {
      const target = join(dir, 'dl');
      const paths = await downloadMnist(target, {
        baseUrls: [`${base}/missing`, `${base}/mirror/`],
        splits: ['test'],
      });
      expect(paths.map((p) => p.slice(target.length + 1))).toEqual([
        't10k-images-idx3-ubyte.gz',
        't10k-labels-idx1-ubyte.gz',
      ]);
      const test = loadMnist(target, { split: 'test' });
      expect(test.images.shape).toEqual([2, 1, 2, 2]);
      expect(test.images.data[0]).toBe(1);
      expect(test.labels.toList()).toEqual([3, 4]);
      const bad = join(dir, 'dl-bad');
      await expect(downloadMnist(bad, { baseUrls: [`${base}/broken`], splits: ['test'] })).rejects.toThrow(
        /downloadMnist: could not download t10k-images-idx3-ubyte.gz into .*; tried .*broken\/t10k-images-idx3-ubyte.gz: .*not a valid IDX file/,
      );
      expect(readdirSync(bad)).toEqual([]);
    } finally {
      server.close();
    }
  });
});
