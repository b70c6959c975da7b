/**
 * The safetensors format (Hugging Face; what PyTorch and `transformers` use to ship weights),
 * as pure bytes so it runs in a browser too. File reading and writing live in `@gradkit/nn/node`.
 *
 * Layout:
 * ```
 * [8 bytes]  N, the header length, unsigned 64-bit little-endian
 * [N bytes]  UTF-8 JSON: { "__metadata__"?: {string: string},
 *                          "<name>": { "dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end] }, ... }
 * [rest]     the tensors' raw little-endian bytes, row-major; offsets are relative to this section
 * ```
 * The writer follows the reference implementation: tensors ordered by dtype (widest first) then
 * by name, so every tensor starts on a multiple of its element size, and the header padded with
 * spaces so the data section starts on an 8-byte boundary.
 */
import { type DataArray, type DType, show, Tensor, ValueError } from '@gradkit/core';

/** The safetensors dtype names this module reads. Writes use F64, F32, I32 and BOOL. */
export type SafetensorsDType =
  | 'F64'
  | 'F32'
  | 'F16'
  | 'BF16'
  | 'I64'
  | 'I32'
  | 'I16'
  | 'I8'
  | 'U64'
  | 'U32'
  | 'U16'
  | 'U8'
  | 'BOOL';

interface HeaderEntry {
  dtype: SafetensorsDType;
  shape: number[];
  data_offsets: [number, number];
}

const ITEM_SIZE: Record<SafetensorsDType, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U64: 8,
  U32: 4,
  U16: 2,
  U8: 1,
  BOOL: 1,
};

// Order of the reference implementation's Dtype enum; the writer sorts by it, descending.
const DTYPE_RANK: Record<SafetensorsDType, number> = {
  BOOL: 0,
  U8: 1,
  I8: 2,
  I16: 5,
  U16: 6,
  F16: 7,
  BF16: 8,
  I32: 9,
  U32: 10,
  F32: 11,
  F64: 12,
  I64: 13,
  U64: 14,
};

const TO_SAFETENSORS: Record<DType, SafetensorsDType> = {
  float64: 'F64',
  float32: 'F32',
  int32: 'I32',
  bool: 'BOOL',
};

/** The largest header the reference reader accepts (100 MB). */
const MAX_HEADER = 100_000_000;

/** The decoded contents of a safetensors buffer. */
export interface SafetensorsContents {
  /** Tensors by name, in the file's header order. */
  tensors: Record<string, Tensor>;
  /** The optional `__metadata__` string map (empty when absent). */
  metadata: Record<string, string>;
}

function hostIsLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}
const LE = hostIsLittleEndian();

/**
 * Encode named tensors as a safetensors buffer. dtypes map float64→F64, float32→F32,
 * int32→I32, bool→BOOL; shapes and values are kept exactly.
 *
 * ```ts
 * const bytes = encodeSafetensors({ 'fc.weight': tensor([[1, 2]], { dtype: 'float32' }) }, { format: 'pt' });
 * decodeSafetensors(bytes).tensors['fc.weight'].shape; // [1, 2]
 * ```
 */
export function encodeSafetensors(
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): Uint8Array {
  const op = 'encodeSafetensors';
  const names = Object.keys(tensors);
  for (const name of names) {
    const t = tensors[name];
    if (!(t instanceof Tensor))
      throw new ValueError(op, `tensors[${JSON.stringify(name)}] must be a Tensor, received ${show(t)}`);
    if (name === '__metadata__')
      throw new ValueError(op, `"__metadata__" is reserved and cannot name a tensor`);
  }
  if (metadata !== undefined) {
    for (const [k, v] of Object.entries(metadata))
      if (typeof v !== 'string')
        throw new ValueError(
          op,
          `metadata[${JSON.stringify(k)}] must be a string (safetensors metadata is a string map), received ${show(v)}`,
        );
  }
  // widest dtype first, then by name (the reference writer's order): keeps every tensor aligned
  const order = names
    .map((name) => ({ name, t: tensors[name]!, st: TO_SAFETENSORS[tensors[name]!.dtype] }))
    .sort((a, b) => DTYPE_RANK[b.st] - DTYPE_RANK[a.st] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata !== undefined && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const { name, t, st } of order) {
    const n = t.size * ITEM_SIZE[st];
    header[name] = { dtype: st, shape: [...t.shape], data_offsets: [offset, offset + n] };
    offset += n;
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
  for (const { t } of order) {
    writeData(out, view, pos, t);
    pos += t.size * ITEM_SIZE[TO_SAFETENSORS[t.dtype]];
  }
  return out;
}

function writeData(out: Uint8Array, view: DataView, pos: number, t: Tensor): void {
  const d = t.data;
  if (LE || t.dtype === 'bool') {
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), pos);
    return;
  }
  for (let i = 0; i < d.length; i++) {
    if (t.dtype === 'float64') view.setFloat64(pos + 8 * i, d[i]!, true);
    else if (t.dtype === 'float32') view.setFloat32(pos + 4 * i, d[i]!, true);
    else view.setInt32(pos + 4 * i, d[i]!, true);
  }
}

/**
 * Decode a safetensors buffer (as written by Python's `safetensors.torch.save_file`, by
 * `encodeSafetensors`, or any conforming writer). Reads F64, F32, F16, BF16 (as float32), I32,
 * I16, I8, U16, U8 (as int32), I64/U64/U32 (as int32 when every value fits, else an error) and
 * BOOL. Validates the header: known dtypes, offsets that tile the data section exactly, sizes
 * that match the shapes.
 *
 * ```ts
 * const { tensors, metadata } = decodeSafetensors(bytes);
 * ```
 */
export function decodeSafetensors(bytes: Uint8Array | ArrayBuffer): SafetensorsContents {
  const op = 'decodeSafetensors';
  const buf = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (buf.length < 8)
    throw new ValueError(op, `buffer has ${buf.length} bytes, expected at least 8 (the header length)`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const n64 = view.getBigUint64(0, true);
  if (n64 > BigInt(MAX_HEADER) || n64 > BigInt(buf.length - 8))
    throw new ValueError(
      op,
      `header length ${n64} is larger than the buffer (${buf.length - 8} bytes after the length) or the 100 MB limit`,
    );
  const n = Number(n64);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(8, 8 + n)));
  } catch (e) {
    throw new ValueError(op, `header is not valid UTF-8 JSON: ${(e as Error).message}`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header))
    throw new ValueError(op, `header must be a JSON object, received ${show(header)}`);
  const dataStart = 8 + n;
  const dataLen = buf.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: [string, HeaderEntry][] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (value === null || typeof value !== 'object')
        throw new ValueError(op, `__metadata__ must be an object of strings, received ${show(value)}`);
      for (const [k, v] of Object.entries(value as object)) {
        if (typeof v !== 'string')
          throw new ValueError(
            op,
            `__metadata__[${JSON.stringify(k)}] must be a string, received ${show(v)}`,
          );
        metadata[k] = v;
      }
      continue;
    }
    const e = value as HeaderEntry;
    if (e === null || typeof e !== 'object' || !(e.dtype in ITEM_SIZE))
      throw new ValueError(
        op,
        `tensor ${JSON.stringify(name)}: dtype must be one of ${Object.keys(ITEM_SIZE).join(', ')}, received ${show(e?.dtype)}`,
      );
    if (!Array.isArray(e.shape) || e.shape.some((s) => !Number.isInteger(s) || s < 0))
      throw new ValueError(
        op,
        `tensor ${JSON.stringify(name)}: shape must be a list of non-negative integers, received ${show(e.shape)}`,
      );
    const off = e.data_offsets;
    if (
      !Array.isArray(off) ||
      off.length !== 2 ||
      !off.every((o) => Number.isInteger(o) && o >= 0) ||
      off[1] < off[0]
    )
      throw new ValueError(
        op,
        `tensor ${JSON.stringify(name)}: data_offsets must be [begin, end] with 0 <= begin <= end, received ${show(off)}`,
      );
    const count = e.shape.reduce((a, b) => a * b, 1);
    if (off[1] - off[0] !== count * ITEM_SIZE[e.dtype])
      throw new ValueError(
        op,
        `tensor ${JSON.stringify(name)}: data_offsets ${show(off)} span ${off[1] - off[0]} bytes but shape ${show(e.shape)} of ${e.dtype} needs ${count * ITEM_SIZE[e.dtype]}`,
      );
    if (off[1] > dataLen)
      throw new ValueError(
        op,
        `tensor ${JSON.stringify(name)}: data_offsets ${show(off)} run past the data section (${dataLen} bytes)`,
      );
    entries.push([name, e]);
  }
  // the offsets must tile the data section without holes or overlaps
  const sorted = [...entries].sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0]);
  let expect = 0;
  for (const [name, e] of sorted) {
    if (e.data_offsets[0] !== expect)
      throw new ValueError(
        op,
        `tensor ${JSON.stringify(name)} starts at byte ${e.data_offsets[0]}, expected ${expect} (offsets must tile the data section)`,
      );
    expect = e.data_offsets[1];
  }
  if (expect !== dataLen)
    throw new ValueError(op, `tensors cover ${expect} bytes but the data section has ${dataLen}`);
  const tensors: Record<string, Tensor> = {};
  for (const [name, e] of entries) {
    const start = dataStart + e.data_offsets[0];
    const raw = buf.slice(start, dataStart + e.data_offsets[1]); // a fresh, aligned copy
    tensors[name] = new Tensor(readData(op, name, e, raw), e.shape);
  }
  return { tensors, metadata };
}

function readData(op: string, name: string, e: HeaderEntry, raw: Uint8Array): DataArray {
  const count = raw.length / ITEM_SIZE[e.dtype];
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (e.dtype) {
    case 'F64':
      return LE
        ? new Float64Array(raw.buffer, raw.byteOffset, count)
        : Float64Array.from({ length: count }, (_, i) => v.getFloat64(8 * i, true));
    case 'F32':
      return LE
        ? new Float32Array(raw.buffer, raw.byteOffset, count)
        : Float32Array.from({ length: count }, (_, i) => v.getFloat32(4 * i, true));
    case 'F16':
      return Float32Array.from({ length: count }, (_, i) => halfToFloat(v.getUint16(2 * i, true)));
    case 'BF16':
      return Float32Array.from({ length: count }, (_, i) => {
        const b = new DataView(new ArrayBuffer(4));
        b.setUint32(0, v.getUint16(2 * i, true) << 16, false);
        return b.getFloat32(0, false);
      });
    case 'I32':
      return LE
        ? new Int32Array(raw.buffer, raw.byteOffset, count)
        : Int32Array.from({ length: count }, (_, i) => v.getInt32(4 * i, true));
    case 'I16':
      return Int32Array.from({ length: count }, (_, i) => v.getInt16(2 * i, true));
    case 'U16':
      return Int32Array.from({ length: count }, (_, i) => v.getUint16(2 * i, true));
    case 'I8':
      return Int32Array.from({ length: count }, (_, i) => v.getInt8(i));
    case 'U8':
      return Int32Array.from({ length: count }, (_, i) => v.getUint8(i));
    case 'BOOL':
      return Uint8Array.from(raw, (b) => (b ? 1 : 0));
    case 'I64':
    case 'U64':
    case 'U32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const x =
          e.dtype === 'I64'
            ? v.getBigInt64(8 * i, true)
            : e.dtype === 'U64'
              ? v.getBigUint64(8 * i, true)
              : BigInt(v.getUint32(4 * i, true));
        if (x > 2147483647n || x < -2147483648n)
          throw new ValueError(
            op,
            `tensor ${JSON.stringify(name)}: ${e.dtype} value ${x} at flat index ${i} does not fit int32 (gradkit's integer dtype)`,
          );
        out[i] = Number(x);
      }
      return out;
    }
  }
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}
