/**
 * numpy's `.npz` archives (`np.savez`, `np.savez_compressed`): a ZIP of `.npy` members, one per
 * array, named `<key>.npy`. Browser-safe parsing and encoding from bytes; compressed archives
 * need a raw-deflate function, which `@gradkit/datasets/node` (`loadNpz`, `saveNpz`) supplies
 * from `node:zlib`.
 */
import { type Tensor, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { type EncodeNpyOptions, encodeNpy, type ParseNpyOptions, parseNpy } from './npy.js';
import { type DeflateRaw, type InflateRaw, readZip, writeZip } from './zip.js';

/** Options for {@link parseNpz}. */
export interface ParseNpzOptions extends ParseNpyOptions {
  /** Raw-deflate decompressor for `savez_compressed` archives. */
  inflateRaw?: InflateRaw;
  /**
   * The most bytes the members may hold decompressed, together (default 2 GiB): checked against
   * the sizes the archive declares before anything is inflated (see `readZip`).
   */
  maxBytes?: number;
}

/**
 * Parse `.npz` bytes into `{ key: Tensor }` (keys without the `.npy` suffix, as `np.load(f)[key]`).
 * Errors name the archive and the member.
 *
 * @example
 *   const { x, y } = parseNpz(bytes); // np.savez(f, x=x, y=y)
 */
export function parseNpz(bytes: Uint8Array, options: ParseNpzOptions = {}): Record<string, Tensor> {
  const op = options.op ?? 'parseNpz';
  const name = options.name ?? '<bytes>';
  const out: Record<string, Tensor> = {};
  const zipOptions = {
    op,
    name,
    ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  };
  for (const entry of readZip(bytes, zipOptions)) {
    if (!entry.name.endsWith('.npy'))
      throw new ValueError(
        op,
        `${show(name)}: member ${show(entry.name)} is not a .npy file (expected every member to be '<key>.npy')`,
      );
    const key = entry.name.slice(0, -4);
    if (Object.hasOwn(out, key))
      throw new ValueError(op, `${show(name)}: member ${show(entry.name)} appears twice`);
    // defineProperty: every name is an own key, `__proto__` included (assignment would replace
    // the result's prototype instead).
    Object.defineProperty(out, key, {
      value: parseNpy(entry.data, { ...options, op, name: `${name}[${entry.name}]` }),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Options for {@link encodeNpz}. */
export interface EncodeNpzOptions {
  /** Per-key `.npy` options (e.g. `{ y: { descr: '<i8' } }`). */
  npy?: Record<string, EncodeNpyOptions>;
  /** Raw-deflate compressor: gives `np.savez_compressed` archives; stored (`np.savez`) without. */
  deflateRaw?: DeflateRaw;
}

/**
 * Encode `{ key: Tensor }` as `.npz` bytes (`np.savez` layout; compressed with `deflateRaw`).
 *
 * @example
 *   const bytes = encodeNpz({ x, y }, { npy: { y: { descr: '<i8' } } });
 */
export function encodeNpz(arrays: Record<string, Tensor>, options: EncodeNpzOptions = {}): Uint8Array {
  const entries = Object.entries(arrays).map(([key, t]) => ({
    name: `${key}.npy`,
    data: encodeNpy(t, { op: 'encodeNpz', name: key, ...(options.npy?.[key] ?? {}) }),
  }));
  return writeZip(entries, {
    op: 'encodeNpz',
    ...(options.deflateRaw ? { deflateRaw: options.deflateRaw } : {}),
  });
}
