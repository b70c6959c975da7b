// safetensors: byte-exact encoding against a from-scratch Python writer of the format, decoding a
// file that writer produced (F64/F32/F16/I64/I32/U8/BOOL, metadata, a 0-d tensor), validation
// errors, and the file round trip through `@gradkit/nn/node` (temp file + rename).
// Fixtures: tests/fixtures/gen_nn_torch.py.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor, ValueError } from '@gradkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, Linear, Module, ReLU, Sequential } from '../src/index.js';
import { loadSafetensors, loadStateDict, saveStateDict } from '../src/node.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/nn_torch.json', import.meta.url), 'utf8'),
);
const refFile = new URL('../../../tests/fixtures/nn_reference.safetensors', import.meta.url);
const DTYPE = { F64: 'float64', F32: 'float32', I32: 'int32', BOOL: 'bool' } as const;

// a deterministic stand-in random source for layers whose values are overwritten in these tests
const fixedRng = {
  uniform: (_l: number, _h: number, s: number[]) => new Float64Array(s.reduce((a, b) => a * b, 1)).fill(0.25),
  normal: (_m: number, _s: number, s: number[]) => new Float64Array(s.reduce((a, b) => a * b, 1)),
};

describe('encodeSafetensors', () => {
  it('emits exactly the bytes of the reference layout (dtype-width order, space padding to 8)', () => {
    const e = fx.safetensors_encode;
    const tensors: Record<string, any> = {};
    for (const [k, v] of Object.entries<any>(e.tensors)) {
      const t = tensor(v.values, { dtype: DTYPE[v.dtype as keyof typeof DTYPE] });
      tensors[k] = v.shape.length === 0 ? t.reshape([]) : t.reshape(v.shape);
    }
    const bytes = encodeSafetensors(tensors, e.metadata);
    expect(Buffer.from(bytes).toString('base64')).toBe(e.bytes_b64);
    const headerLen = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLen) % 8).toBe(0);
  });
});

describe('decodeSafetensors', () => {
  it('reads a file written by an independent implementation of the format', () => {
    const { tensors, metadata } = decodeSafetensors(new Uint8Array(readFileSync(refFile)));
    expect(metadata).toEqual(fx.safetensors_reference_metadata);
    const expectedDtype: Record<string, string> = {
      F64: 'float64',
      F32: 'float32',
      F16: 'float32',
      I64: 'int32',
      I32: 'int32',
      U8: 'int32',
      BOOL: 'bool',
    };
    for (const [k, v] of Object.entries<any>(fx.safetensors_reference)) {
      const t = tensors[k]!;
      expect(t.shape).toEqual(v.shape);
      expect(t.dtype).toBe(expectedDtype[v.dtype]);
      expect(t.toList()).toEqual(v.values);
    }
  });
  it('round-trips every gradkit dtype', () => {
    const src = {
      a: tensor([
        [1.5, -2],
        [3, 4],
      ]),
      b: tensor([0.1, 0.2], { dtype: 'float32' }),
      c: tensor([1, -7, 2147483647], { dtype: 'int32' }),
      d: tensor([true, false, true]),
      e: tensor([], { dtype: 'float32' }),
    };
    const { tensors } = decodeSafetensors(encodeSafetensors(src));
    for (const [k, t] of Object.entries(src)) {
      expect(tensors[k]!.dtype).toBe(t.dtype);
      expect(tensors[k]!.shape).toEqual(t.shape);
      expect(tensors[k]!.toList()).toEqual(t.toList());
    }
  });
  it('rejects truncated buffers, bad dtypes and offsets that do not tile the data', () => {
    const good = encodeSafetensors({ w: tensor([1, 2, 3]) });
    expect(() => decodeSafetensors(good.subarray(0, 5))).toThrow(ValueError);
    expect(() => decodeSafetensors(good.subarray(0, good.length - 8))).toThrow(
      /data_offsets \[0,24\] run past the data section/,
    );
    const header = (h: object, data = 0) => {
      const json = new TextEncoder().encode(JSON.stringify(h));
      const out = new Uint8Array(8 + json.length + data);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      return out;
    };
    expect(() =>
      decodeSafetensors(header({ w: { dtype: 'F128', shape: [1], data_offsets: [0, 16] } }, 16)),
    ).toThrow(/dtype must be one of/);
    expect(() =>
      decodeSafetensors(header({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, 4)),
    ).toThrow(/span 4 bytes but shape \[2\] of F32 needs 8/);
    expect(() =>
      decodeSafetensors(
        header(
          {
            a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
            b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] },
          },
          12,
        ),
      ),
    ).toThrow(/starts at byte 8, expected 4/);
    expect(() => encodeSafetensors({ w: tensor([1]) }, { n: 3 as unknown as string })).toThrow(
      /metadata\["n"\] must be a string/,
    );
  });
});

describe('state dicts on disk (@gradkit/nn/node)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradkit-nn-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const make = () =>
    new Sequential(new Linear(4, 3, { rng: fixedRng }), new ReLU(), new Linear(3, 2, { rng: fixedRng }));

  it('saves with PyTorch names and loads into a fresh model', () => {
    const a = make();
    let v = 0;
    for (const p of a.parameters()) for (let i = 0; i < p.size; i++) p.data[i] = (v++ % 7) / 8;
    const path = join(dir, 'mlp.safetensors');
    saveStateDict(a, path);
    expect(readdirSync(dir)).toEqual(['mlp.safetensors']); // no temporary file left behind
    const { tensors, metadata } = loadSafetensors(path);
    expect(Object.keys(tensors).sort()).toEqual(['0.bias', '0.weight', '2.bias', '2.weight']);
    expect(metadata).toEqual({ format: 'pt' });
    const b = make();
    loadStateDict(b, path);
    for (const [n, p] of b.namedParameters()) expect(p.toList()).toEqual(a.stateDict()[n]!.toList());
  });
  it('strict loading names missing and unexpected keys; shapes must match', () => {
    const path = join(dir, 'one.safetensors');
    saveStateDict(new Sequential(new Linear(4, 3, { rng: fixedRng })), path);
    expect(() => loadStateDict(make(), path)).toThrow(/missing keys \["2.weight","2.bias"\]/);
    expect(loadStateDict(make(), path, false)).toEqual({
      missingKeys: ['2.weight', '2.bias'],
      unexpectedKeys: [],
    });
    saveStateDict(new Sequential(new Linear(5, 3, { rng: fixedRng })), path);
    expect(() => loadStateDict(new Sequential(new Linear(4, 3, { rng: fixedRng })), path)).toThrow(
      /size mismatch for "0.weight": copying a tensor of shape \[3,5\]/,
    );
  });
  it('a module subclass with buffers saves them too', () => {
    class WithBuffer extends Module {
      declare fc: Linear;
      constructor() {
        super();
        this.registerModule('fc', new Linear(2, 2, { rng: fixedRng, dtype: 'float64' }));
        this.registerBuffer('steps', tensor([3], { dtype: 'int32' }));
      }
      forward(x: any) {
        return this.fc.call(x);
      }
    }
    const m = new WithBuffer();
    const back = decodeSafetensors(encodeSafetensors(m.stateDict())).tensors;
    expect(Object.keys(back).sort()).toEqual(['fc.bias', 'fc.weight', 'steps']);
    expect(back.steps!.dtype).toBe('int32');
  });
});
