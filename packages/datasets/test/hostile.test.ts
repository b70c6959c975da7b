/**
 * Hostile input to the file readers: zip and gzip bombs, a header nested past any real one,
 * member names that are Object.prototype's, and fuzzed bytes. Every reader either returns what
 * the format's reference (numpy) would, or throws a GradkitError naming the file; none crashes,
 * overflows the stack or inflates past the sizes the file declares.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { GradkitError, type Tensor, tensor, ValueError } from '@gradkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeIdx,
  encodeNpy,
  encodeNpz,
  parseIdx,
  parseNpy,
  parseNpz,
  readZip,
  writeZip,
} from '../src/index.js';
import { loadNpz } from '../src/node.js';

const inflateRaw = (d: Uint8Array, max?: number) =>
  new Uint8Array(inflateRawSync(d, max === undefined ? {} : { maxOutputLength: Math.max(1, max) }));
const gunzip = (d: Uint8Array, max?: number) =>
  new Uint8Array(gunzipSync(d, max === undefined ? {} : { maxOutputLength: Math.max(1, max) }));

/** A one-member deflated zip whose member really inflates to `real` bytes but declares `declared`. */
function bombZip(real: number, declared: number): Uint8Array {
  const zeros = new Uint8Array(real);
  const zip = writeZip([{ name: 'x.npy', data: zeros }], {
    deflateRaw: (d) => new Uint8Array(deflateRawSync(d)),
  });
  // Patch the declared uncompressed size in the local header (offset 22) and the central
  // directory entry (offset 24 from its start).
  const v = new DataView(zip.buffer);
  v.setUint32(22, declared, true);
  const eocd = zip.length - 22;
  const cd = v.getUint32(eocd + 16, true);
  v.setUint32(cd + 24, declared, true);
  return zip;
}

const SEED = 20261206;

describe('zip bombs (.npz)', () => {
  it('stops inflating at the declared size: 64 MiB of zeros declared as 1 kB is an error without the 64 MiB', () => {
    const zip = bombZip(64 * 2 ** 20, 1024);
    expect(zip.length).toBeLessThan(100_000);
    const before = process.memoryUsage().arrayBuffers;
    expect(() => parseNpz(zip, { inflateRaw, name: 'bomb.npz' })).toThrow(
      /inflates past the 1024 bytes its header declares/,
    );
    // nothing near the real size was allocated (the cap stops zlib at 1 kB)
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 2 ** 20);
  });

  it('refuses declared sizes past maxBytes before inflating anything, naming the member and the option', () => {
    const zip = bombZip(4096, 4096);
    expect(() => readZip(zip, { inflateRaw, name: 'a.npz', maxBytes: 1000 })).toThrow(
      /member "x\.npy" declares 4096 bytes, past the 1000-byte limit of options\.maxBytes/,
    );
    // the limit is for the whole archive: two 600-byte members pass 1000 together
    const two = writeZip([
      { name: 'a.npy', data: new Uint8Array(600) },
      { name: 'b.npy', data: new Uint8Array(600) },
    ]);
    expect(() => readZip(two, { maxBytes: 1000 })).toThrow(/600 bytes already read/);
    expect(readZip(two, { maxBytes: 1200 })).toHaveLength(2);
    expect(() => readZip(two, { maxBytes: -1 })).toThrow(
      /options\.maxBytes must be a non-negative integer, received -1/,
    );
  });

  it('a legitimate highly compressed archive still loads (1 MiB of zeros in a few kB)', () => {
    const x = tensor(new Float64Array(2 ** 17));
    const bytes = encodeNpz({ x }, { deflateRaw: (d) => new Uint8Array(deflateRawSync(d)) });
    expect(bytes.length).toBeLessThan(10_000);
    expect(parseNpz(bytes, { inflateRaw }).x!.shape).toEqual([2 ** 17]);
  });
});

describe('gzip bombs (IDX)', () => {
  it('caps gunzip at the size the gzip trailer declares, and at maxBytes', () => {
    const idx = encodeIdx(tensor(new Int32Array(1000), { dtype: 'int32' }), 'uint8');
    const gz = new Uint8Array(gzipSync(idx));
    expect(parseIdx(gz, { gunzip }).shape).toEqual([1000]);
    // a trailer that lies: declared 100, inflates to 1008
    const lying = gz.slice();
    new DataView(lying.buffer).setUint32(lying.length - 4, 100, true);
    expect(() => parseIdx(lying, { gunzip, name: 'l.gz' })).toThrow(
      // zlib checks the cap per 16 kB chunk, so so small a lie meets gzip's own length check first
      /"l\.gz" (inflates past the 100 bytes its gzip trailer declares|is not a valid gzip file: incorrect length check)/,
    );
    expect(() => parseIdx(gz, { gunzip, name: 'g.gz', maxBytes: 10 })).toThrow(
      new RegExp(
        `"g\\.gz" declares ${idx.length} bytes uncompressed, past the 10-byte limit of options\\.maxBytes`,
      ),
    );
    const bomb = new Uint8Array(gzipSync(new Uint8Array(64 * 2 ** 20)));
    new DataView(bomb.buffer).setUint32(bomb.length - 4, 2048, true);
    expect(() => parseIdx(bomb, { gunzip })).toThrow(ValueError);
  });
});

describe('.npy headers', () => {
  /** A version-2.0 .npy file with this header text (padded, newline-terminated) and no data. */
  function npyWithHeader(header: string): Uint8Array {
    const total = Math.ceil((12 + header.length + 1) / 64) * 64;
    const body = `${header.padEnd(total - 12 - 1, ' ')}\n`;
    const out = new Uint8Array(total);
    out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0]);
    new DataView(out.buffer).setUint32(8, body.length, true);
    out.set(new TextEncoder().encode(body), 12);
    return out;
  }

  it('a header nested 200,000 deep is a ValueError, not a stack overflow', () => {
    const deep = `{'descr': ${'('.repeat(200_000)}${')'.repeat(200_000)}, 'fortran_order': False, 'shape': (1,), }`;
    expect(() => parseNpy(npyWithHeader(deep), { name: 'deep.npy' })).toThrow(
      /"deep\.npy".*nests deeper than 64 levels/,
    );
  });

  it('a long flat header parses in linear time', () => {
    const shape = Array.from({ length: 20_000 }, () => '1').join(', ');
    const t0 = performance.now();
    expect(() =>
      parseNpy(npyWithHeader(`{'descr': '<f8', 'fortran_order': False, 'shape': (${shape}), }`)),
    ).toThrow(GradkitError);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('member names', () => {
  it('a member named __proto__ is an own key, the result keeps its prototype', () => {
    const zip = writeZip([
      { name: '__proto__.npy', data: encodeNpy(tensor([1, 2])) },
      { name: 'constructor.npy', data: encodeNpy(tensor([3])) },
    ]);
    const out = parseNpz(zip);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')!.value.toArray()).toEqual([1, 2]);
    expect((out.constructor as unknown as Tensor).toArray()).toEqual([3]);
  });

  it('a member that appears twice is an error (numpy would silently keep one)', () => {
    const d = encodeNpy(tensor([1]));
    // writeZip refuses duplicates; build the archive from two single-member ones' pieces
    const a = writeZip([
      { name: 'x.npy', data: d },
      { name: 'y.npy', data: d },
    ]);
    const patched = a.slice();
    const text = new TextDecoder('latin1').decode(patched);
    let at = text.indexOf('y.npy');
    while (at >= 0) {
      patched[at] = 'x'.charCodeAt(0);
      at = text.indexOf('y.npy', at + 1);
    }
    expect(() => parseNpz(patched, { name: 'dup.npz' })).toThrow(/"dup\.npz": member "x\.npy" appears twice/);
  });
});

/** Everything a reader may throw on garbage is a GradkitError; anything else fails the property. */
function onlyTypedErrors(read: () => unknown): boolean {
  try {
    read();
    return true;
  } catch (err) {
    if (err instanceof GradkitError) return true;
    throw err;
  }
}

describe('fuzzed bytes (fast-check, fixed seed)', () => {
  const valid = {
    npy: encodeNpy(
      tensor([
        [1.5, 2],
        [3, 4],
      ]),
    ),
    npz: encodeNpz(
      { a: tensor([1, 2, 3]), b: tensor([[true, false]], { dtype: 'bool' }) },
      {
        deflateRaw: (d) => new Uint8Array(deflateRawSync(d)),
      },
    ),
    idx: encodeIdx(
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: 'int32' },
      ),
      'uint8',
    ),
  };
  const mutate = (bytes: Uint8Array) =>
    fc
      .array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 8,
      })
      .chain((edits) =>
        fc.nat(bytes.length).map((cut) => {
          const b = bytes.slice(0, Math.max(cut, Math.floor(bytes.length / 2)));
          for (const [at, v] of edits) if (at < b.length) b[at] = v;
          return b;
        }),
      );
  const runs = { seed: SEED, numRuns: 400 };

  it('parseNpy: random and mutated bytes give a tensor or a GradkitError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => onlyTypedErrors(() => parseNpy(b))),
      runs,
    );
    fc.assert(
      fc.property(mutate(valid.npy), (b) => onlyTypedErrors(() => parseNpy(b))),
      runs,
    );
  });

  it('parseNpz: mutated archives (stored and deflated) give tensors or a GradkitError', () => {
    fc.assert(
      fc.property(mutate(valid.npz), (b) => onlyTypedErrors(() => parseNpz(b, { inflateRaw }))),
      runs,
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) =>
        onlyTypedErrors(() => parseNpz(b, { inflateRaw })),
      ),
      runs,
    );
  });

  it('parseIdx: mutated files, plain and gzipped, give a tensor or a GradkitError', () => {
    fc.assert(
      fc.property(mutate(valid.idx), (b) => onlyTypedErrors(() => parseIdx(b, { gunzip }))),
      runs,
    );
    const gz = new Uint8Array(gzipSync(valid.idx));
    fc.assert(
      fc.property(mutate(gz), (b) => onlyTypedErrors(() => parseIdx(b, { gunzip }))),
      runs,
    );
  });

  it('loadNpz from disk goes through the same caps (node entry)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradkit-bomb-'));
    try {
      const path = join(dir, 'bomb.npz');
      writeFileSync(path, bombZip(64 * 2 ** 20, 512));
      expect(() => loadNpz(path)).toThrow(/inflates past the 512 bytes its header declares/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
