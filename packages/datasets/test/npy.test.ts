import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DTypeError, fromData, tensor, ValueError } from '@gradkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  crc32,
  encodeNpy,
  encodeNpz,
  parseNpy,
  parseNpyHeader,
  parseNpz,
  readZip,
  writeZip,
} from '../src/index.js';
import { loadNpy, loadNpz, saveNpy, saveNpz, writeFileAtomic } from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'gradkit-npy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('encodeNpy / parseNpy round trips', () => {
  const cases: [string, ReturnType<typeof tensor>, string | undefined][] = [
    [
      'float64',
      tensor([
        [1.5, -2.25, 3],
        [4, 5e-300, -0],
      ]),
      undefined,
    ],
    ['float32', tensor([[0.1, 0.2]], { dtype: 'float32' }), undefined],
    ['int32', tensor([[-2147483648, 2147483647, 0]], { dtype: 'int32' }), undefined],
    ['bool', tensor([true, false, true]), undefined],
    ['>f8', tensor([1.25, -7.5, Math.PI]), '>f8'],
    ['>f4', tensor([1.25, -7.5], { dtype: 'float32' }), '>f4'],
    ['<i8', tensor([0, -5, 2147483647], { dtype: 'int32' }), '<i8'],
    ['>i8', tensor([0, -5, 123456], { dtype: 'int32' }), '>i8'],
    ['<i2', tensor([-32768, 32767], { dtype: 'int32' }), '<i2'],
    ['>u2', tensor([0, 65535], { dtype: 'int32' }), '>u2'],
    ['|u1', tensor([0, 255, 7], { dtype: 'int32' }), '|u1'],
    ['|i1', tensor([-128, 127], { dtype: 'int32' }), '|i1'],
  ];
  for (const [label, t, descr] of cases) {
    it(`round-trips ${label}`, () => {
      const bytes = encodeNpy(t, descr ? { descr } : {});
      expect(parseNpyHeader(bytes).dataOffset % 64).toBe(0);
      const back = parseNpy(bytes);
      expect(back.shape).toEqual(t.shape);
      expect(Array.from(back.data)).toEqual(Array.from(t.data));
    });
  }

  it('round-trips Fortran order for 3-d arrays', () => {
    const t = fromData(
      Float64Array.from({ length: 24 }, (_, i) => i * 0.5),
      [2, 3, 4],
    );
    const bytes = encodeNpy(t, { fortranOrder: true });
    const h = parseNpyHeader(bytes);
    expect(h.fortranOrder).toBe(true);
    // Column-major storage: the second stored value is t[1, 0, 0] = 12 * 0.5.
    expect(new DataView(bytes.buffer).getFloat64(h.dataOffset + 8, true)).toBe(6);
    expect(Array.from(parseNpy(bytes).data)).toEqual(Array.from(t.data));
  });

  it('writes and reads versions 2.0 and 3.0', () => {
    for (const version of [2, 3] as const) {
      const bytes = encodeNpy(tensor([1, 2, 3]), { version });
      expect(bytes[6]).toBe(version);
      expect(parseNpyHeader(bytes).version).toEqual([version, 0]);
      expect(parseNpy(bytes).toList()).toEqual([1, 2, 3]);
    }
  });

  it('round-trips float16 with numpy rounding (ties to even, overflow to inf)', () => {
    const values = [
      0,
      1,
      -2.5,
      65504,
      65519,
      65520,
      1e-8,
      2 ** -24,
      2 ** -25,
      3 * 2 ** -25,
      1 + 2 ** -11,
      1 + 3 * 2 ** -11,
    ];
    const back = parseNpy(encodeNpy(tensor(values), { descr: '<f2' })).toList();
    expect(back).toEqual([
      0,
      1,
      -2.5,
      65504,
      65504,
      Number.POSITIVE_INFINITY,
      0,
      2 ** -24,
      0,
      2 ** -23,
      1,
      1 + 2 ** -9,
    ]);
  });

  it('refuses values that do not fit the requested integer type', () => {
    expect(() => encodeNpy(tensor([256], { dtype: 'int32' }), { descr: '|u1' })).toThrow(
      /element 0 is 256.*"\|u1".*\[0, 255\]/,
    );
    expect(() => encodeNpy(tensor([1.5]), { descr: '<i4' })).toThrow(ValueError);
    expect(() => encodeNpy(tensor([1]), { descr: '<c16' })).toThrow(DTypeError);
  });
});

describe('parseNpy errors name the file and what was expected', () => {
  const good = encodeNpy(
    tensor([
      [1, 2],
      [3, 4],
    ]),
  );
  it('bad magic', () => {
    const bad = good.slice();
    bad[1] = 0x58;
    expect(() => parseNpy(bad, { name: 'x.npy' })).toThrow(
      /"x.npy" is not a valid .npy file: .*expected the magic/,
    );
  });
  it('truncated data', () => {
    expect(() => parseNpy(good.subarray(0, good.length - 3), { name: 'x.npy' })).toThrow(
      /"x.npy" is truncated: its header says shape \(2, 2\) of "<f8", i.e. 32 bytes of data, but 29 bytes follow/,
    );
  });
  it('truncated header', () => {
    expect(() => parseNpy(good.subarray(0, 40), { name: 'x.npy' })).toThrow(/truncated header/);
    expect(() => parseNpy(good.subarray(0, 5), { name: 'x.npy' })).toThrow(/expected at least 10/);
  });
  it('trailing bytes', () => {
    const extra = new Uint8Array(good.length + 8);
    extra.set(good);
    expect(() => parseNpy(extra, { name: 'x.npy' })).toThrow(/corrupted \(trailing bytes\)/);
  });
  it('unsupported version and malformed header', () => {
    const v9 = good.slice();
    v9[6] = 9;
    expect(() => parseNpy(v9)).toThrow(/format version 9.0 is not supported/);
    const broken = good.slice();
    broken[10] = 0x5b; // '[' instead of '{'
    expect(() => parseNpy(broken)).toThrow(ValueError);
  });
  it('int64 beyond int32 needs wideInts', () => {
    const big = encodeNpy(tensor([1, 2 ** 40]), { descr: '<i8' });
    expect(() => parseNpy(big, { name: 'big.npy' })).toThrow(
      /element 1 .* is 1099511627776, outside the int32 range.*wideInts: 'float64'/,
    );
    const f = parseNpy(big, { wideInts: 'float64' });
    expect(f.dtype).toBe('float64');
    expect(f.toList()).toEqual([1, 2 ** 40]);
  });
});

describe('numpy-written fixtures (tests/fixtures/gen_datasets_npy.py)', () => {
  const fixtures = join(__dirname, '../../../tests/fixtures');
  const manifest = JSON.parse(readFileSync(join(fixtures, 'datasets_npy.json'), 'utf8')) as {
    files: Record<
      string,
      { descr: string; shape: number[]; fortran: boolean; values: number[]; version?: number }
    >;
    npz: Record<string, { shape: number[]; values: number[] }>;
  };
  // u4.npy holds 2400000000 (> int32): read as float64, and check the int32 default refuses it.
  const WIDE = ['big_i8.npy', 'u4.npy'];
  it('the int32 default refuses <u4 values above 2^31 - 1', () => {
    expect(() => loadNpy(join(fixtures, 'npy', 'u4.npy'))).toThrow(
      /u4.npy": element 8 of the "<u4" array is 2400000000, outside the int32 range/,
    );
  });
  for (const [file, want] of Object.entries(manifest.files)) {
    it(`reads ${file} (${want.descr}${want.fortran ? ', Fortran order' : ''})`, () => {
      const path = join(fixtures, 'npy', file);
      const t = loadNpy(path, { wideInts: WIDE.includes(file) ? 'float64' : 'int32' });
      expect(t.shape).toEqual(want.shape);
      const header = parseNpyHeader(new Uint8Array(readFileSync(path)));
      expect(header.descr).toBe(want.descr);
      expect(header.fortranOrder).toBe(want.fortran);
      if (want.version) expect(header.version[0]).toBe(want.version);
      const got = Array.from(t.data);
      if (want.descr.endsWith('f4') || want.descr.endsWith('f2'))
        expect(got).toEqual(want.values.map((v) => Math.fround(v)));
      else expect(got).toEqual(want.values.map((v) => (typeof v === 'boolean' ? Number(v) : v)));
      const expected =
        want.descr.endsWith('f8') || WIDE.includes(file)
          ? 'float64'
          : /f[24]$/.test(want.descr)
            ? 'float32'
            : want.descr.endsWith('b1')
              ? 'bool'
              : 'int32';
      expect(t.dtype).toBe(expected);
    });
  }
  it('refuses numpy files with structured or complex dtypes (DTypeError naming the file)', () => {
    expect(() => loadNpy(join(fixtures, 'npy', 'unsupported_structured.npy'))).toThrow(DTypeError);
    expect(() => loadNpy(join(fixtures, 'npy', 'unsupported_structured.npy'))).toThrow(
      /unsupported_structured.npy": structured dtype/,
    );
    expect(() => loadNpy(join(fixtures, 'npy', 'unsupported_complex.npy'))).toThrow(
      /unsupported_complex.npy": unsupported dtype descr "<c16"/,
    );
  });
  it('the main entry is browser-safe: only node.ts imports node: modules', () => {
    const src = join(__dirname, '../src');
    for (const f of readdirSync(src).filter((f) => f.endsWith('.ts') && f !== 'node.ts'))
      expect(readFileSync(join(src, f), 'utf8'), f).not.toMatch(/from 'node:/);
  });
  it('re-encoding a numpy file with its own descr reproduces its data bytes', () => {
    for (const file of ['f8_be.npy', 'i2_be.npy', 'u1.npy', 'i8.npy']) {
      const bytes = new Uint8Array(readFileSync(join(fixtures, 'npy', file)));
      const h = parseNpyHeader(bytes);
      const again = encodeNpy(parseNpy(bytes), { descr: h.descr });
      expect(Buffer.from(again.subarray(parseNpyHeader(again).dataOffset))).toEqual(
        Buffer.from(bytes.subarray(h.dataOffset)),
      );
    }
  });
  for (const file of ['stored.npz', 'deflated.npz']) {
    it(`reads ${file} written by np.savez${file === 'deflated.npz' ? '_compressed' : ''} (ZIP64 local headers)`, () => {
      const arrays = loadNpz(join(fixtures, 'npy', file));
      expect(Object.keys(arrays).sort()).toEqual(['x', 'y']);
      for (const key of ['x', 'y'] as const) {
        expect(arrays[key]!.shape).toEqual(manifest.npz[key]!.shape);
        expect(arrays[key]!.toList()).toEqual(manifest.npz[key]!.values);
      }
    });
  }
  it('a deflated archive needs inflateRaw in the browser-safe parser', () => {
    const bytes = new Uint8Array(readFileSync(join(fixtures, 'npy', 'deflated.npz')));
    expect(() => parseNpz(bytes, { name: 'd.npz' })).toThrow(/deflate-compressed; read it with loadNpz/);
  });
});

describe('.npz and zip', () => {
  it('round-trips stored and compressed archives through files', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const y = tensor([1, 0], { dtype: 'int32' });
    for (const compressed of [false, true]) {
      const path = join(dir, `a${compressed}.npz`);
      saveNpz(path, { x, y }, { compressed, npy: { y: { descr: '<i8' } } });
      const back = loadNpz(path);
      expect(back.x!.toArray()).toEqual(x.toArray());
      expect(back.y!.toList()).toEqual([1, 0]);
      expect(back.y!.dtype).toBe('int32');
    }
  });
  it('browser-safe stored archives round-trip without zlib', () => {
    const bytes = encodeNpz({ a: tensor([1, 2]), b: tensor([true]) });
    const back = parseNpz(bytes);
    expect(back.a!.toList()).toEqual([1, 2]);
    expect(back.b!.dtype).toBe('bool');
  });
  it('detects corruption by CRC-32 and truncation', () => {
    const bytes = encodeNpz({ a: tensor([1, 2, 3]) });
    const flipped = bytes.slice();
    flipped[100] ^= 0xff; // inside the member's data
    expect(() => parseNpz(flipped, { name: 'a.npz' })).toThrow(
      /"a.npz" is not a valid .npz \(zip\) archive: member "a.npy" fails its CRC-32 check/,
    );
    expect(() => parseNpz(bytes.subarray(0, bytes.length - 30), { name: 'a.npz' })).toThrow(
      /no end-of-central-directory record/,
    );
    expect(() => parseNpz(new Uint8Array(3), { name: 'a.npz' })).toThrow(
      /fewer than the 22 of an empty archive/,
    );
  });
  it('crc32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  it('writeZip/readZip keep names and order', () => {
    const entries = [
      { name: 'b.npy', data: Uint8Array.of(1, 2) },
      { name: 'a.npy', data: new Uint8Array(0) },
    ];
    expect(readZip(writeZip(entries)).map((e) => [e.name, Array.from(e.data)])).toEqual([
      ['b.npy', [1, 2]],
      ['a.npy', []],
    ]);
    expect(() => writeZip([entries[0]!, entries[0]!])).toThrow(/duplicate member name/);
  });
});

describe('file I/O is atomic', () => {
  it('saveNpy writes then renames, leaving no temporary file', () => {
    const path = join(dir, 'x.npy');
    saveNpy(path, tensor([1, 2, 3]));
    expect(loadNpy(path).toList()).toEqual([1, 2, 3]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('an encoding failure leaves an existing file untouched and writes nothing', () => {
    const path = join(dir, 'keep.npy');
    saveNpy(path, tensor([7]));
    const before = readFileSync(path);
    expect(() => saveNpy(path, tensor([300], { dtype: 'int32' }), { descr: '|u1' })).toThrow(
      /saveNpy: .*keep.npy.*element 0 is 300/,
    );
    expect(readFileSync(path)).toEqual(before);
    expect(() => saveNpy(join(dir, 'new.npy'), tensor([1.5]), { descr: '<i4' })).toThrow(ValueError);
    expect(existsSync(join(dir, 'new.npy'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('a failing write removes its temporary file', () => {
    expect(() => writeFileAtomic(join(dir, 'no-such-dir', 'x.npy'), new Uint8Array(1))).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('loadNpy names a missing file', () => {
    expect(() => loadNpy(join(dir, 'missing.npy'))).toThrow(
      /loadNpy: .npy file ".*missing.npy" does not exist/,
    );
    writeFileSync(join(dir, 'junk.npy'), 'hello');
    expect(() => loadNpy(join(dir, 'junk.npy'))).toThrow(/junk.npy" is not a valid .npy file/);
  });
});
