/**
 * A minimal reader for the safetensors format (Hugging Face's `model.safetensors`):
 * 8-byte little-endian header length `N`, `N` bytes of JSON
 * `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {...}}`, then the raw
 * little-endian tensor bytes. Floating tensors (F32, F16, BF16, F64) are returned as float32.
 */
import { ValueError } from '@gradkit/core';

/** One tensor of a safetensors file, converted to float32. */
export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  data: Float32Array;
}

const DTYPE_BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

/** IEEE half → float. */
function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

/**
 * Decode the floating tensors of a safetensors file. `file` names the file in error messages.
 *
 * @example
 *   const tensors = readSafetensors(readFileSync('model.safetensors'));
 *   tensors.get('wte.weight')!.shape; // [50257, 768]
 */
export function readSafetensors(
  bytes: Uint8Array,
  file = 'model.safetensors',
): Map<string, SafetensorsEntry> {
  const op = 'readSafetensors';
  if (bytes.length < 8)
    throw new ValueError(
      op,
      `${file} has ${bytes.length} bytes; expected an 8-byte header length and a JSON header`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8)
    throw new ValueError(
      op,
      `${file}: header length ${n} exceeds the file size ${bytes.length}; not a safetensors file`,
    );
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch {
    throw new ValueError(op, `${file}: the header is not valid JSON; not a safetensors file`);
  }
  const base = 8 + n;
  const out = new Map<string, SafetensorsEntry>();
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const width = DTYPE_BYTES[info?.dtype];
    if (!width)
      throw new ValueError(
        op,
        `${file}: tensor "${name}" has dtype ${info?.dtype}; expected one of F32, F16, BF16, F64`,
      );
    const count = info.shape.reduce((a, b) => a * b, 1);
    const [begin, end] = info.data_offsets;
    if (end - begin !== count * width || base + end > bytes.length)
      throw new ValueError(
        op,
        `${file}: tensor "${name}" [${info.shape}] ${info.dtype} needs ${count * width} bytes at ${begin}..${end}; the file is truncated or inconsistent`,
      );
    const dv = new DataView(bytes.buffer, bytes.byteOffset + base + begin, end - begin);
    const data = new Float32Array(count);
    if (info.dtype === 'F32') for (let i = 0; i < count; i++) data[i] = dv.getFloat32(4 * i, true);
    else if (info.dtype === 'F64') for (let i = 0; i < count; i++) data[i] = dv.getFloat64(8 * i, true);
    else if (info.dtype === 'F16')
      for (let i = 0; i < count; i++) data[i] = halfToFloat(dv.getUint16(2 * i, true));
    else {
      const tmp = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < count; i++) {
        tmp.setUint32(0, dv.getUint16(2 * i, true) << 16, false);
        data[i] = tmp.getFloat32(0, false);
      }
    }
    out.set(name, { dtype: info.dtype, shape: [...info.shape], data });
  }
  return out;
}
