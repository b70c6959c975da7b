// decodePng / loadImage against Pillow: tests/fixtures/gen_datasets_image.py saved small images
// in each PNG colour type with Pillow 9.4 and recorded np.asarray(Image.open(png)) and
// .convert('L' | 'RGB' | 'RGBA') (datasets_image.json; these run everywhere), plus summary values
// of UDL notebook 10.4's ../shared/udlbook/assets/test_image.png (skipped where ../shared is absent).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { DTypeError, ValueError } from '@gradkit/core';
import { encode } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, decodePng, isPng, type PngMode } from '../src/index.js';
import { loadImage } from '../src/node.js';

interface Converted {
  shape: number[];
  array: number[];
}
interface Synthetic extends Converted {
  png: string;
  mode: string;
  dtype: string;
  L: Converted | null;
  RGB: Converted | null;
  RGBA: Converted | null;
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, '../../../tests/fixtures/datasets_image.json'), 'utf8'),
) as {
  synthetic: Record<string, Synthetic>;
  udl_test_image?: {
    sha256: string;
    mode: string;
    shape: number[];
    dtype: string;
    sum: number;
    sum_squares: number;
    pixels: [number, number, number][];
    L_sum: number;
    RGB_shape: number[];
    RGB_sum: number;
  };
};
const udlImage = join(__dirname, '../../../../shared/udlbook/assets/test_image.png');
const dir = mkdtempSync(join(tmpdir(), 'gradkit-image-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytesOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

describe('decodePng matches Pillow on PNGs Pillow wrote', () => {
  for (const [name, ref] of Object.entries(fixture.synthetic)) {
    it(`${name} (Pillow mode ${ref.mode})`, () => {
      const bytes = bytesOf(ref.png);
      expect(isPng(bytes)).toBe(true);
      const t = decodePng(bytes);
      expect(t.dtype).toBe('int32');
      expect(t.shape).toEqual(ref.shape);
      if (ref.mode === '1') {
        // Pillow's mode '1' array is boolean; decodePng scales 1-bit gray to 0/255 like convert('L')
        expect(ref.array.map((v) => v * 255)).toEqual(Array.from(t.data));
        expect(Array.from(t.data)).toEqual(ref.L!.array);
      } else expect(Array.from(t.data)).toEqual(ref.array);
      for (const mode of ['L', 'RGB', 'RGBA'] as PngMode[]) {
        const conv = ref[mode];
        if (conv === null) {
          expect(() => decodePng(bytes, { mode })).toThrow(/16-bit grayscale PNG .* not supported/);
          continue;
        }
        const c = decodePng(bytes, { mode });
        expect(c.shape, mode).toEqual(conv.shape);
        expect(Array.from(c.data), mode).toEqual(conv.array);
      }
      if (ref.L) expect(Array.from(decodePng(bytes, { grayscale: true }).data)).toEqual(ref.L.array);
    });
  }
});

describe('decodePng round trips through fast-png encode', () => {
  it('8-bit RGB, RGBA, gray, gray+alpha, Adam7-interlaced and 16-bit', () => {
    const w = 5;
    const h = 3;
    for (const channels of [1, 2, 3, 4]) {
      const data = Uint8Array.from({ length: w * h * channels }, (_, i) => (i * 37 + 11) % 256);
      for (const interlace of ['null', 'Adam7'] as const) {
        const png = encode({ width: w, height: h, data, channels, depth: 8 }, { interlace });
        const t = decodePng(png);
        expect(t.shape).toEqual(channels === 1 ? [h, w] : [h, w, channels]);
        expect(Array.from(t.data)).toEqual(Array.from(data));
      }
    }
    const gray16 = Uint16Array.from({ length: w * h }, (_, i) => i * 4099);
    const t16 = decodePng(encode({ width: w, height: h, data: gray16, channels: 1, depth: 16 }));
    expect(Array.from(t16.data)).toEqual(Array.from(gray16));
    // 16-bit colour keeps the high byte, as Pillow's 'RGB' mode does
    const rgb16 = Uint16Array.from({ length: w * h * 3 }, (_, i) => i * 1001);
    const c16 = decodePng(encode({ width: w, height: h, data: rgb16, channels: 3, depth: 16 }));
    expect(Array.from(c16.data)).toEqual(Array.from(rgb16, (v) => v >> 8));
  });

  it('dtype float32 / float64 keeps the values (no scaling)', () => {
    const data = Uint8Array.from([0, 128, 255, 7]);
    const png = encode({ width: 2, height: 2, data, channels: 1, depth: 8 });
    const f = decodePng(png, { dtype: 'float32' });
    expect(f.dtype).toBe('float32');
    expect(Array.from(f.data)).toEqual([0, 128, 255, 7]);
    expect(decodePng(png, { dtype: 'float64' }).dtype).toBe('float64');
  });

  it('loadImage reads a file and names it in errors', () => {
    const path = join(dir, 'tiny.png');
    writeFileSync(
      path,
      encode({ width: 2, height: 1, data: Uint8Array.from([1, 2, 3, 4, 5, 6]), channels: 3, depth: 8 }),
    );
    expect(Array.from(loadImage(path).data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(loadImage(path, { mode: 'L' }).shape).toEqual([1, 2]);
    const bad = join(dir, 'bad.png');
    writeFileSync(bad, 'not a png at all, just text');
    expect(() => loadImage(bad)).toThrow(ValueError);
    expect(() => loadImage(bad)).toThrow(
      /loadImage: ".*bad.png" is not a valid PNG image: it does not start with the PNG signature/,
    );
    expect(() => loadImage(join(dir, 'missing.png'))).toThrow(
      /loadImage: PNG file ".*missing.png" does not exist/,
    );
  });
});

describe('decodePng rejects bad input with typed errors', () => {
  const good = encode({ width: 2, height: 2, data: Uint8Array.from([1, 2, 3, 4]), channels: 1, depth: 8 });
  it('bad bytes', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3]))).toThrow(ValueError);
    expect(() => decodePng(new Uint8Array([1, 2, 3]))).toThrow(
      /decodePng: bytes is not a valid PNG image: it does not start with the PNG signature .* \(3 bytes\)/,
    );
    expect(() => decodePng('abc' as unknown as Uint8Array)).toThrow(
      /bytes must be a Uint8Array, received "abc"/,
    );
    const truncated = good.slice(0, good.length - 20);
    expect(() => decodePng(truncated)).toThrow(/decodePng: bytes is not a valid PNG image/);
    const corrupt = good.slice();
    corrupt[corrupt.length - 20]! ^= 0xff; // inside the IDAT data: the CRC check fails
    expect(() => decodePng(corrupt)).toThrow(/decodePng: bytes is not a valid PNG image/);
    const huge = good.slice();
    new DataView(huge.buffer).setUint32(16, 100000);
    new DataView(huge.buffer).setUint32(20, 100000);
    expect(() => decodePng(huge)).toThrow(
      /declares 100000x100000 pixels, past the 268435456 of options.maxPixels/,
    );
  });
  it('a decompression bomb: image data inflating far past the declared size', () => {
    // a 1x1 grayscale PNG whose IDAT inflates to 64 MiB of zeros (about 64 kB compressed)
    const chunk = (type: string, data: Uint8Array) => {
      const out = new Uint8Array(12 + data.length);
      const view = new DataView(out.buffer);
      view.setUint32(0, data.length);
      out.set(Buffer.from(type, 'latin1'), 4);
      out.set(data, 8);
      view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
      return out;
    };
    const ihdr = new Uint8Array(13);
    new DataView(ihdr.buffer).setUint32(0, 1);
    new DataView(ihdr.buffer).setUint32(4, 1);
    ihdr[8] = 8; // depth 8, colour type 0, no interlace
    const bomb = Buffer.concat([
      good.subarray(0, 8),
      chunk('IHDR', ihdr),
      chunk('IDAT', new Uint8Array(deflateSync(new Uint8Array(64 * 2 ** 20)))),
      chunk('IEND', new Uint8Array(0)),
    ]);
    expect(() => decodePng(new Uint8Array(bomb))).toThrow(
      /decodePng: bytes is not a valid PNG image: its image data inflates past 1028 bytes, more than its 1x1 size needs/,
    );
  });
  it('bad options', () => {
    expect(() => decodePng(good, { mode: 'CMYK' as PngMode })).toThrow(
      /options.mode must be 'L', 'RGB' or 'RGBA', received "CMYK"/,
    );
    expect(() => decodePng(good, { dtype: 'bool' as 'int32' })).toThrow(DTypeError);
    expect(() => decodePng(good, { mode: 'RGB', grayscale: true })).toThrow(/pass one of them/);
    expect(() => decodePng(good, { maxPixels: 0 })).toThrow(
      /options.maxPixels must be a positive integer, received 0/,
    );
  });
});

const udl = fixture.udl_test_image;
describe.skipIf(!udl || !existsSync(udlImage))("UDL notebook 10.4's test_image.png (../shared)", () => {
  it('loadImage gives np.asarray(Image.open(path)) of the notebook', () => {
    const ref = udl!;
    expect(createHash('sha256').update(readFileSync(udlImage)).digest('hex')).toBe(ref.sha256);
    expect(ref.mode).toBe('P'); // a grayscale palette: the indices are the gray levels
    const img = loadImage(udlImage);
    expect(img.shape).toEqual(ref.shape);
    let sum = 0;
    let sq = 0;
    for (const v of img.data) {
      sum += v;
      sq += v * v;
    }
    expect(sum).toBe(ref.sum);
    expect(sq).toBe(ref.sum_squares);
    for (const [r, c, v] of ref.pixels) expect(img.data[r * img.shape[1]! + c], `[${r}, ${c}]`).toBe(v);
    const gray = loadImage(udlImage, { grayscale: true, dtype: 'float64' });
    expect(gray.shape).toEqual(ref.shape);
    expect(gray.sum().item()).toBe(ref.L_sum);
    const rgb = loadImage(udlImage, { mode: 'RGB' });
    expect(rgb.shape).toEqual(ref.RGB_shape);
    let rgbSum = 0;
    for (const v of rgb.data) rgbSum += v;
    expect(rgbSum).toBe(ref.RGB_sum);
  });
});
