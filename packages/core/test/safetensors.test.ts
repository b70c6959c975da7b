// The safetensors codec: round trips, a file written by Hugging Face's own writer (the tiny GPT-2
// checkpoint) and by an independent Python writer (nn_reference.safetensors), and the strict
// reader on malformed files: every one must raise a typed SafetensorsError (a ValueError, a
// GradkitError) that names the file, the tensor where there is one, what was received and what
// was expected, never a TypeError, a wrong value or a changed prototype.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  decodeSafetensors,
  decodeSafetensorsTensor,
  encodeSafetensors,
  GradkitError,
  parseSafetensors,
  SAFETENSORS_DTYPES,
  SafetensorsError,
  tensor,
  ValueError,
} from '../src/index.js';

const fixture = (p: string) =>
  new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/${p}`, import.meta.url)));

/** A safetensors file from a header (object or raw JSON text) and `data` bytes (0, 1, 2, ...). */
function file(
  header: object | string | Uint8Array,
  data: number | Uint8Array = 0,
  length?: bigint,
): Uint8Array {
  const json =
    header instanceof Uint8Array
      ? header
      : new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const body = typeof data === 'number' ? Uint8Array.from({ length: data }, (_, i) => i & 255) : data;
  const out = new Uint8Array(8 + json.length + body.length);
  new DataView(out.buffer).setBigUint64(0, length ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(body, 8 + json.length);
  return out;
}
const f32 = (shape: number[], offsets: [number, number]) => ({ dtype: 'F32', shape, data_offsets: offsets });

/** [what is wrong, the file, a pattern its message must match]. */
const MALFORMED: [string, Uint8Array, RegExp][] = [
  ['empty buffer', new Uint8Array(0), /weights\.st has 0 bytes; expected an 8-byte header length/],
  ['3 bytes', Uint8Array.of(1, 2, 3), /has 3 bytes; expected an 8-byte header length and a JSON header/],
  [
    'header length past the end',
    file({}, 0, 1000n),
    /header length 1000 runs past the end of the file \(2 bytes follow/,
  ],
  [
    'header length over 100 MB',
    file({}, 0, 2n ** 40n),
    /header length 1099511627776 exceeds the 100 MB limit/,
  ],
  ['header length 2^64-1', file({}, 0, 2n ** 64n - 1n), /exceeds the 100 MB limit/],
  ['empty header', file(''), /must begin with "\{" \(0x7B\), received an empty header/],
  ['header not starting with {', file(' {}'), /must begin with "\{".*received byte 0x20/],
  ['header a JSON array', file('[]'), /must begin with "\{".*received byte 0x5b/],
  ['header invalid JSON', file('{"w": '), /the header is not valid UTF-8 JSON/],
  ['header invalid UTF-8', file(Uint8Array.of(0x7b, 0xff, 0x7d)), /not valid UTF-8 JSON/],
  [
    'header truncated inside',
    file('{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}').subarray(0, 30),
    /runs past the end of the file/,
  ],
  [
    'entry is a number',
    file({ w: 3 }),
    /tensor "w": the entry must be an object \{dtype, shape, data_offsets\}, received 3/,
  ],
  ['entry is null', file({ w: null }), /tensor "w": the entry must be an object.*received null/],
  ['entry is an array', file({ w: [] }), /tensor "w": the entry must be an object/],
  [
    'dtype missing',
    file({ w: { shape: [1], data_offsets: [0, 4] } }, 4),
    /tensor "w": dtype must be one of .*received undefined/,
  ],
  [
    'dtype ["F32"]',
    file({ w: { dtype: ['F32'], shape: [1], data_offsets: [0, 4] } }, 4),
    /dtype must be one of .*received \["F32"\]/,
  ],
  [
    'dtype a number',
    file({ w: { dtype: 32, shape: [1], data_offsets: [0, 4] } }, 4),
    /dtype must be one of .*received 32/,
  ],
  [
    'dtype unknown name',
    file({ w: { dtype: 'F128', shape: [1], data_offsets: [0, 16] } }, 16),
    /received "F128"/,
  ],
  ['dtype lower case', file({ w: { dtype: 'f32', shape: [1], data_offsets: [0, 4] } }, 4), /received "f32"/],
  [
    'dtype "toString"',
    file({ w: { dtype: 'toString', shape: [1], data_offsets: [0, 4] } }, 4),
    /received "toString"/,
  ],
  [
    'shape missing',
    file({ w: { dtype: 'F32', data_offsets: [0, 4] } }, 4),
    /shape must be a list of non-negative integers, received undefined/,
  ],
  ['shape negative', file({ w: f32([-1], [0, 4]) }, 4), /shape must be .*received \[-1\]/],
  ['shape fractional', file({ w: f32([1.5], [0, 6]) }, 6), /received \[1\.5\]/],
  ['shape of strings', file({ w: f32(['2'] as unknown as number[], [0, 8]) }, 8), /received \["2"\]/],
  ['shape a number', file({ w: { dtype: 'F32', shape: 4, data_offsets: [0, 16] } }, 16), /received 4/],
  ['shape beyond 2^53 elements', file({ w: f32([2 ** 30, 2 ** 30], [0, 4]) }, 4), /more than 2\^53 elements/],
  [
    'data_offsets missing',
    file({ w: { dtype: 'F32', shape: [1] } }, 4),
    /data_offsets must be \[begin, end\].*received undefined/,
  ],
  [
    'data_offsets negative begin',
    file({ w: f32([1], [-4, 0]) }, 0),
    /data_offsets must be .*0 <= begin <= end, received \[-4,0\]/,
  ],
  ['data_offsets end before begin', file({ w: f32([1], [4, 0]) }, 4), /received \[4,0\]/],
  [
    'data_offsets three numbers',
    file({ w: f32([1], [0, 4, 8] as unknown as [number, number]) }, 4),
    /received \[0,4,8\]/,
  ],
  [
    'data_offsets strings',
    file({ w: f32([1], ['0', '4'] as unknown as [number, number]) }, 4),
    /received \["0","4"\]/,
  ],
  ['data_offsets fractional', file({ w: f32([1], [0.5, 4.5]) }, 5), /received \[0\.5,4\.5\]/],
  [
    'shape/size mismatch',
    file({ w: f32([2], [0, 4]) }, 4),
    /tensor "w": data_offsets \[0,4\] span 4 bytes but shape \[2\] of F32 needs 8/,
  ],
  [
    'sub-byte dtype, odd count',
    file({ w: { dtype: 'F4', shape: [3], data_offsets: [0, 2] } }, 2),
    /shape \[3\] of F4 is 12 bits, not a whole number of bytes/,
  ],
  [
    'offsets past the data',
    file({ w: f32([2], [0, 8]) }, 4),
    /data_offsets \[0,8\] run past the data section \(4 bytes\)/,
  ],
  ['truncated data', file({ w: f32([4], [0, 16]) }, 12), /run past the data section \(12 bytes\)/],
  [
    'overlapping offsets',
    file({ a: f32([2], [0, 8]), b: f32([2], [4, 12]) }, 12),
    /tensor "b": starts at byte 4, expected 8 \(it overlaps tensor "a"/,
  ],
  [
    'two tensors on the same bytes',
    file({ a: f32([1], [0, 4]), b: f32([1], [0, 4]) }, 4),
    /starts at byte 0, expected 4 \(it overlaps/,
  ],
  [
    'a hole between tensors',
    file({ a: f32([1], [0, 4]), b: f32([1], [8, 12]) }, 12),
    /tensor "b": starts at byte 8, expected 4 \(bytes 4\.\.8 belong to no tensor/,
  ],
  ['a hole at the start', file({ a: f32([1], [4, 8]) }, 8), /tensor "a": starts at byte 4, expected 0/],
  [
    'trailing bytes',
    file({ a: f32([1], [0, 4]) }, 6),
    /the tensors cover 4 bytes but the data section has 6/,
  ],
  ['data but no tensors', file({}, 3), /the tensors cover 0 bytes but the data section has 3/],
  [
    'duplicate tensor name',
    file(
      '{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}',
      4,
    ),
    /duplicate key "w" in the header/,
  ],
  [
    'duplicate field in an entry',
    file('{"w":{"dtype":"F32","dtype":"I32","shape":[1],"data_offsets":[0,4]}}', 4),
    /tensor "w": duplicate key "dtype" in its entry/,
  ],
  ['duplicate metadata key', file('{"__metadata__":{"a":"1","a":"2"}}'), /duplicate key "a" in __metadata__/],
  [
    'metadata value a number',
    file({ __metadata__: { epoch: 3 } }),
    /__metadata__\["epoch"\] must be a string, received 3/,
  ],
  [
    'metadata an array',
    file({ __metadata__: ['a'] }),
    /__metadata__ must be an object of strings, received \["a"\]/,
  ],
  [
    'metadata a string',
    file({ __metadata__: 'pt' }),
    /__metadata__ must be an object of strings, received "pt"/,
  ],
];

describe('parseSafetensors on malformed files', () => {
  it(`rejects ${MALFORMED.length} malformed files with a SafetensorsError naming the file`, () => {
    const report: string[] = [];
    for (const [what, bytes, pattern] of MALFORMED) {
      let error: unknown;
      try {
        parseSafetensors(bytes, { name: 'weights.st' });
      } catch (e) {
        error = e;
      }
      const ok =
        error instanceof SafetensorsError &&
        error instanceof ValueError &&
        error instanceof GradkitError &&
        error.file === 'weights.st' &&
        error.message.startsWith('parseSafetensors: weights.st') &&
        pattern.test(error.message);
      if (!ok)
        report.push(`${what}: ${error instanceof Error ? `${error.name}: ${error.message}` : 'no error'}`);
    }
    expect(report).toEqual([]);
  });

  it('names the tensor in `tensor` and the reader in the message', () => {
    const bad = file({ a: f32([1], [0, 4]), b: f32([2], [4, 8]) }, 8);
    expect(() => decodeSafetensors(bad, { name: 'm.safetensors' })).toThrow(
      /^decodeSafetensors: m\.safetensors: tensor "b": data_offsets \[4,8\] span 4 bytes/,
    );
    try {
      parseSafetensors(bad);
    } catch (e) {
      expect((e as SafetensorsError).tensor).toBe('b');
      expect((e as SafetensorsError).file).toBe('safetensors buffer');
    }
  });

  it('rejects what is not bytes', () => {
    expect(() => parseSafetensors('abc' as unknown as Uint8Array)).toThrow(
      /bytes must be a Uint8Array or ArrayBuffer of a safetensors file, received "abc"/,
    );
  });

  it('a tensor named __proto__ is a tensor, not a prototype', () => {
    const text =
      '{"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"constructor":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
    const two = file(text, new Uint8Array(new Float32Array([2.5, -1]).buffer));
    const { tensors } = decodeSafetensors(two);
    expect(Object.getPrototypeOf(tensors)).toBe(null);
    expect(Object.keys(tensors)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(tensors, '__proto__')!.value.toArray()).toEqual([2.5]);
    expect(Object.getOwnPropertyDescriptor(tensors, 'constructor')!.value.toArray()).toEqual([-1]);
    expect(parseSafetensors(two).tensors.get('__proto__')!.dtype).toBe('F32');
    expect(({} as Record<string, unknown>).dtype).toBeUndefined(); // no prototype was polluted
    // and the writer round-trips such names
    const back = decodeSafetensors(encodeSafetensors(new Map([['__proto__', tensor([1, 2])]]))).tensors;
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')!.value.toArray()).toEqual([1, 2]);
  });
});

describe('decodeSafetensorsTensor', () => {
  it('refuses int64 values outside int32, naming the value and its index', () => {
    const data = new Uint8Array(16);
    new DataView(data.buffer).setBigInt64(8, 2n ** 40n, true);
    const bytes = file({ ids: { dtype: 'I64', shape: [2], data_offsets: [0, 16] } }, data);
    expect(() => decodeSafetensors(bytes, { name: 'ids.st' })).toThrow(
      /ids\.st: tensor "ids": I64 value 1099511627776 at flat index 1 does not fit int32/,
    );
  });
  it('parses any dtype of the spec but decodes only those with a gradkit counterpart (DTypeError)', () => {
    expect(SAFETENSORS_DTYPES).toHaveLength(22);
    const bytes = file({ q: { dtype: 'F8_E4M3', shape: [2], data_offsets: [0, 2] } }, 2);
    const view = parseSafetensors(bytes).tensors.get('q')!;
    expect(view.bytes).toEqual(Uint8Array.of(0, 1));
    expect(() => decodeSafetensorsTensor(view)).toThrow(DTypeError);
    expect(() => decodeSafetensorsTensor(view)).toThrow(
      /tensor "q": dtype "F8_E4M3" has no gradkit counterpart/,
    );
  });
  it('decodes F16 and BF16 exactly as float32', () => {
    const bits = Uint16Array.of(0x3c00, 0x0001, 0xfbff, 0x8000);
    const bf = Uint16Array.of(0x3f80, 0xc049);
    const data = new Uint8Array(12);
    data.set(new Uint8Array(bits.buffer), 0);
    data.set(new Uint8Array(bf.buffer), 8);
    const { tensors } = decodeSafetensors(
      file(
        {
          h: { dtype: 'F16', shape: [2, 2], data_offsets: [0, 8] },
          b: { dtype: 'BF16', shape: [2], data_offsets: [8, 12] },
        },
        data,
      ),
    );
    expect(tensors.h!.dtype).toBe('float32');
    expect(Array.from(tensors.h!.data)).toEqual([1, 2 ** -24, -65504, -0]);
    expect(Object.is(tensors.h!.data[3], -0)).toBe(true);
    expect(Array.from(tensors.b!.data)).toEqual([1, -3.140625]);
  });
});

describe('encode / decode', () => {
  it('round-trips every gradkit dtype, empty and 0-d tensors, metadata, in header order', () => {
    const src = new Map([
      [
        'z',
        tensor([
          [1.5, -2],
          [3, 4],
        ]),
      ],
      ['b', tensor([0.1, 0.2], { dtype: 'float32' })],
      ['c', tensor([1, -7, 2147483647], { dtype: 'int32' })],
      ['d', tensor([true, false, true])],
      ['e', tensor([], { dtype: 'float32' })],
      ['s', tensor(7).reshape([])],
    ]);
    const bytes = encodeSafetensors(src, { format: 'pt' });
    const parsed = parseSafetensors(bytes);
    expect((8 + parsed.headerLength) % 8).toBe(0);
    expect([...parsed.metadata]).toEqual([['format', 'pt']]);
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(metadata.format).toBe('pt');
    for (const [k, t] of src) {
      expect(tensors[k]!.dtype).toBe(t.dtype);
      expect(tensors[k]!.shape).toEqual(t.shape);
      expect(tensors[k]!.toArray()).toEqual(t.toArray());
    }
  });
  it('reads a checkpoint written by Hugging Face (tiny GPT-2) and a file of an independent writer', () => {
    const gpt2 = parseSafetensors(fixture('tiny-gpt2/model.safetensors'), { name: 'model.safetensors' });
    expect(gpt2.tensors.size).toBeGreaterThan(10);
    const ref = decodeSafetensors(fixture('nn_reference.safetensors'));
    expect(Object.keys(ref.tensors).length).toBeGreaterThan(3);
  });
  it('rejects bad writer input with a ValueError naming the tensor or key', () => {
    expect(() => encodeSafetensors({ w: [1, 2] as never })).toThrow(
      /tensors\["w"\] must be a Tensor, received \[1,2\]/,
    );
    expect(() => encodeSafetensors({ __metadata__: tensor([1]) })).toThrow(/"__metadata__" is reserved/);
    expect(() => encodeSafetensors({ w: tensor([1]) }, { n: 3 as unknown as string })).toThrow(
      /metadata\["n"\] must be a string/,
    );
    expect(() => encodeSafetensors(null as never)).toThrow(/tensors must be a record or Map/);
  });
});
