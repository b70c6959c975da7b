/**
 * Hugging Face `model.safetensors` files as float32 weights. The format itself (header
 * validation, dtypes, float16/bfloat16 widening) is `@gradkit/core`'s `parseSafetensors` /
 * `decodeSafetensorsTensor`; this keeps the floating tensors as flat `Float32Array`s, the layout
 * the GPT-2 loader reads.
 */
import {
  decodeSafetensorsTensor,
  parseSafetensors,
  type SafetensorsDType,
  SafetensorsError,
} from '@gradkit/core';

/** One tensor of a safetensors file, converted to float32. */
export interface SafetensorsEntry {
  /** The stored dtype (`F32`, `F16`, `BF16` or `F64`). */
  dtype: string;
  /** The shape, row-major. */
  shape: number[];
  /** The values as float32 (F16 and BF16 exactly, F64 rounded to nearest). */
  data: Float32Array;
}

const FLOAT_DTYPES: readonly SafetensorsDType[] = ['F32', 'F16', 'BF16', 'F64'];

/**
 * Decode the floating tensors (F32, F16, BF16, F64) of a safetensors file as float32, after
 * `parseSafetensors`' validation of the whole file. `file` names the file in error messages
 * (`SafetensorsError`, a `ValueError`); a tensor of another dtype is an error naming it.
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
  const parsed = parseSafetensors(bytes, { name: file, op });
  const out = new Map<string, SafetensorsEntry>();
  for (const [name, view] of parsed.tensors) {
    if (!FLOAT_DTYPES.includes(view.dtype))
      throw new SafetensorsError(
        op,
        file,
        name,
        `has dtype ${view.dtype}; expected one of ${FLOAT_DTYPES.join(', ')}`,
      );
    const { data } = decodeSafetensorsTensor(view, { name: file, op });
    out.set(name, {
      dtype: view.dtype,
      shape: [...view.shape],
      data: data instanceof Float32Array ? data : Float32Array.from(data),
    });
  }
  return out;
}
