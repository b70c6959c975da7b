/**
 * Data types. Semantics follow numpy: values built from JS numbers default to float64; binary
 * ops promote bool < int32 < float32 < float64, and int32 with float32 gives float64 (as numpy's
 * `np.result_type(np.int32, np.float32)`). A plain JS number is a "weak" scalar: it takes the
 * array's float dtype, or int32 when both are integral (numpy's value-based casting).
 */
export type DType = 'float64' | 'float32' | 'int32' | 'bool';
export type DataArray = Float64Array | Float32Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ['float64', 'float32', 'int32', 'bool'];

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

export function allocate(dtype: DType, n: number): DataArray {
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
}

export function dtypeOfArray(a: DataArray): DType {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  return 'bool';
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

/** Convert one JS value for storage in `dtype` (truncation for int32, like numpy's astype). */
export function castValue(dtype: DType, v: number): number {
  if (dtype === 'bool') return v ? 1 : 0;
  if (dtype === 'int32') return Math.trunc(v) | 0;
  return v;
}
