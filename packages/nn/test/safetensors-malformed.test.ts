// nn's safetensors entry points on malformed files: `decodeSafetensors` (core's strict reader,
// re-exported) and `loadSafetensors(path)` must raise a typed SafetensorsError naming the file and
// the tensor (never a TypeError, never header bytes read as weights, never a replaced prototype);
// writes are all-or-nothing. The format's full list of malformed files is in
// packages/core/test/safetensors.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GradkitError, type Tensor, tensor, ValueError } from '@gradkit/core';
import { FileWriteError } from '@gradkit/core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from '../src/index.js';
import { loadSafetensors, saveSafetensors } from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'gradkit-nn-malformed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A valid file of two float32 tensors, `a` [2] then `b` [1], 12 data bytes. */
const valid = encodeSafetensors({
  a: tensor([1, 2], { dtype: 'float32' }),
  b: tensor([3], { dtype: 'float32' }),
});
const headerOf = (bytes: Uint8Array) =>
  JSON.parse(
    new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true)))),
  );
/** `valid` with its header replaced by `header` (and `extra` data bytes appended or removed). */
function withHeader(header: unknown, extra = 0): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + Math.max(0, 12 + extra));
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}
const h = headerOf(valid);

const CASES: [string, Uint8Array, RegExp][] = [
  [
    'negative begin (reading the header as weights)',
    withHeader({ ...h, a: { ...h.a, data_offsets: [-8, 0] } }),
    /tensor "a": data_offsets must be .* received \[-8,0\]/,
  ],
  [
    'overlapping offsets',
    withHeader({ ...h, b: { ...h.b, data_offsets: [4, 8] } }),
    /tensor "b": starts at byte 4, expected 8 \(it overlaps tensor "a"/,
  ],
  [
    'offsets past the data',
    withHeader({ ...h, b: { ...h.b, data_offsets: [8, 16], shape: [2] } }),
    /tensor "b": data_offsets \[8,16\] run past the data section \(12 bytes\)/,
  ],
  [
    'dtype as a list',
    withHeader({ ...h, a: { ...h.a, dtype: ['F32'] } }),
    /tensor "a": dtype must be one of .*received \["F32"\]/,
  ],
  [
    'dtype as a number',
    withHeader({ ...h, a: { ...h.a, dtype: 4 } }),
    /tensor "a": dtype must be one of .*received 4/,
  ],
  [
    'shape/size mismatch',
    withHeader({ ...h, a: { ...h.a, shape: [3] } }),
    /tensor "a": data_offsets \[0,8\] span 8 bytes but shape \[3\] of F32 needs 12/,
  ],
  [
    'truncated data',
    withHeader(h, -4),
    /tensor "b": data_offsets \[8,12\] run past the data section \(8 bytes\)/,
  ],
  [
    'truncated header',
    valid.subarray(0, 20),
    /header length \d+ runs past the end of the file \(12 bytes follow the length\)/,
  ],
  [
    'header length past the end',
    Uint8Array.of(255, 255, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d),
    /header length 65535 runs past the end/,
  ],
  ['a null entry', withHeader({ ...h, b: null }), /tensor "b": the entry must be an object/],
];

describe('decodeSafetensors / loadSafetensors on malformed files', () => {
  it(`raises a SafetensorsError naming the file and the tensor (${CASES.length} files)`, () => {
    const report: string[] = [];
    CASES.forEach(([what, bytes, pattern], i) => {
      const path = join(dir, `bad-${i}.safetensors`);
      writeFileSync(path, bytes);
      for (const [reader, name] of [
        [() => decodeSafetensors(bytes, { name: 'w.safetensors' }), 'w.safetensors'],
        [() => loadSafetensors(path), path],
      ] as const) {
        try {
          reader();
          report.push(`${what}: no error`);
        } catch (e) {
          const ok =
            e instanceof SafetensorsError &&
            e instanceof ValueError &&
            e.file === name &&
            e.message.includes(name) &&
            pattern.test(e.message);
          if (!ok) report.push(`${what}: ${(e as Error).name}: ${(e as Error).message}`);
        }
      }
    });
    expect(report).toEqual([]);
  });

  it('a tensor named __proto__ loads as a tensor and leaves the prototype alone', () => {
    const bytes = encodeSafetensors(new Map([['__proto__', tensor([4, 5], { dtype: 'float32' })]]) as never);
    const { tensors } = decodeSafetensors(bytes);
    expect(Object.getPrototypeOf(tensors)).toBe(null);
    expect((Object.getOwnPropertyDescriptor(tensors, '__proto__')!.value as Tensor).toArray()).toEqual([
      4, 5,
    ]);
  });

  it('loadSafetensors names a missing file', () => {
    expect(() => loadSafetensors(join(dir, 'nope.safetensors'))).toThrow(
      /could not read ".*nope\.safetensors"/,
    );
  });
});

describe('saveSafetensors writes all or nothing', () => {
  it('an encoding error writes nothing and keeps the old file', () => {
    const path = join(dir, 'keep.safetensors');
    saveSafetensors(path, { w: tensor([1]) });
    const before = readFileSync(path);
    expect(() => saveSafetensors(path, { w: [1] as never })).toThrow(GradkitError);
    expect(readFileSync(path)).toEqual(before);
  });
  it('a missing folder is a FileWriteError naming the path; no temporary file is left', () => {
    const path = join(dir, 'missing', 'w.safetensors');
    expect(() => saveSafetensors(path, { w: tensor([1]) })).toThrow(FileWriteError);
    expect(() => saveSafetensors(path, { w: tensor([1]) })).toThrow(
      /could not write ".*missing\/w\.safetensors"/,
    );
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
