/**
 * numpy's `.npy` format (NEP 1, format versions 1.0, 2.0 and 3.0), parsed from and written to
 * bytes. Browser-safe: no file access here (see `@gradkit/datasets/node` for `loadNpy`/`saveNpy`).
 *
 * A `.npy` file is the magic `\x93NUMPY`, a major/minor version, a little-endian header length
 * (uint16 for 1.0, uint32 for 2.0/3.0), a Python-literal header
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }` padded with spaces and `\n`, then
 * the raw array data.
 *
 * dtype mapping on read (numpy `descr` -> gradkit dtype):
 * - `f8` -> float64; `f4` and `f2` (half, widened exactly) -> float32;
 * - `i1`, `u1`, `i2`, `u2`, `i4` -> int32 (exact);
 * - `i8`, `u8`, `u4` -> int32 by default, **with a range check**: a value outside
 *   [-2^31, 2^31 - 1] throws a `ValueError` naming the file and the value. With
 *   `{ wideInts: 'float64' }` they become float64 instead (exact up to 2^53, an error beyond);
 * - `b1` -> bool.
 * Both byte orders (`<`, `>`, `|`, `=`) and C or Fortran order are read; the result is always a
 * C-contiguous `Tensor`. Complex, string, object, datetime and structured dtypes are rejected
 * with a `DTypeError`.
 */
import {
  type DataArray,
  type DType,
  DTypeError,
  decodeFloat16,
  encodeFloat16,
  fromData,
  Tensor,
  ValueError,
} from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';

/** Whether this platform stores numbers little-endian (true on every platform Node and browsers run on). */
const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The `.npy` magic string `\x93NUMPY`. */
export const NPY_MAGIC = Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59);

/** A numeric numpy type code without byte order, e.g. `f8`, `i4`, `u1`, `b1`. */
export type NpyKind = 'f8' | 'f4' | 'f2' | 'i8' | 'i4' | 'i2' | 'i1' | 'u8' | 'u4' | 'u2' | 'u1' | 'b1';

/** The parsed header of a `.npy` file. */
export interface NpyHeader {
  /** Format version `[major, minor]`, e.g. `[1, 0]`. */
  version: [number, number];
  /** numpy's dtype string as written, e.g. `'<f8'`, `'>i4'`, `'|b1'`. */
  descr: string;
  /** Type code without byte order, e.g. `'f8'`. */
  kind: NpyKind;
  /** Whether multi-byte values are little-endian (true for one-byte types). */
  littleEndian: boolean;
  /** Whether the data is stored column-major. */
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the array data from the start of the file. */
  dataOffset: number;
}

/** Options for {@link parseNpy}. */
export interface ParseNpyOptions {
  /**
   * What 64-bit and unsigned 32-bit integers become: `'int32'` (default; values must fit in
   * int32, else a `ValueError`) or `'float64'` (exact up to 2^53).
   */
  wideInts?: 'int32' | 'float64';
  /** A name for error messages (the file path); default `'<bytes>'`. */
  name?: string;
  /** The function named in error messages; default `'parseNpy'`. */
  op?: string;
}

const ITEMSIZE: Record<NpyKind, number> = {
  f8: 8,
  f4: 4,
  f2: 2,
  i8: 8,
  i4: 4,
  i2: 2,
  i1: 1,
  u8: 8,
  u4: 4,
  u2: 2,
  u1: 1,
  b1: 1,
};

/** The item size in bytes of a numpy type code. */
export function npyItemSize(kind: NpyKind): number {
  return ITEMSIZE[kind];
}

/**
 * Split a numpy dtype string (`'<f8'`, `'>i2'`, `'|u1'`, `'b1'`) into its type code and byte
 * order; throws a `DTypeError` for anything this module cannot read (complex, strings, ...).
 */
export function parseDescr(
  descr: string,
  op = 'parseDescr',
  name?: string,
): { kind: NpyKind; littleEndian: boolean } {
  const where = name === undefined ? '' : `${show(name)}: `;
  const m = /^([<>|=]?)([a-z])(\d+)$/.exec(descr);
  const kind = m ? `${m[2]}${m[3]}` : '';
  if (!m || !(kind in ITEMSIZE) || kind === 'b8') {
    throw new DTypeError(
      op,
      `${where}unsupported dtype descr ${show(descr)}; expected a numeric dtype such as '<f8', '<f4', '<f2', '<i8', '<i4', '<i2', '|i1', '<u8', '<u4', '<u2', '|u1' or '|b1' (either byte order)`,
    );
  }
  const order = m[1];
  // '|' (not applicable) and '=' (native) read as little-endian: every platform Node and
  // browsers run on is little-endian, and numpy writes '|' only for one-byte types.
  return { kind: kind as NpyKind, littleEndian: order !== '>' };
}

// ---------------------------------------------------------------------------------------------
// Header: a tiny parser for the Python literal numpy writes (dict of str -> str | bool | tuple).
// ---------------------------------------------------------------------------------------------

type PyValue = string | boolean | null | number | PyValue[] | Map<string, PyValue>;

/** How deeply the header's literal may nest (numpy writes depth 2; nested structured dtypes a few more). */
const MAX_HEADER_DEPTH = 64;

function parsePyLiteral(text: string, fail: (what: string) => never): PyValue {
  let i = 0;
  let depth = 0;
  const WORD = /True|False|None|-?\d+L?/y;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const dict = (): Map<string, PyValue> => {
    i++;
    const map = new Map<string, PyValue>();
    for (;;) {
      ws();
      if (text[i] === '}') {
        i++;
        return map;
      }
      const key = value();
      if (typeof key !== 'string') fail(`a dict key is not a string (${show(key)})`);
      ws();
      if (text[i] !== ':') fail(`expected ':' after key ${show(key)} at header position ${i}`);
      i++;
      map.set(key, value());
      ws();
      if (text[i] === ',') i++;
      else if (text[i] !== '}') fail(`expected ',' or '}' at header position ${i}`);
    }
  };
  const sequence = (close: string): PyValue[] => {
    i++;
    const items: PyValue[] = [];
    for (;;) {
      ws();
      if (text[i] === close) {
        i++;
        return items;
      }
      items.push(value());
      ws();
      if (text[i] === ',') i++;
      else if (text[i] !== close) fail(`expected ',' or '${close}' at header position ${i}`);
    }
  };
  // Recursive descent, its depth bounded: a hostile header of 100k '(' is an error, not a stack overflow.
  const value = (): PyValue => {
    ws();
    const c = text[i];
    if (c === undefined) fail('the header ends before its value is complete');
    if (c === '{' || c === '(' || c === '[') {
      if (++depth > MAX_HEADER_DEPTH)
        fail(`the header nests deeper than ${MAX_HEADER_DEPTH} levels at position ${i}`);
      const v = c === '{' ? dict() : sequence(c === '(' ? ')' : ']');
      depth--;
      return v;
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail('a string in the header is not terminated');
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (!word) fail(`unexpected character ${show(c)} at header position ${i}`);
    i += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    return Number.parseInt(word[0], 10);
  };
  const v = value();
  ws();
  if (i !== text.length) fail(`unexpected text after the header dict at position ${i}`);
  return v;
}

/**
 * Parse the header of a `.npy` file (magic, version, header dict) without reading the data.
 * Throws a `ValueError` naming `options.name` when the bytes are not a valid `.npy` header.
 *
 * @example
 *   parseNpyHeader(bytes).shape; // [4000, 40]
 */
export function parseNpyHeader(
  bytes: Uint8Array,
  options: Pick<ParseNpyOptions, 'name' | 'op'> = {},
): NpyHeader {
  const op = options.op ?? 'parseNpy';
  const name = options.name ?? '<bytes>';
  const fail = (what: string): never => {
    throw new ValueError(op, `${show(name)} is not a valid .npy file: ${what}`);
  };
  if (bytes.length < 10)
    fail(`it has ${bytes.length} bytes, expected at least 10 (magic, version, header length)`);
  for (let k = 0; k < NPY_MAGIC.length; k++)
    if (bytes[k] !== NPY_MAGIC[k])
      fail(
        `it starts with bytes [${Array.from(bytes.subarray(0, 6), (b) => `0x${b.toString(16).padStart(2, '0')}`).join(',')}], expected the magic \\x93NUMPY`,
      );
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3 || minor !== 0)
    fail(`format version ${major}.${minor} is not supported, expected 1.0, 2.0 or 3.0`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else {
    if (bytes.length < 12)
      fail(`it has ${bytes.length} bytes, expected at least 12 for a version ${major}.0 header`);
    headerLen = view.getUint32(8, true);
    start = 12;
  }
  if (start + headerLen > bytes.length)
    fail(`truncated header: it declares ${headerLen} header bytes but only ${bytes.length - start} follow`);
  const raw = bytes.subarray(start, start + headerLen);
  let text: string;
  if (major === 3) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return fail('the version 3.0 header is not valid UTF-8');
    }
  } else text = Array.from(raw, (b) => String.fromCharCode(b)).join(''); // latin-1
  const dict = parsePyLiteral(text.trim(), fail);
  if (!(dict instanceof Map)) return fail(`the header is not a dict: ${show(text.trim().slice(0, 60))}`);
  const keys = [...dict.keys()].sort();
  if (keys.join(',') !== 'descr,fortran_order,shape')
    fail(`the header has keys ${show(keys)}, expected exactly ['descr','fortran_order','shape']`);
  const descr = dict.get('descr');
  if (typeof descr !== 'string')
    throw new DTypeError(
      op,
      `${show(name)}: structured dtype ${show(descr)} is not supported; expected a numeric dtype string such as '<f8'`,
    );
  const fortran = dict.get('fortran_order');
  if (typeof fortran !== 'boolean') fail(`'fortran_order' is ${show(fortran)}, expected True or False`);
  const shape = dict.get('shape');
  if (
    !Array.isArray(shape) ||
    !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)
  )
    fail(`'shape' is ${show(shape)}, expected a tuple of non-negative integers`);
  const { kind, littleEndian } = parseDescr(descr, op, name);
  return {
    version: [major, minor],
    descr,
    kind,
    littleEndian,
    fortranOrder: fortran as boolean,
    shape: shape as number[],
    dataOffset: start + headerLen,
  };
}

/** The gradkit dtype a numpy type code is read as (see the module comment). */
export function npyReadDType(kind: NpyKind, wideInts: 'int32' | 'float64' = 'int32'): DType {
  if (kind === 'f8') return 'float64';
  if (kind === 'f4' || kind === 'f2') return 'float32';
  if (kind === 'b1') return 'bool';
  if (kind === 'i8' || kind === 'u8' || kind === 'u4') return wideInts;
  return 'int32';
}

/**
 * Parse a whole `.npy` file into a C-contiguous `Tensor` (dtype mapping in the module comment).
 * Errors (`ValueError`/`DTypeError`) name `options.name` and say what was expected: a bad magic
 * or version, a malformed header, an unsupported dtype, a truncated or over-long data section,
 * or a 64-bit integer that does not fit in int32.
 *
 * @example
 *   const x = parseNpy(bytes, { name: 'x.npy' }); // Tensor [4000, 40] float64
 */
export function parseNpy(bytes: Uint8Array, options: ParseNpyOptions = {}): Tensor {
  const op = options.op ?? 'parseNpy';
  const name = options.name ?? '<bytes>';
  const header = parseNpyHeader(bytes, options);
  const { kind, littleEndian, shape, dataOffset } = header;
  const n = shape.reduce((a, b) => a * b, 1);
  const itemsize = ITEMSIZE[kind];
  const need = n * itemsize;
  const have = bytes.length - dataOffset;
  if (have !== need)
    throw new ValueError(
      op,
      `${show(name)} is ${have < need ? 'truncated' : 'corrupted (trailing bytes)'}: its header says shape (${shape.join(', ')}${shape.length === 1 ? ',' : ''}) of ${show(header.descr)}, i.e. ${need} bytes of data, but ${have} bytes follow the header`,
    );
  const dtype = npyReadDType(kind, options.wideInts ?? 'int32');
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataOffset, need);
  const le = littleEndian;
  let data: DataArray;
  if (le && HOST_LITTLE_ENDIAN && (kind === 'f8' || kind === 'f4' || kind === 'i4')) {
    // Fast path: the bytes are already in host order; one aligned copy.
    const start = bytes.byteOffset + dataOffset;
    const buf = bytes.buffer.slice(start, start + need);
    data =
      kind === 'f8' ? new Float64Array(buf) : kind === 'f4' ? new Float32Array(buf) : new Int32Array(buf);
  } else
    switch (kind) {
      case 'f8': {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, le);
        data = out;
        break;
      }
      case 'f4': {
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, le);
        data = out;
        break;
      }
      case 'f2': {
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) out[i] = decodeFloat16(view.getUint16(i * 2, le));
        data = out;
        break;
      }
      case 'b1': {
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = view.getUint8(i) ? 1 : 0;
        data = out;
        break;
      }
      case 'i1':
      case 'u1':
      case 'i2':
      case 'u2':
      case 'i4': {
        const out = new Int32Array(n);
        const get =
          kind === 'i1'
            ? (i: number) => view.getInt8(i)
            : kind === 'u1'
              ? (i: number) => view.getUint8(i)
              : kind === 'i2'
                ? (i: number) => view.getInt16(i * 2, le)
                : kind === 'u2'
                  ? (i: number) => view.getUint16(i * 2, le)
                  : (i: number) => view.getInt32(i * 4, le);
        for (let i = 0; i < n; i++) out[i] = get(i);
        data = out;
        break;
      }
      default: {
        // i8, u8, u4: range-checked into int32, or exact into float64.
        const get =
          kind === 'u4'
            ? (i: number) => view.getUint32(i * 4, le)
            : kind === 'i8'
              ? (i: number) => Number(view.getBigInt64(i * 8, le))
              : (i: number) => Number(view.getBigUint64(i * 8, le));
        const exact = (i: number): number => {
          const v = get(i);
          if (!Number.isSafeInteger(v))
            throw new ValueError(
              op,
              `${show(name)}: element ${i} of the ${show(header.descr)} array is outside ±2^53 and cannot be represented exactly as float64`,
            );
          return v;
        };
        if (dtype === 'int32') {
          const out = new Int32Array(n);
          for (let i = 0; i < n; i++) {
            const v = kind === 'u4' ? get(i) : exact(i);
            if (v < -2147483648 || v > 2147483647)
              throw new ValueError(
                op,
                `${show(name)}: element ${i} of the ${show(header.descr)} array is ${v}, outside the int32 range [-2147483648, 2147483647]; read it with { wideInts: 'float64' }`,
              );
            out[i] = v;
          }
          data = out;
        } else {
          const out = new Float64Array(n);
          for (let i = 0; i < n; i++) out[i] = kind === 'u4' ? get(i) : exact(i);
          data = out;
        }
      }
    }
  if (header.fortranOrder && shape.length > 1) data = fortranToC(data, shape);
  return fromData(data, shape);
}

/** Reorder column-major (Fortran) storage of `shape` into row-major (C) storage. */
function fortranToC(src: DataArray, shape: readonly number[]): DataArray {
  const nd = shape.length;
  const out = new (src.constructor as new (n: number) => DataArray)(src.length);
  const fStrides = new Array<number>(nd);
  let s = 1;
  for (let d = 0; d < nd; d++) {
    fStrides[d] = s;
    s *= shape[d]!;
  }
  const idx = new Array<number>(nd).fill(0);
  let f = 0;
  for (let c = 0; c < out.length; c++) {
    out[c] = src[f]!;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      f += fStrides[d]!;
      if (idx[d]! < shape[d]!) break;
      f -= idx[d]! * fStrides[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Reorder row-major storage of `shape` into column-major storage. Column-major storage of `shape`
 * is row-major storage of the reversed shape (the transpose), so this is `fortranToC` read the
 * other way round: the row-major data of `shape` is the column-major data of its reverse.
 */
function cToFortran(src: DataArray, shape: readonly number[]): DataArray {
  return fortranToC(src, [...shape].reverse());
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/** Options for {@link encodeNpy}. */
export interface EncodeNpyOptions {
  /**
   * The numpy dtype to write, e.g. `'<f8'`, `'>f8'`, `'<f4'`, `'<i8'`, `'|u1'`, `'|b1'`. Default:
   * float64 `'<f8'`, float32 `'<f4'`, int32 `'<i4'`, bool `'|b1'`. Values are checked to fit an
   * integer type (integral and in range) — a `ValueError` otherwise, never a silent wrap.
   */
  descr?: string;
  /** Store column-major (`fortran_order: True`). Default false. */
  fortranOrder?: boolean;
  /** Force a format version (1, 2 or 3); default the smallest that fits (1.0, or 2.0 for huge headers). */
  version?: 1 | 2 | 3;
  /** The function named in error messages; default `'encodeNpy'`. */
  op?: string;
  /** A name for error messages (the file path). */
  name?: string;
}

/** The default numpy descr for a gradkit dtype. */
export function defaultDescr(dtype: DType): string {
  return dtype === 'float64' ? '<f8' : dtype === 'float32' ? '<f4' : dtype === 'int32' ? '<i4' : '|b1';
}

const INT_RANGE: Partial<Record<NpyKind, [number, number]>> = {
  i1: [-128, 127],
  u1: [0, 255],
  i2: [-32768, 32767],
  u2: [0, 65535],
  i4: [-2147483648, 2147483647],
  u4: [0, 4294967295],
  i8: [-(2 ** 63), 2 ** 63 - 1],
  u8: [0, 2 ** 64 - 1],
};

function headerText(descr: string, fortranOrder: boolean, shape: readonly number[]): string {
  const shapeRepr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  return `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${shapeRepr}, }`;
}

/**
 * Encode an array as `.npy` bytes (readable by `numpy.load`). The header is padded so the data
 * starts at a multiple of 64 bytes, as numpy does.
 *
 * @example
 *   const bytes = encodeNpy(tensor([[1, 2], [3, 4]]));            // '<f8', shape (2, 2)
 *   const labels = encodeNpy(y, { descr: '<i8' });                // int64 labels, as numpy writes them
 */
export function encodeNpy(
  array: Tensor | { data: DataArray; shape: readonly number[] },
  options: EncodeNpyOptions = {},
): Uint8Array {
  const op = options.op ?? 'encodeNpy';
  const where = options.name === undefined ? '' : `${show(options.name)}: `;
  const t = array instanceof Tensor ? array : null;
  const data = t ? t.data : array.data;
  const shape = t ? t.shape : array.shape;
  const n = shape.reduce((a, b) => a * b, 1);
  if (data.length !== n)
    throw new ValueError(
      op,
      `${where}data has ${data.length} elements but shape ${showShape(shape)} needs ${n}`,
    );
  const dtype: DType =
    data instanceof Float64Array
      ? 'float64'
      : data instanceof Float32Array
        ? 'float32'
        : data instanceof Int32Array
          ? 'int32'
          : 'bool';
  const descr = options.descr ?? defaultDescr(dtype);
  const { kind, littleEndian } = parseDescr(descr, op, options.name);
  const fortranOrder = options.fortranOrder ?? false;
  let text = headerText(descr, fortranOrder, shape);
  // magic(6) + version(2) + length(2 or 4) + header + '\n', padded to a multiple of 64.
  let version = options.version ?? 1;
  if (version === 1 && text.length + 11 > 65535) version = 2;
  const pre = version === 1 ? 10 : 12;
  const total = Math.ceil((pre + text.length + 1) / 64) * 64;
  text = `${text}${' '.repeat(total - pre - text.length - 1)}\n`;
  const itemsize = ITEMSIZE[kind];
  const out = new Uint8Array(total + n * itemsize);
  out.set(NPY_MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  for (let k = 0; k < text.length; k++) out[pre + k] = text.charCodeAt(k);
  const src = fortranOrder && shape.length > 1 ? cToFortran(data, shape) : data;
  const range = INT_RANGE[kind];
  const check = (i: number): number => {
    const v = src[i]!;
    if (range && (!Number.isInteger(v) || v < range[0] || v > range[1]))
      throw new ValueError(
        op,
        `${where}element ${i} is ${show(v)}, which cannot be stored as ${show(descr)} (expected an integer in [${range[0]}, ${range[1]}])`,
      );
    return v;
  };
  const le = littleEndian;
  const base = total;
  const native =
    (kind === 'f8' && src instanceof Float64Array) ||
    (kind === 'f4' && src instanceof Float32Array) ||
    (kind === 'i4' && src instanceof Int32Array);
  if (native && le && HOST_LITTLE_ENDIAN) {
    out.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength), base);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = check(i);
    const at = base + i * itemsize;
    switch (kind) {
      case 'f8':
        view.setFloat64(at, v, le);
        break;
      case 'f4':
        view.setFloat32(at, v, le);
        break;
      case 'f2':
        view.setUint16(at, encodeFloat16(v), le);
        break;
      case 'b1':
        view.setUint8(at, v ? 1 : 0);
        break;
      case 'i1':
        view.setInt8(at, v);
        break;
      case 'u1':
        view.setUint8(at, v);
        break;
      case 'i2':
        view.setInt16(at, v, le);
        break;
      case 'u2':
        view.setUint16(at, v, le);
        break;
      case 'i4':
        view.setInt32(at, v, le);
        break;
      case 'u4':
        view.setUint32(at, v, le);
        break;
      case 'i8':
        view.setBigInt64(at, BigInt(v), le);
        break;
      case 'u8':
        view.setBigUint64(at, BigInt(v), le);
        break;
    }
  }
  return out;
}
