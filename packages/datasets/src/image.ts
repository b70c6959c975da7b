/**
 * PNG decoding into Tensors, browser-safe (the codec is `fast-png`, pure JavaScript). The file
 * reader `loadImage(path)` is in `@gradkit/datasets/node`.
 *
 * The result follows what the course notebooks do with Pillow: `np.asarray(Image.open(path))`
 * by default, and `np.asarray(Image.open(path).convert(mode))` with `{ mode }`. So a grayscale
 * or palette PNG gives `[H, W]` (a palette image gives its palette indices, as Pillow's mode
 * `'P'` does), gray+alpha `[H, W, 2]`, RGB `[H, W, 3]`, RGBA `[H, W, 4]`; values are the
 * integer pixel values 0..255 (not scaled; divide by 255 for `ToTensor()`-style input).
 */
import { type DType, DTypeError, fromData, type Tensor, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { decode } from 'fast-png';
import { Unzlib } from 'fflate';

/** The Pillow modes {@link decodePng} converts to: `'L'` gray, `'RGB'`, `'RGBA'`. */
export type PngMode = 'L' | 'RGB' | 'RGBA';

/** Options for {@link decodePng}. */
export interface DecodePngOptions {
  /**
   * Convert as Pillow's `Image.convert(mode)` does: `'L'` (`[H, W]`, gray as
   * `(R*19595 + G*38470 + B*7471 + 0x8000) >> 16`, ITU-R 601-2 luma, alpha ignored), `'RGB'`
   * (`[H, W, 3]`, alpha dropped, palette looked up) or `'RGBA'` (`[H, W, 4]`, alpha from the
   * image, its `tRNS` chunk, or 255). Default: no conversion (`np.asarray(Image.open(...))`).
   */
  mode?: PngMode;
  /** Shorthand for `mode: 'L'` (Pillow's `convert('L')`). */
  grayscale?: boolean;
  /** The Tensor's dtype: `'int32'` (default), `'float32'` or `'float64'`; values are not rescaled. */
  dtype?: 'int32' | 'float32' | 'float64';
  /** The most pixels (width × height) accepted before decoding (default 2^28). */
  maxPixels?: number;
  /** A name for error messages (the file path). */
  name?: string;
  /** The function named in error messages. */
  op?: string;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOR_TYPES: Record<number, string> = {
  0: 'grayscale',
  2: 'RGB',
  3: 'palette',
  4: 'grayscale+alpha',
  6: 'RGBA',
};

/** Pillow's `L24(rgb) >> 16` (libImaging/Convert.c): gray from 8-bit R, G, B. */
const luma = (r: number, g: number, b: number): number => (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;

/**
 * Decode PNG bytes into a Tensor of pixel values, as `np.asarray(Image.open(f))` (Pillow) gives
 * them, or converted as `Image.open(f).convert(mode)` with `options.mode` / `options.grayscale`:
 *
 * | PNG | default | `'L'` | `'RGB'` | `'RGBA'` |
 * | --- | --- | --- | --- | --- |
 * | grayscale | `[H, W]` | `[H, W]` | `[H, W, 3]` | `[H, W, 4]` |
 * | gray+alpha | `[H, W, 2]` | `[H, W]` | `[H, W, 3]` | `[H, W, 4]` |
 * | RGB / RGBA | `[H, W, 3]` / `[H, W, 4]` | `[H, W]` | `[H, W, 3]` | `[H, W, 4]` |
 * | palette | `[H, W]` indices | `[H, W]` | `[H, W, 3]` | `[H, W, 4]` |
 *
 * Like Pillow: 1-, 2- and 4-bit grayscale is scaled to 0..255 (a 1-bit image gives 0 and 255,
 * where Pillow's mode `'1'` array is boolean), 16-bit RGB / RGBA / gray+alpha is reduced to its
 * high byte, and 16-bit grayscale keeps its values 0..65535 (Pillow's mode `'I'`; not converted:
 * a `mode` is a `ValueError` there). Interlaced (Adam7) images below 8 bits are not supported.
 * Errors are `ValueError`s naming `bytes` (or `options.name`).
 *
 * @example
 *   const img = decodePng(bytes); // UDL 10.4's test_image.png: [279, 300] int32
 *   const gray = decodePng(bytes, { grayscale: true, dtype: 'float64' });
 */
export function decodePng(bytes: Uint8Array, options: DecodePngOptions = {}): Tensor {
  const op = options.op ?? 'decodePng';
  const name = options.name === undefined ? 'bytes' : show(options.name);
  const fail = (what: string): never => {
    throw new ValueError(op, `${name} is not a valid PNG image: ${what}`);
  };
  if (!(bytes instanceof Uint8Array))
    throw new ValueError(op, `bytes must be a Uint8Array, received ${show(bytes)}`);
  const dtype: DType = options.dtype ?? 'int32';
  if (dtype !== 'int32' && dtype !== 'float32' && dtype !== 'float64')
    throw new DTypeError(
      op,
      `options.dtype must be 'int32', 'float32' or 'float64', received ${show(options.dtype)}`,
    );
  const mode = options.mode ?? (options.grayscale ? 'L' : undefined);
  if (mode !== undefined && mode !== 'L' && mode !== 'RGB' && mode !== 'RGBA')
    throw new ValueError(op, `options.mode must be 'L', 'RGB' or 'RGBA', received ${show(options.mode)}`);
  if (options.mode !== undefined && options.grayscale && options.mode !== 'L')
    throw new ValueError(
      op,
      `options.grayscale is true but options.mode is ${show(options.mode)}; pass one of them`,
    );
  const maxPixels = options.maxPixels ?? 2 ** 28;
  if (!Number.isSafeInteger(maxPixels) || maxPixels < 1)
    throw new ValueError(op, `options.maxPixels must be a positive integer, received ${show(maxPixels)}`);

  // The header, checked here so that errors are clear and a huge declared size fails early.
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b))
    fail(`it does not start with the PNG signature 89 50 4E 47 0D 0A 1A 0A (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR' || view.getUint32(8) !== 13)
    fail('its first chunk is not a 13-byte IHDR');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24]!;
  const colorType = bytes[25]!;
  const interlace = bytes[28]!;
  if (width === 0 || height === 0) fail(`its size is ${width}x${height}`);
  if (!(colorType in COLOR_TYPES)) fail(`colour type ${colorType} is not one of 0, 2, 3, 4, 6`);
  if (width * height > maxPixels)
    throw new ValueError(
      op,
      `${name} declares ${width}x${height} pixels, past the ${maxPixels} of options.maxPixels`,
    );
  if (interlace === 1 && depth < 8)
    throw new ValueError(
      op,
      `${name} is an interlaced (Adam7) ${depth}-bit PNG, which decodePng does not support; save it without interlacing or at 8 bits`,
    );

  checkInflatedSize(bytes, width, height, depth, colorType, op, name);

  let png: ReturnType<typeof decode>;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (err) {
    return fail((err as Error).message);
  }
  const n = width * height;
  const ch = png.channels;
  const raw = png.data;
  // Samples as Pillow holds them: 8-bit (low depths unpacked; scaled to 0..255 for grayscale),
  // 16-bit gray kept, other 16-bit reduced to the high byte.
  const s = new Int32Array(n * ch);
  if (depth < 8) {
    const rowBytes = Math.ceil((width * ch * depth) / 8);
    if (raw.length < rowBytes * height)
      fail(`its image data has ${raw.length} bytes, expected ${rowBytes * height}`);
    const scale = colorType === 3 ? 1 : 255 / ((1 << depth) - 1);
    const mask = (1 << depth) - 1;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const bit = x * depth;
        const v = (raw[y * rowBytes + (bit >> 3)]! >> (8 - depth - (bit & 7))) & mask;
        s[y * width + x] = v * scale;
      }
  } else {
    if (raw.length < n * ch) fail(`its image data has ${raw.length} samples, expected ${n * ch}`);
    const shift = depth === 16 && colorType !== 0 ? 8 : 0;
    for (let i = 0; i < n * ch; i++) s[i] = raw[i]! >> shift;
  }
  const out = (data: Int32Array, shape: number[]): Tensor => {
    if (dtype === 'int32') return fromData(data, shape);
    return fromData(dtype === 'float32' ? Float32Array.from(data) : Float64Array.from(data), shape);
  };
  if (mode === undefined) return out(s, ch === 1 ? [height, width] : [height, width, ch]);
  if (depth === 16 && colorType === 0)
    throw new ValueError(
      op,
      `${name} is a 16-bit grayscale PNG (Pillow's mode 'I', values 0..65535); options.mode ${show(mode)} is not supported for it, decode it without a mode`,
    );

  // RGBA of every pixel, then the mode's channels.
  const rgba = new Int32Array(n * 4);
  const trns = png.transparency;
  const palette = png.palette;
  for (let i = 0; i < n; i++) {
    let r: number;
    let g: number;
    let b: number;
    let a = 255;
    if (colorType === 3) {
      const c = palette?.[s[i]!];
      if (!c)
        return fail(`pixel ${i} uses palette index ${s[i]}, the palette has ${palette?.length ?? 0} entries`);
      [r, g, b] = c as [number, number, number];
      a = c[3] ?? 255;
    } else if (ch <= 2) {
      r = g = b = s[i * ch]!;
      if (ch === 2) a = s[i * 2 + 1]!;
      else if (trns?.length === 1 && rawSample(raw, i, depth, width) === trns[0]) a = 0;
    } else {
      r = s[i * ch]!;
      g = s[i * ch + 1]!;
      b = s[i * ch + 2]!;
      if (ch === 4) a = s[i * 4 + 3]!;
      else if (
        trns?.length === 3 &&
        raw[i * 3] === trns[0] &&
        raw[i * 3 + 1] === trns[1] &&
        raw[i * 3 + 2] === trns[2]
      )
        a = 0;
    }
    rgba[i * 4] = r;
    rgba[i * 4 + 1] = g;
    rgba[i * 4 + 2] = b;
    rgba[i * 4 + 3] = a;
  }
  if (mode === 'RGBA') return out(rgba, [height, width, 4]);
  if (mode === 'RGB') {
    const rgb = new Int32Array(n * 3);
    for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = rgba[i * 4 + c]!;
    return out(rgb, [height, width, 3]);
  }
  const l = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    // Pillow copies gray as is, and computes luma for colour (palette included).
    l[i] =
      colorType === 0 || colorType === 4
        ? rgba[i * 4]!
        : luma(rgba[i * 4]!, rgba[i * 4 + 1]!, rgba[i * 4 + 2]!);
  }
  return out(l, [height, width]);
}

/** The unscaled sample of grayscale pixel `i` (for the tRNS colour key, stored at the image's depth). */
function rawSample(raw: ArrayLike<number>, i: number, depth: number, width: number): number {
  if (depth >= 8) return raw[i]!;
  const rowBytes = Math.ceil((width * depth) / 8);
  const y = Math.floor(i / width);
  const bit = (i % width) * depth;
  return (raw[y * rowBytes + (bit >> 3)]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Refuse a decompression bomb before decoding: inflate the IDAT stream in small steps, counting
 * the bytes, and stop once they pass what the header's size needs (scanlines with their filter
 * bytes; twice that bounds the Adam7 passes). Malformed data is left to the decoder's own errors.
 */
function checkInflatedSize(
  bytes: Uint8Array,
  width: number,
  height: number,
  depth: number,
  colorType: number,
  op: string,
  name: string,
): void {
  const rowBytes = Math.ceil((width * CHANNELS[colorType]! * depth) / 8);
  const limit = 2 * height * (1 + rowBytes) + 1024;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  const inflater = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > limit)
      throw new ValueError(
        op,
        `${name} is not a valid PNG image: its image data inflates past ${limit} bytes, more than its ${width}x${height} size needs`,
      );
  });
  try {
    for (let at = 8; at + 8 <= bytes.length; ) {
      const length = view.getUint32(at);
      const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
      if (type === 'IEND' || at + 12 + length > bytes.length) break;
      if (type === 'IDAT')
        for (let i = 0; i < length; i += 16384)
          inflater.push(bytes.subarray(at + 8 + i, at + 8 + Math.min(length, i + 16384)));
      at += 12 + length;
    }
  } catch (err) {
    if (err instanceof ValueError) throw err;
  }
}

/** Whether `bytes` start with the 8-byte PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}
