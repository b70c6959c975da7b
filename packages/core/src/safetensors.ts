/**
 * The safetensors format (Hugging Face; what PyTorch and `transformers` ship weights in), read
 * and written as bytes so it runs in a browser too. File access lives in the packages that use it
 * (`@gradkit/nn/node`'s `loadSafetensors`/`saveSafetensors`, `@gradkit/transformers/node`'s
 * `loadGpt2`). This is the one implementation of the format in gradkit.
 *
 * Layout (https://github.com/huggingface/safetensors, "Format"):
 * ```
 * [8 bytes]  N, the header length, unsigned 64-bit little-endian (at most 100 MB)
 * [N bytes]  UTF-8 JSON beginning with `{`, optionally padded with spaces:
 *            { "__metadata__"?: {string: string},
 *              "<name>": { "dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end] }, ... }
 * [rest]     the tensors' raw little-endian bytes, row-major; offsets are relative to this section
 * ```
 * The reader is strict: the header must be a JSON object without duplicate keys; every entry
 * must be `{dtype, shape, data_offsets}` with a dtype name of the spec, a shape of non-negative
 * integers and `0 <= begin <= end`; `end - begin` must be the shape's element count times the
 * dtype's width; sorted by offset the tensors must tile the data section exactly (no hole, no
 * overlap, nothing past the end, no trailing bytes); `__metadata__` must map strings to strings.
 * Unknown fields of an entry are ignored, as the reference reader does. Tensor names are keys of
 * `Map`s or of null-prototype objects, so any name (`__proto__` included) is just a name.
 * Every failure is a {@link SafetensorsError} naming the file, the tensor, what was received and
 * what was expected.
 *
 * The writer follows the reference implementation: tensors ordered by dtype (widest first) then
 * by name, so every tensor starts on a multiple of its element size, and the header padded with
 * spaces so the data section starts on an 8-byte boundary.
 */
import type { DataArray, DType } from './dtype.js';
import { DTypeError, show, ValueError } from './errors.js';
import { bfloat16ToFloat32, float16ToFloat32 } from './float16.js';
import { Tensor } from './tensor.js';

/** The dtype names of the safetensors specification (the reference implementation's `Dtype`). */
export type SafetensorsDType =
  | 'BOOL'
  | 'F4'
  | 'F6_E2M3'
  | 'F6_E3M2'
  | 'U8'
  | 'I8'
  | 'F8_E5M2'
  | 'F8_E4M3'
  | 'F8_E8M0'
  | 'F8_E4M3FNUZ'
  | 'F8_E5M2FNUZ'
  | 'I16'
  | 'U16'
  | 'F16'
  | 'BF16'
  | 'I32'
  | 'U32'
  | 'F32'
  | 'C64'
  | 'F64'
  | 'I64'
  | 'U64';

/** Bits per element of each dtype, in the reference implementation's enum order (the writer's sort key). */
const BITS: Readonly<Record<SafetensorsDType, number>> = Object.freeze(
  Object.assign(Object.create(null) as Record<SafetensorsDType, number>, {
    BOOL: 8,
    F4: 4,
    F6_E2M3: 6,
    F6_E3M2: 6,
    U8: 8,
    I8: 8,
    F8_E5M2: 8,
    F8_E4M3: 8,
    F8_E8M0: 8,
    F8_E4M3FNUZ: 8,
    F8_E5M2FNUZ: 8,
    I16: 16,
    U16: 16,
    F16: 16,
    BF16: 16,
    I32: 32,
    U32: 32,
    F32: 32,
    C64: 64,
    F64: 64,
    I64: 64,
    U64: 64,
  }),
);

/**
 * Every dtype name of the safetensors specification, in the reference implementation's order.
 *
 * ```ts
 * SAFETENSORS_DTYPES.includes('BF16'); // true
 * ```
 */
export const SAFETENSORS_DTYPES: readonly SafetensorsDType[] = Object.freeze(
  Object.keys(BITS) as SafetensorsDType[],
);

/** The rank of each dtype in the reference enum; the writer sorts by it, descending. */
const RANK = new Map(SAFETENSORS_DTYPES.map((d, i) => [d, i]));

/** The dtypes `decodeSafetensorsTensor` turns into gradkit tensors. */
const DECODABLE = ['F64', 'F32', 'F16', 'BF16', 'I64', 'I32', 'I16', 'I8', 'U64', 'U32', 'U16', 'U8', 'BOOL'];

type ElementArray =
  | Float64ArrayConstructor
  | Float32ArrayConstructor
  | Int32ArrayConstructor
  | Uint16ArrayConstructor
  | Uint8ArrayConstructor;
/**
 * How the dtypes up to 32 bits are read: the array they land in (F16/BF16: their bit patterns,
 * widened afterwards), one little-endian element at a byte offset, and whether the bytes already
 * are that array on a little-endian host (then the copy is viewed, not converted).
 */
const READERS: Record<
  'F64' | 'F32' | 'F16' | 'BF16' | 'I32' | 'I16' | 'U16' | 'I8' | 'U8' | 'BOOL',
  [ElementArray, (v: DataView, at: number) => number, boolean]
> = {
  F64: [Float64Array, (v, at) => v.getFloat64(at, true), true],
  F32: [Float32Array, (v, at) => v.getFloat32(at, true), true],
  F16: [Uint16Array, (v, at) => v.getUint16(at, true), true],
  BF16: [Uint16Array, (v, at) => v.getUint16(at, true), true],
  I32: [Int32Array, (v, at) => v.getInt32(at, true), true],
  I16: [Int32Array, (v, at) => v.getInt16(at, true), false],
  U16: [Int32Array, (v, at) => v.getUint16(at, true), false],
  I8: [Int32Array, (v, at) => v.getInt8(at), false],
  U8: [Int32Array, (v, at) => v.getUint8(at), false],
  BOOL: [Uint8Array, (v, at) => (v.getUint8(at) ? 1 : 0), false],
};

const TO_SAFETENSORS: Readonly<Record<DType, SafetensorsDType>> = {
  float64: 'F64',
  float32: 'F32',
  int32: 'I32',
  bool: 'BOOL',
};

/** The largest header the reference reader accepts (100 MB). */
const SAFETENSORS_MAX_HEADER = 100_000_000;

const LE = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * A malformed safetensors buffer (a `ValueError`): `file` is the name given to the reader
 * (`'safetensors buffer'` when none was), `tensor` the tensor whose entry is wrong, when one is.
 *
 * ```ts
 * try {
 *   parseSafetensors(bytes, { name: 'model.safetensors' });
 * } catch (e) {
 *   if (e instanceof SafetensorsError) console.log(e.file, e.tensor, e.message);
 * }
 * ```
 */
export class SafetensorsError extends ValueError {
  /** The file (or buffer) name the reader was given. */
  readonly file: string;
  /** The tensor whose header entry or data is wrong, when the error is about one tensor. */
  readonly tensor: string | undefined;
  /**
   * `message` is prefixed with `<file>: ` and, when `tensor` is given, `tensor "<name>": `,
   * unless it already starts with the file name.
   */
  constructor(op: string, file: string, tensor: string | undefined, message: string) {
    const where = `${tensor === undefined ? '' : `tensor ${JSON.stringify(tensor)}: `}`;
    super(op, message.startsWith(`${file} `) ? message : `${file}: ${where}${message}`);
    this.file = file;
    this.tensor = tensor;
  }
}

/** Options of the readers: names for error messages. */
export interface SafetensorsReadOptions {
  /** The file name used in error messages (default `'safetensors buffer'`). */
  name?: string;
  /** The function name errors start with (default: the reader's own name). */
  op?: string;
}

/** One tensor of a parsed safetensors buffer, its bytes not yet decoded. */
export interface SafetensorsTensorView {
  /** The tensor's name (its header key). */
  readonly name: string;
  /** The stored dtype. */
  readonly dtype: SafetensorsDType;
  /** The shape, row-major (`[]` for a scalar). */
  readonly shape: readonly number[];
  /** `[begin, end)` byte offsets into the data section. */
  readonly dataOffsets: readonly [number, number];
  /** The tensor's raw little-endian bytes: a view into the parsed buffer (not a copy). */
  readonly bytes: Uint8Array;
}

/** A parsed and validated safetensors buffer (see `parseSafetensors`). */
export interface SafetensorsFile {
  /** Tensors by name, in the header's order. */
  readonly tensors: ReadonlyMap<string, SafetensorsTensorView>;
  /** The `__metadata__` string map (empty when absent). */
  readonly metadata: ReadonlyMap<string, string>;
  /** N, the JSON header's length in bytes (the data section starts at byte `8 + N`). */
  readonly headerLength: number;
}

/** The decoded contents of a safetensors buffer (see `decodeSafetensors`). */
export interface SafetensorsContents {
  /** Tensors by name, in the file's header order: a null-prototype object (any name is a plain key). */
  tensors: Record<string, Tensor>;
  /** The optional `__metadata__` string map (empty when absent), a null-prototype object. */
  metadata: Record<string, string>;
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * The top-level keys of a valid JSON object text in order, and the first duplicate key of any
 * object in it (JSON.parse keeps the last silently; the spec disallows duplicates).
 */
function scanKeys(text: string): { keys: string[]; duplicate?: { key: string; parent?: string } } {
  const keys: string[] = [];
  const stack: ({ seen: Set<string>; parent: string | undefined; last: string | undefined } | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      while (text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      const frame = stack[stack.length - 1];
      if (frame) {
        let k = j + 1;
        while (isWs(text.charCodeAt(k))) k++;
        if (text.charCodeAt(k) === 0x3a) {
          const key = JSON.parse(text.slice(i, j + 1)) as string;
          if (frame.seen.has(key)) return { keys, duplicate: { key, parent: frame.parent } };
          frame.seen.add(key);
          frame.last = key;
          if (stack.length === 1) keys.push(key);
        }
      }
      i = j;
    } else if (c === 0x7b)
      stack.push({ seen: new Set(), parent: stack[stack.length - 1]?.last, last: undefined });
    else if (c === 0x5b) stack.push(null);
    else if (c === 0x7d || c === 0x5d) stack.pop();
  }
  return { keys };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isSize = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * Parse and validate a safetensors buffer without decoding the tensors: the header's entries
 * (in header order) with a view of each tensor's bytes, and the metadata. Every rule of the
 * module comment is checked; a violation throws a `SafetensorsError` naming `options.name`, the
 * tensor, what was received and what was expected. Use `decodeSafetensors` for gradkit tensors.
 *
 * ```ts
 * const file = parseSafetensors(bytes, { name: 'model.safetensors' });
 * const wte = file.tensors.get('wte.weight')!;
 * wte.dtype; // 'F32'
 * wte.shape; // [50257, 768]
 * ```
 */
export function parseSafetensors(
  bytes: Uint8Array | ArrayBuffer,
  options: SafetensorsReadOptions = {},
): SafetensorsFile {
  const op = options.op ?? 'parseSafetensors';
  const file = options.name ?? 'safetensors buffer';
  const fail = (tensor: string | undefined, message: string) =>
    new SafetensorsError(op, file, tensor, message);
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer))
    throw new ValueError(
      op,
      `bytes must be a Uint8Array or ArrayBuffer of a safetensors file, received ${show(bytes)}`,
    );
  const buf = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (buf.length < 8)
    throw fail(
      undefined,
      `${file} has ${buf.length} bytes; expected an 8-byte header length and a JSON header`,
    );
  const n64 = new DataView(buf.buffer, buf.byteOffset, 8).getBigUint64(0, true);
  if (n64 > BigInt(SAFETENSORS_MAX_HEADER))
    throw fail(
      undefined,
      `header length ${n64} exceeds the 100 MB limit of the format; not a safetensors file`,
    );
  if (n64 > BigInt(buf.length - 8))
    throw fail(
      undefined,
      `header length ${n64} runs past the end of the file (${buf.length - 8} bytes follow the length); expected at most ${buf.length - 8} (truncated, or not a safetensors file)`,
    );
  const n = Number(n64);
  if (n === 0 || buf[8] !== 0x7b)
    throw fail(
      undefined,
      `the header must begin with "{" (0x7B), received ${n === 0 ? 'an empty header' : `byte 0x${buf[8]!.toString(16).padStart(2, '0')}`}`,
    );
  let text: string;
  let header: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(8, 8 + n));
    header = JSON.parse(text);
  } catch (e) {
    throw fail(
      undefined,
      `the header is not valid UTF-8 JSON (${(e as Error).message}); expected a JSON object`,
    );
  }
  if (!isObject(header)) throw fail(undefined, `the header must be a JSON object, received ${show(header)}`);
  const { keys, duplicate } = scanKeys(text);
  if (duplicate) {
    const { key, parent } = duplicate;
    const where =
      parent === undefined ? 'the header' : parent === '__metadata__' ? '__metadata__' : 'its entry';
    throw fail(
      parent === '__metadata__' ? undefined : parent,
      `duplicate key ${JSON.stringify(key)} in ${where}; expected every key once (the format disallows duplicates)`,
    );
  }
  const dataStart = 8 + n;
  const dataLen = buf.length - dataStart;
  const metadata = new Map<string, string>();
  const entries: { name: string; dtype: SafetensorsDType; shape: number[]; begin: number; end: number }[] =
    [];
  for (const name of keys) {
    const value = Object.getOwnPropertyDescriptor(header, name)!.value as unknown;
    if (name === '__metadata__') {
      if (value === null) continue;
      if (!isObject(value))
        throw fail(undefined, `__metadata__ must be an object of strings, received ${show(value)}`);
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string')
          throw fail(undefined, `__metadata__[${JSON.stringify(k)}] must be a string, received ${show(v)}`);
        metadata.set(k, v);
      }
      continue;
    }
    if (!isObject(value))
      throw fail(name, `the entry must be an object {dtype, shape, data_offsets}, received ${show(value)}`);
    const { dtype, shape, data_offsets: off } = value;
    if (typeof dtype !== 'string' || !(dtype in BITS))
      throw fail(name, `dtype must be one of ${SAFETENSORS_DTYPES.join(', ')}, received ${show(dtype)}`);
    if (!Array.isArray(shape) || !shape.every(isSize))
      throw fail(name, `shape must be a list of non-negative integers, received ${show(shape)}`);
    if (!Array.isArray(off) || off.length !== 2 || !off.every(isSize) || off[1] < off[0])
      throw fail(
        name,
        `data_offsets must be [begin, end] with integers 0 <= begin <= end, received ${show(off)}`,
      );
    let count = 1;
    for (const s of shape) {
      count *= s;
      if (!Number.isSafeInteger(count))
        throw fail(
          name,
          `shape ${show(shape)} has more than 2^53 elements; expected a size that fits the file`,
        );
    }
    const bits = count * BITS[dtype as SafetensorsDType];
    if (bits % 8 !== 0)
      throw fail(name, `shape ${show(shape)} of ${dtype} is ${bits} bits, not a whole number of bytes`);
    const [begin, end] = off as [number, number];
    if (end - begin !== bits / 8)
      throw fail(
        name,
        `data_offsets ${show(off)} span ${end - begin} bytes but shape ${show(shape)} of ${dtype} needs ${bits / 8}`,
      );
    if (end > dataLen)
      throw fail(
        name,
        `data_offsets ${show(off)} run past the data section (${dataLen} bytes); expected end <= ${dataLen}`,
      );
    entries.push({ name, dtype: dtype as SafetensorsDType, shape: shape as number[], begin, end });
  }
  // sorted by offset, the tensors must tile the data section: no hole, no overlap, no trailing bytes
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expect = 0;
  let previous: string | undefined;
  for (const e of sorted) {
    if (e.begin !== expect)
      throw fail(
        e.name,
        `starts at byte ${e.begin}, expected ${expect} (${e.begin < expect ? `it overlaps tensor ${JSON.stringify(previous)}` : `bytes ${expect}..${e.begin} belong to no tensor`}; offsets must tile the data section)`,
      );
    expect = e.end;
    previous = e.name;
  }
  if (expect !== dataLen)
    throw fail(
      undefined,
      `the tensors cover ${expect} bytes but the data section has ${dataLen}; expected them to cover it exactly`,
    );
  const tensors = new Map<string, SafetensorsTensorView>();
  for (const e of entries)
    tensors.set(e.name, {
      name: e.name,
      dtype: e.dtype,
      shape: e.shape,
      dataOffsets: [e.begin, e.end],
      bytes: buf.subarray(dataStart + e.begin, dataStart + e.end),
    });
  return { tensors, metadata, headerLength: n };
}

/**
 * Decode one tensor of `parseSafetensors` into a gradkit `Tensor` (a copy, never a view of the
 * file): F64 → float64; F32, and F16/BF16 widened exactly → float32; I32, I16, I8, U16, U8 →
 * int32; I64, U64, U32 → int32 when every value fits (else a `SafetensorsError` naming the value
 * and its index); BOOL → bool. Other dtypes (F8_*, F4, F6_*, C64) raise a `DTypeError`.
 *
 * ```ts
 * const file = parseSafetensors(bytes);
 * const w = decodeSafetensorsTensor(file.tensors.get('fc.weight')!); // Tensor float32 [10, 40]
 * ```
 */
export function decodeSafetensorsTensor(
  view: SafetensorsTensorView,
  options: SafetensorsReadOptions = {},
): Tensor {
  const op = options.op ?? 'decodeSafetensorsTensor';
  const file = options.name ?? 'safetensors buffer';
  const { name, dtype, shape } = view;
  if (!DECODABLE.includes(dtype))
    throw new DTypeError(
      op,
      `${file}: tensor ${JSON.stringify(name)}: dtype ${show(dtype)} has no gradkit counterpart; expected one of ${DECODABLE.join(', ')}`,
    );
  const count = shape.reduce((a, b) => a * b, 1);
  if (view.bytes.length !== (count * BITS[dtype]) / 8)
    throw new SafetensorsError(
      op,
      file,
      name,
      `has ${view.bytes.length} bytes but shape ${show(shape)} of ${dtype} needs ${(count * BITS[dtype]) / 8}`,
    );
  const raw = view.bytes.slice(); // a fresh, aligned copy
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  let data: DataArray;
  if (dtype === 'I64' || dtype === 'U64' || dtype === 'U32') {
    // int32 when every value fits
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const x =
        dtype === 'I64'
          ? v.getBigInt64(8 * i, true)
          : dtype === 'U64'
            ? v.getBigUint64(8 * i, true)
            : BigInt(v.getUint32(4 * i, true));
      if (x > 2147483647n || x < -2147483648n)
        throw new SafetensorsError(
          op,
          file,
          name,
          `${dtype} value ${x} at flat index ${i} does not fit int32 (gradkit's integer dtype); expected values in [-2^31, 2^31 - 1]`,
        );
      out[i] = Number(x);
    }
    data = out;
  } else {
    const [Kind, read, native] = READERS[dtype as keyof typeof READERS];
    const width = BITS[dtype] / 8;
    let out: Float64Array | Float32Array | Int32Array | Uint16Array | Uint8Array;
    if (LE && native) out = new Kind(raw.buffer, 0, count);
    else {
      out = new Kind(count);
      for (let i = 0; i < count; i++) out[i] = read(v, i * width);
    }
    data =
      dtype === 'F16'
        ? float16ToFloat32(out as Uint16Array)
        : dtype === 'BF16'
          ? bfloat16ToFloat32(out as Uint16Array)
          : (out as DataArray);
  }
  return new Tensor(data, [...shape]);
}

/**
 * Decode a safetensors buffer (as written by Python's `safetensors.torch.save_file`, by
 * `encodeSafetensors`, or any conforming writer) into gradkit tensors: `parseSafetensors`'s
 * validation, then `decodeSafetensorsTensor`'s dtype mapping for each tensor.
 *
 * ```ts
 * const { tensors, metadata } = decodeSafetensors(bytes, { name: 'mlp.safetensors' });
 * tensors['0.weight'].shape; // [3, 4]
 * metadata.format;           // 'pt'
 * ```
 */
export function decodeSafetensors(
  bytes: Uint8Array | ArrayBuffer,
  options: SafetensorsReadOptions = {},
): SafetensorsContents {
  const opts = { ...options, op: options.op ?? 'decodeSafetensors' };
  const file = parseSafetensors(bytes, opts);
  const tensors = Object.create(null) as Record<string, Tensor>;
  for (const [name, view] of file.tensors) tensors[name] = decodeSafetensorsTensor(view, opts);
  const metadata = Object.create(null) as Record<string, string>;
  for (const [k, v] of file.metadata) metadata[k] = v;
  return { tensors, metadata };
}

/**
 * Encode named tensors as a safetensors buffer. dtypes map float64→F64, float32→F32,
 * int32→I32, bool→BOOL; shapes and values are kept exactly. `tensors` is a record or a `Map`;
 * `metadata` (the header's `__metadata__`) must map strings to strings.
 *
 * ```ts
 * const bytes = encodeSafetensors({ 'fc.weight': tensor([[1, 2]], { dtype: 'float32' }) }, { format: 'pt' });
 * decodeSafetensors(bytes).tensors['fc.weight'].shape; // [1, 2]
 * ```
 */
export function encodeSafetensors(
  tensors: Record<string, Tensor> | ReadonlyMap<string, Tensor>,
  metadata?: Record<string, string> | ReadonlyMap<string, string>,
): Uint8Array {
  const op = 'encodeSafetensors';
  if (tensors === null || typeof tensors !== 'object')
    throw new ValueError(op, `tensors must be a record or Map of name -> Tensor, received ${show(tensors)}`);
  const named: [string, Tensor][] =
    tensors instanceof Map ? [...tensors] : Object.entries(tensors as Record<string, Tensor>);
  for (const [name, t] of named) {
    if (!(t instanceof Tensor))
      throw new ValueError(op, `tensors[${JSON.stringify(name)}] must be a Tensor, received ${show(t)}`);
    if (name === '__metadata__')
      throw new ValueError(op, `"__metadata__" is reserved and cannot name a tensor`);
  }
  const meta: [string, unknown][] =
    metadata === undefined ? [] : metadata instanceof Map ? [...metadata] : Object.entries(metadata);
  for (const [k, v] of meta)
    if (typeof v !== 'string')
      throw new ValueError(
        op,
        `metadata[${JSON.stringify(k)}] must be a string (safetensors metadata is a string map), received ${show(v)}`,
      );
  // widest dtype first, then by name (the reference writer's order): keeps every tensor aligned
  const order = named
    .map(([name, t]) => ({ name, t, st: TO_SAFETENSORS[t.dtype] }))
    .sort((a, b) => RANK.get(b.st)! - RANK.get(a.st)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header = Object.create(null) as Record<string, unknown>;
  if (meta.length > 0) header.__metadata__ = Object.fromEntries(meta);
  let offset = 0;
  for (const { name, t, st } of order) {
    const size = (t.size * BITS[st]) / 8;
    header[name] = { dtype: st, shape: [...t.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil((8 + json.length) / 8) * 8 - 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let pos = 8 + json.length;
  for (const { t, st } of order) {
    const d = t.data;
    if (LE || t.dtype === 'bool') out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), pos);
    else
      for (let i = 0; i < d.length; i++) {
        if (t.dtype === 'float64') view.setFloat64(pos + 8 * i, d[i]!, true);
        else if (t.dtype === 'float32') view.setFloat32(pos + 4 * i, d[i]!, true);
        else view.setInt32(pos + 4 * i, d[i]!, true);
      }
    pos += (t.size * BITS[st]) / 8;
  }
  return out;
}
