// datasets uses core's codecs instead of its own copies: `.npy` float16 through core's
// decodeFloat16/encodeFloat16 (every one of the 65,536 patterns survives a '<f2' and a '>f2'
// round trip), `signal.linspace` is core's linspace, and `writeFileAtomic` is core's (typed
// FileWriteError, nothing half-written).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFloat16, fromData, linspace } from '@gradkit/core';
import * as coreNode from '@gradkit/core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeNpy, parseNpy, signal } from '../src/index.js';
import { FileWriteError, saveNpy, writeFileAtomic } from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'gradkit-datasets-codecs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('float16 .npy through core', () => {
  it('every float16 pattern reads as decodeFloat16 and writes back to the same pattern', () => {
    const patterns = Uint16Array.from({ length: 65536 }, (_, h) => h);
    for (const descr of ['<f2', '>f2']) {
      const file = encodeNpy(fromData(Float64Array.from(patterns, decodeFloat16), [65536]), { descr });
      const back = parseNpy(file);
      expect(back.dtype).toBe('float32');
      const body = new DataView(file.buffer, file.byteOffset + file.length - 2 * 65536);
      let wrong = 0;
      for (let h = 0; h < 65536; h++) {
        const written = body.getUint16(2 * h, descr === '<f2');
        if (written !== (Number.isNaN(decodeFloat16(h)) ? 0x7e00 : h)) wrong++; // numpy writes NaN as 0x7e00
      }
      for (let h = 0; h < 65536; h++) if (!Object.is(back.data[h], decodeFloat16(h))) wrong++; // NaN is NaN
      expect(wrong).toBe(0);
    }
  });
});

describe('one owner', () => {
  it('signal.linspace is core linspace as a Float64Array (bit for bit)', () => {
    for (const [a, b, n] of [
      [-0.5, 0.5, 40],
      [0, 1, 72],
      [3, -1, 7],
      [0, 1, 1],
      [0, 1, 0],
    ] as const)
      expect(Array.from(signal.linspace(a, b, n))).toEqual(Array.from(linspace(a, b, n).data));
    expect(() => signal.linspace(0, 1, -1)).toThrow(
      /linspace: num must be a non-negative integer, received -1/,
    );
  });

  it('writeFileAtomic is core/node writeFileAtomic; saveNpy failures are FileWriteErrors naming the path', () => {
    expect(writeFileAtomic).toBe(coreNode.writeFileAtomic);
    expect(FileWriteError).toBe(coreNode.FileWriteError);
    const path = join(dir, 'missing', 'x.npy');
    expect(() => saveNpy(path, fromData(new Float64Array(3), [3]))).toThrow(FileWriteError);
    expect(() => saveNpy(path, fromData(new Float64Array(3), [3]))).toThrow(
      /could not write ".*missing\/x\.npy"/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
