// readSafetensors (and so loadGpt2) on malformed checkpoints: the tiny GPT-2's model.safetensors
// with one header entry broken at a time must raise a typed SafetensorsError naming the file and
// the tensor. Before core's strict reader, these crashed with TypeErrors, read header bytes as
// weights (a negative begin), decoded dtype ["F32"] as BF16, or let a tensor named __proto__
// replace the result's prototype. The float16 default model decodes exactly (core's converter).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFloat16, GradkitError, SafetensorsError } from '@gradkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readSafetensors } from '../src/index.js';
import { defaultModelDir, loadGpt2 } from '../src/node.js';

const tiny = new URL('../../../tests/fixtures/tiny-gpt2/', import.meta.url);
const bytes = new Uint8Array(readFileSync(new URL('model.safetensors', tiny)));
const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
const data = bytes.subarray(8 + n);
const first = Object.keys(header).find((k) => k !== '__metadata__')!;

/** The checkpoint with `patch` applied to a copy of its header. */
const patched = (patch: (h: Record<string, any>) => void): Uint8Array => {
  const h = structuredClone(header);
  patch(h);
  const json = new TextEncoder().encode(JSON.stringify(h));
  return Uint8Array.from([
    ...new Uint8Array(new BigUint64Array([BigInt(json.length)]).buffer),
    ...json,
    ...data,
  ]);
};
const dir = mkdtempSync(join(tmpdir(), 'gradkit-st-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const second = Object.keys(header).filter((k) => k !== '__metadata__')[1]!;
const CASES: [string, Uint8Array, RegExp][] = [
  [
    'negative begin',
    patched((h) => {
      h[first].data_offsets[0] = -16;
    }),
    /data_offsets must be \[begin, end\] with integers 0 <= begin <= end/,
  ],
  [
    'dtype ["F32"]',
    patched((h) => {
      h[first].dtype = ['F32'];
    }),
    /dtype must be one of .*received \["F32"\]/,
  ],
  [
    'dtype an integer type',
    patched((h) => {
      h[first].dtype = 'I32';
    }),
    /has dtype I32; expected one of F32, F16, BF16, F64/,
  ],
  [
    'an entry that is null',
    patched((h) => {
      h[first] = null;
    }),
    /the entry must be an object \{dtype, shape, data_offsets\}, received null/,
  ],
  [
    'shape missing',
    patched((h) => {
      delete h[first].shape;
    }),
    /shape must be a list of non-negative integers, received undefined/,
  ],
  [
    'shape/size mismatch',
    patched((h) => {
      h[first].shape.push(2);
    }),
    /span \d+ bytes but shape \[.*\] of F32 needs \d+/,
  ],
  [
    'two entries on the same bytes',
    patched((h) => {
      h[first] = { ...h[second] };
    }),
    /starts at byte \d+, expected \d+ \((it overlaps tensor|bytes \d+\.\.\d+ belong to no tensor)/,
  ],
  [
    'a __proto__ entry that is not a tensor',
    patched((h) => {
      Object.defineProperty(h, '__proto__', { value: { polluted: true }, enumerable: true });
    }),
    /tensor "__proto__": dtype must be one of/,
  ],
  ['truncated', bytes.subarray(0, bytes.length - 4), /run past the data section/],
  ['header length past the end', bytes.subarray(0, n), /header length \d+ runs past the end of the file/],
];

describe('readSafetensors on malformed checkpoints', () => {
  it(`raises SafetensorsError naming the file and the tensor (${CASES.length} files)`, () => {
    const report: string[] = [];
    for (const [what, file, pattern] of CASES) {
      try {
        readSafetensors(file, 'ckpt/model.safetensors');
        report.push(`${what}: no error`);
      } catch (e) {
        if (
          !(e instanceof SafetensorsError) ||
          e.file !== 'ckpt/model.safetensors' ||
          !pattern.test(e.message)
        )
          report.push(`${what}: ${(e as Error).name}: ${(e as Error).message}`);
      }
    }
    expect(report).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('loadGpt2 names the checkpoint file in the error', () => {
    copyFileSync(new URL('config.json', tiny), join(dir, 'config.json'));
    writeFileSync(join(dir, 'model.safetensors'), CASES[0]![1]);
    expect(() => loadGpt2(dir)).toThrow(GradkitError);
    expect(() => loadGpt2(dir)).toThrow(/model\.safetensors: tensor ".*": data_offsets must be/);
  });

  it('decodes the float16 default model exactly (each value is its float16 pattern widened)', () => {
    const file = new Uint8Array(readFileSync(join(defaultModelDir(), 'model.safetensors')));
    const tensors = readSafetensors(file);
    const [name, entry] = [...tensors].find(([, e]) => e.dtype === 'F16')!;
    const m = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
    const info = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + m)))[name];
    const raw = new DataView(file.buffer, file.byteOffset + 8 + m + info.data_offsets[0]);
    for (let i = 0; i < Math.min(entry.data.length, 5000); i++)
      expect(entry.data[i]).toBe(decodeFloat16(raw.getUint16(2 * i, true)));
  });
});
