/**
 * Data types. Semantics follow numpy: values built from JS numbers default to float64; binary
 * ops promote bool < int32 < float32 < float64, and int32 with float32 gives float64 (as numpy's
 * `np.result_type(np.int32, np.float32)`). A plain JS number is a "weak" scalar: it takes the
 * array's float dtype, or int32 when both are integral (numpy's value-based casting).
 */
import { DTypeError, show, ValueError } from './errors.js';
import { stepStorage } from './step-buffers.js';

export type DType = 'float64' | 'float32' | 'int32' | 'bool';
export type DataArray = Float64Array | Float32Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ['float64', 'float32', 'int32', 'bool'];

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

/** Throw a DTypeError naming `op` unless `dtype` is one of {@link DTYPES}. */
export function checkDType(op: string, dtype: unknown, arg = 'dtype'): DType {
  if (!isDType(dtype))
    throw new DTypeError(
      op,
      `${arg} must be one of 'float64', 'float32', 'int32', 'bool', received ${show(dtype)}`,
    );
  return dtype;
}

/**
 * Fresh zeroed storage for `n` elements of `dtype`. A size that is not a non-negative safe
 * integer, or past what the engine can allocate for one array, is a ValueError naming `op`
 * (never the engine's bare RangeError).
 */
export function allocate(dtype: DType, n: number, op = 'allocate'): DataArray {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new ValueError(op, `the number of elements must be a non-negative integer, received ${show(n)}`);
  // inside StepBuffers.run: the storage of the previous step's tensor made at this point
  const reused = stepStorage(dtype, n);
  if (reused !== null) return reused;
  try {
    switch (dtype) {
      case 'float64':
        return new Float64Array(n);
      case 'float32':
        return new Float32Array(n);
      case 'int32':
        return new Int32Array(n);
      case 'bool':
        return new Uint8Array(n);
    }
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const bytes = n * (dtype === 'bool' ? 1 : dtype === 'float64' ? 8 : 4);
    throw new ValueError(
      op,
      `cannot allocate ${n} elements of ${dtype} (${bytes} bytes): past what this JavaScript engine can hold in one array or in memory (${err.message})`,
    );
  }
  return checkDType(op, dtype) as never;
}

/** The dtype a storage array holds; a DTypeError for any other typed array. */
export function dtypeOfArray(a: DataArray): DType {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array) return 'bool';
  throw new DTypeError(
    'Tensor',
    `storage must be a Float64Array, Float32Array, Int32Array or Uint8Array (bool), received ${show(a)}`,
  );
}

/**
 * The dtype `tensor()` gives a typed array: its own for the storage types (Uint8Array is bool
 * storage), int32 for the narrower integers (Int8, Int16, Uint16, Uint8Clamped: every value
 * fits), float64 for Uint32 (every value exact); a DTypeError for 64-bit integer arrays and
 * anything else.
 */
export function dtypeOfTypedArray(op: string, a: ArrayBufferView): DType {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array) return 'bool';
  if (
    a instanceof Int8Array ||
    a instanceof Int16Array ||
    a instanceof Uint16Array ||
    a instanceof Uint8ClampedArray
  )
    return 'int32';
  if (a instanceof Uint32Array) return 'float64';
  throw new DTypeError(
    op,
    `a ${a.constructor.name} cannot become a tensor; expected a Float64Array, Float32Array, Int32Array, Int16Array, Int8Array, Uint32Array, Uint16Array, Uint8Array (bool) or Uint8ClampedArray`,
  );
}

export function isFloatDType(d: DType): boolean {
  return d === 'float64' || d === 'float32';
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** numpy's `result_type` for two array dtypes. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if ((a === 'int32' && b === 'float32') || (a === 'float32' && b === 'int32')) return 'float64';
  return RANK[a] >= RANK[b] ? a : b;
}

/** dtype of an array op with a weak JS-number scalar `x`. */
export function promoteWithScalar(d: DType, x: number): DType {
  if (isFloatDType(d)) return d;
  if (Number.isInteger(x)) return 'int32';
  return 'float64';
}

/** The float dtype an op like `exp` or `mean` returns for input dtype `d`. */
export function floatResult(d: DType): DType {
  return d === 'float32' ? 'float32' : 'float64';
}

/**
 * Convert one JS value for storage in `dtype`: truncation toward zero for int32, as numpy's
 * `astype`; NaN, ±Infinity and values outside int32's range become INT_MIN (-2147483648), as
 * numpy gives on x86 (where it warns "invalid value encountered in cast"), not a wrapped value.
 */
export function castValue(dtype: DType, v: number): number {
  if (dtype === 'bool') return v !== 0 ? 1 : 0; // NaN is true, as numpy's bool(nan)
  if (dtype === 'int32') return v > -2147483649 && v < 2147483648 ? Math.trunc(v) | 0 : -2147483648;
  return v;
}
