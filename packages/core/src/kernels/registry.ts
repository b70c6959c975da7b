/**
 * The kernel registry: op definitions (validation, shapes, autograd) live in `ops/`, the number
 * crunching behind them lives here as named kernels, one implementation per backend — the split
 * TensorFlow.js makes between ops and backends. Two backends exist:
 *
 * - `'js'`: the readable reference kernels in plain JavaScript (always available);
 * - `'wasm'`: WebAssembly with 128-bit SIMD (f32x4 / f64x2) for the compute-bound kernels (GEMM),
 *   built from `packages/core/wasm/` at build time.
 *
 * A backend registers only the kernels where it wins; `getKernel(name)` falls back to the `'js'`
 * kernel otherwise (memory-bound element-wise kernels would pay the copy into WebAssembly memory
 * and gain nothing, so they stay JavaScript in both backends).
 */
import { show, ValueError } from '../errors.js';

/** Names of the backends. */
export type BackendName = 'js' | 'wasm';

const kernels = new Map<string, Map<BackendName, unknown>>();
const available = new Set<BackendName>(['js']);
let current: BackendName = 'js';
let explicitlySet = false;

/**
 * Registers `fn` as kernel `name` of `backend` (replacing an earlier registration).
 *
 * ```ts
 * registerKernel('myKernel', 'js', (x: Float64Array) => x.fill(0));
 * ```
 */
export function registerKernel<F>(name: string, backend: BackendName, fn: F): void {
  let byBackend = kernels.get(name);
  if (!byBackend) {
    byBackend = new Map();
    kernels.set(name, byBackend);
  }
  byBackend.set(backend, fn);
}

/**
 * The implementation of kernel `name` on the current backend, or the `'js'` one when the current
 * backend does not provide it. Throws `ValueError` for an unknown name.
 *
 * ```ts
 * const gemm = getKernel<GemmKernel>('gemm');
 * ```
 */
export function getKernel<F>(name: string, backend: BackendName = current): F {
  const byBackend = kernels.get(name);
  const fn = byBackend?.get(backend) ?? byBackend?.get('js');
  if (fn === undefined)
    throw new ValueError(
      'getKernel',
      `no kernel named ${show(name)}; registered: ${[...kernels.keys()].join(', ')}`,
    );
  return fn as F;
}

/** Marks a backend as loaded (called by the backend's module once it is ready). @internal */
export function markBackendAvailable(name: BackendName): void {
  available.add(name);
  // the default is the fastest loaded backend, unless the user chose one
  if (!explicitlySet && name === 'wasm') current = 'wasm';
}

/**
 * The backend the kernels run on: `'wasm'` by default when the WebAssembly module loaded (in
 * Node it loads when `@gradkit/core` is imported; in browsers too, or after `await initWasm()`),
 * `'js'` otherwise.
 *
 * ```ts
 * getBackend(); // 'wasm'
 * ```
 */
export function getBackend(): BackendName {
  return current;
}

/**
 * Selects the backend for all later kernel calls. `'wasm'` requires the WebAssembly module to
 * have loaded (see `wasmAvailable()` and `initWasm()`); throws `ValueError` otherwise or for an
 * unknown name. Results agree between backends up to floating-point summation order.
 *
 * ```ts
 * setBackend('js');   // the reference kernels
 * setBackend('wasm'); // SIMD GEMM
 * ```
 */
export function setBackend(name: BackendName): void {
  if (name !== 'js' && name !== 'wasm')
    throw new ValueError('setBackend', `name must be 'js' or 'wasm', received ${show(name)}`);
  if (!available.has(name))
    throw new ValueError(
      'setBackend',
      `backend ${show(name)} is not loaded (the WebAssembly kernels were not built or could not be instantiated); available: ${[...available].join(', ')}`,
    );
  current = name;
  explicitlySet = true;
}

/**
 * Runs `fn` with `name` as the backend, restoring the previous backend afterwards (also on throw).
 *
 * ```ts
 * const c = withBackend('js', () => matmul(a, b));
 * ```
 */
export function withBackend<T>(name: BackendName, fn: () => T): T {
  const prev = current;
  const prevSet = explicitlySet;
  setBackend(name);
  try {
    return fn();
  } finally {
    current = prev;
    explicitlySet = prevSet;
  }
}

/** The backends that loaded, `'js'` first. */
export function availableBackends(): BackendName[] {
  return [...available];
}
