/**
 * The IDX format of the original MNIST files (LeCun, Cortes & Burges), browser-safe parsing
 * from bytes. File I/O (`loadIdx`, `loadMnist`) is in `@gradkit/datasets/node`.
 *
 * An IDX file is big-endian: two zero bytes, a type byte (0x08 uint8, 0x09 int8, 0x0B int16,
 * 0x0C int32, 0x0D float32, 0x0E float64), the number of dimensions, one uint32 per dimension,
 * then the data in C order. MNIST's label files have magic number 2049 (0x00000801: uint8, 1-d)
 * and its image files 2051 (0x00000803: uint8, 3-d `[N, 28, 28]`).
 */
import { DTypeError, fromData, ShapeError, type Tensor, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';

/**
 * Where to download MNIST: the original site (often refuses scripted downloads now) and the
 * mirror torchvision uses. Each serves the four files of `MNIST_FILES` with a `.gz` suffix.
 */
export const MNIST_URLS: readonly string[] = [
  'https://ossci-datasets.s3.amazonaws.com/mnist/',
  'http://yann.lecun.com/exdb/mnist/',
];

/** The MNIST file names (without `.gz`) for each split. */
export const MNIST_FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
} as const;

/** An MNIST split. */
export type MnistSplit = keyof typeof MNIST_FILES;

/** The magic number of MNIST label files (uint8, 1 dimension). */
export const IDX_LABELS_MAGIC = 2049;
/** The magic number of MNIST image files (uint8, 3 dimensions). */
export const IDX_IMAGES_MAGIC = 2051;

/** Options for {@link parseIdx}. */
export interface ParseIdxOptions {
  /**
   * Decompress gzip data (needed when the bytes start with the gzip magic 1f 8b).
   * `maxOutputLength` is the most bytes accepted (the size the gzip trailer declares, within
   * `maxBytes`): an implementation should stop and throw once the output would pass it
   * (`node:zlib`'s `gunzipSync(data, { maxOutputLength })` does).
   */
  gunzip?: (data: Uint8Array, maxOutputLength?: number) => Uint8Array;
  /** The most bytes the decompressed file may hold (default 2 GiB). */
  maxBytes?: number;
  /** A name for error messages (the file path). */
  name?: string;
  /** The function named in error messages. */
  op?: string;
}

const IDX_TYPES: Record<number, { name: string; size: number }> = {
  8: { name: 'uint8', size: 1 },
  9: { name: 'int8', size: 1 },
  11: { name: 'int16', size: 2 },
  12: { name: 'int32', size: 4 },
  13: { name: 'float32', size: 4 },
  14: { name: 'float64', size: 8 },
};

/**
 * Parse an IDX file (gzipped or not) into a Tensor: integer types become int32, float32 stays
 * float32, float64 stays float64. Throws a `ValueError` naming the file on a bad magic number,
 * a truncated file or trailing bytes.
 *
 * @example
 *   parseIdx(bytes).shape; // [60000, 28, 28] for train-images-idx3-ubyte
 */
export function parseIdx(bytes: Uint8Array, options: ParseIdxOptions = {}): Tensor {
  const op = options.op ?? 'parseIdx';
  const name = options.name ?? '<bytes>';
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    if (!options.gunzip)
      throw new ValueError(
        op,
        `${show(name)} is gzip-compressed; read it with loadIdx from '@gradkit/datasets/node' or pass options.gunzip`,
      );
    const maxBytes = options.maxBytes ?? 2 ** 31;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
      throw new ValueError(op, `options.maxBytes must be a non-negative integer, received ${show(maxBytes)}`);
    // ISIZE, the last 4 bytes of a gzip member: the uncompressed size modulo 2^32.
    const declared =
      bytes.length >= 18
        ? new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true)
        : 0;
    if (declared > maxBytes)
      throw new ValueError(
        op,
        `${show(name)} declares ${declared} bytes uncompressed, past the ${maxBytes}-byte limit of options.maxBytes`,
      );
    try {
      bytes = options.gunzip(bytes, declared || maxBytes);
    } catch (err) {
      throw new ValueError(
        op,
        (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
          ? `${show(name)} inflates past the ${declared || maxBytes} bytes its gzip trailer declares`
          : `${show(name)} is not a valid gzip file: ${(err as Error).message}`,
      );
    }
    if (declared && bytes.length !== declared)
      throw new ValueError(
        op,
        `${show(name)} inflates to ${bytes.length} bytes, its gzip trailer declares ${declared}`,
      );
  }
  const fail = (what: string): never => {
    throw new ValueError(op, `${show(name)} is not a valid IDX file: ${what}`);
  };
  if (bytes.length < 4) fail(`it has ${bytes.length} bytes, expected at least the 4-byte magic number`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const type = IDX_TYPES[bytes[2]!];
  const ndim = bytes[3]!;
  if (bytes[0] !== 0 || bytes[1] !== 0 || !type || ndim === 0)
    fail(
      `magic number ${magic} (0x${magic.toString(16).padStart(8, '0')}) is not 0x0000TTDD with a known type TT and DD >= 1 dimensions; MNIST uses ${IDX_LABELS_MAGIC} for labels and ${IDX_IMAGES_MAGIC} for images`,
    );
  const t = type!;
  if (bytes.length < 4 + 4 * ndim)
    fail(`truncated header: ${ndim} dimensions need ${4 + 4 * ndim} bytes, the file has ${bytes.length}`);
  const shape: number[] = [];
  for (let d = 0; d < ndim; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const n = shape.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * ndim;
  const need = n * t.size;
  if (bytes.length - start !== need)
    fail(
      `${bytes.length - start < need ? 'truncated' : 'trailing bytes'}: shape ${showShape(shape)} of ${t.name} needs ${need} data bytes, ${bytes.length - start} follow the header`,
    );
  const code = bytes[2]!;
  if (code === 0x0d) {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(start + 4 * i, false);
    return fromData(out, shape);
  }
  if (code === 0x0e) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat64(start + 8 * i, false);
    return fromData(out, shape);
  }
  const out = new Int32Array(n);
  if (code === 0x08) out.set(bytes.subarray(start, start + n));
  else if (code === 0x09) for (let i = 0; i < n; i++) out[i] = view.getInt8(start + i);
  else if (code === 0x0b) for (let i = 0; i < n; i++) out[i] = view.getInt16(start + 2 * i, false);
  else for (let i = 0; i < n; i++) out[i] = view.getInt32(start + 4 * i, false);
  return fromData(out, shape);
}

/**
 * Encode a Tensor as an IDX file (big-endian; the type from `type`, default uint8 for int32/bool
 * data, float32/float64 for float data). Values must fit the type. Used to write small test files.
 *
 * @example
 *   encodeIdx(tensor([3, 1, 4], { dtype: 'int32' })); // a 2049 label file
 */
export function encodeIdx(
  t: Tensor,
  type?: 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64',
): Uint8Array {
  const op = 'encodeIdx';
  const ty = type ?? (t.dtype === 'float64' ? 'float64' : t.dtype === 'float32' ? 'float32' : 'uint8');
  const code = Number(Object.entries(IDX_TYPES).find(([, v]) => v.name === ty)?.[0]);
  if (!code)
    throw new DTypeError(
      op,
      `type must be one of uint8, int8, int16, int32, float32, float64, received ${show(type)}`,
    );
  if (t.ndim === 0 || t.ndim > 255)
    throw new ShapeError(op, `IDX needs 1 to 255 dimensions, received shape ${showShape(t.shape)}`);
  const size = IDX_TYPES[code]!.size;
  const start = 4 + 4 * t.ndim;
  const out = new Uint8Array(start + t.size * size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = t.ndim;
  t.shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const ranges: Record<string, [number, number]> = {
    uint8: [0, 255],
    int8: [-128, 127],
    int16: [-32768, 32767],
    int32: [-(2 ** 31), 2 ** 31 - 1],
  };
  for (let i = 0; i < t.size; i++) {
    const v = t.data[i]!;
    const r = ranges[ty];
    if (r && (!Number.isInteger(v) || v < r[0] || v > r[1]))
      throw new ValueError(
        op,
        `element ${i} is ${show(v)}, which does not fit IDX type ${ty} (integers in [${r[0]}, ${r[1]}])`,
      );
    const at = start + i * size;
    if (ty === 'uint8') view.setUint8(at, v);
    else if (ty === 'int8') view.setInt8(at, v);
    else if (ty === 'int16') view.setInt16(at, v, false);
    else if (ty === 'int32') view.setInt32(at, v, false);
    else if (ty === 'float32') view.setFloat32(at, v, false);
    else view.setFloat64(at, v, false);
  }
  return out;
}

/** MNIST images and labels. */
export interface MnistData {
  /** `[N, 1, 28, 28]` float32 in [0, 1] (pixel / 255, torchvision's `ToTensor()`). */
  images: Tensor;
  /** `[N]` int32 digit labels 0..9. */
  labels: Tensor;
}

/**
 * Turn parsed MNIST IDX tensors (`images` `[N, H, W]` uint8 values, `labels` `[N]`) into
 * `MnistData`: images as float32 `[N, 1, H, W]` / 255, labels int32 checked to lie in [0, 9].
 */
export function mnistFromIdx(
  images: Tensor,
  labels: Tensor,
  options: { op?: string; imagesName?: string; labelsName?: string } = {},
): MnistData {
  const op = options.op ?? 'mnistFromIdx';
  const iName = show(options.imagesName ?? 'images');
  const lName = show(options.labelsName ?? 'labels');
  if (images.ndim !== 3 || images.dtype !== 'int32')
    throw new ShapeError(
      op,
      `${iName} holds ${images.dtype} of shape ${showShape(images.shape)}; expected an image file (magic ${IDX_IMAGES_MAGIC}: uint8 [N, H, W])`,
    );
  if (labels.ndim !== 1 || labels.dtype !== 'int32')
    throw new ShapeError(
      op,
      `${lName} holds ${labels.dtype} of shape ${showShape(labels.shape)}; expected a label file (magic ${IDX_LABELS_MAGIC}: uint8 [N])`,
    );
  if (images.shape[0] !== labels.shape[0])
    throw new ShapeError(
      op,
      `${iName} has ${images.shape[0]} images but ${lName} has ${labels.shape[0]} labels`,
    );
  for (let i = 0; i < labels.size; i++) {
    const v = labels.data[i]!;
    if (v < 0 || v > 9) throw new ValueError(op, `${lName}: label ${i} is ${v}, expected a digit in [0, 9]`);
  }
  const [n, h, w] = images.shape as [number, number, number];
  const px = new Float32Array(images.size);
  for (let i = 0; i < px.length; i++) px[i] = images.data[i]! / 255;
  return { images: fromData(px, [n, 1, h, w]), labels };
}
