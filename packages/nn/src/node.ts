/**
 * `@gradkit/nn/node`: safetensors files on disk (Node only). Writes go to a temporary file in
 * the same directory and are renamed into place, so a crash never leaves a partial file.
 *
 * ```ts
 * import { saveStateDict, loadStateDict } from '@gradkit/nn/node';
 * saveStateDict(model, 'mlp.safetensors');          // readable by safetensors.torch.load_file
 * loadStateDict(model, 'mlp.safetensors');          // strict: keys and shapes must match
 * ```
 *
 * `SafetensorsCheckpointStore` keeps `BestCheckpoint`'s best state dict in such a file.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsContents,
  type Tensor,
  ValueError,
} from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { writeFileAtomic } from '@gradkit/core/node';
import type { CheckpointStore, Monitor } from './callbacks.js';
import type { Module } from './module.js';

/**
 * Write named tensors to a `.safetensors` file, atomically (`writeFileAtomic` from
 * `@gradkit/core/node`: the bytes are encoded first, then written to a temporary file that is
 * renamed over `path`; a failure leaves `path` untouched and raises a `FileWriteError`).
 *
 * ```ts
 * saveSafetensors('w.safetensors', { 'fc.weight': w }, { format: 'pt' });
 * ```
 */
export function saveSafetensors(
  path: string,
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

/**
 * Read a `.safetensors` file (see `decodeSafetensors` in `@gradkit/core` for the validation and
 * the dtypes it accepts); errors name the file.
 *
 * ```ts
 * const { tensors, metadata } = loadSafetensors('mlp.safetensors');
 * ```
 */
export function loadSafetensors(path: string): SafetensorsContents {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new ValueError(
      'loadSafetensors',
      `could not read ${show(path)} (${(e as Error).message}); expected a readable .safetensors file`,
    );
  }
  return decodeSafetensors(bytes, { name: path, op: 'loadSafetensors' });
}

/**
 * Save `module.stateDict()` to a safetensors file (atomically); metadata defaults to
 * `{ format: 'pt' }` as PyTorch's writer.
 *
 * ```ts
 * saveStateDict(model, 'mlp.safetensors'); // readable by safetensors.torch.load_file
 * ```
 */
export function saveStateDict(
  module: Module,
  path: string,
  metadata: Record<string, string> = { format: 'pt' },
): void {
  saveSafetensors(path, module.stateDict(), metadata);
}

/**
 * Load a safetensors file into `module` (`loadStateDict` semantics; `strict` default true).
 *
 * ```ts
 * loadStateDict(model, 'mlp.safetensors'); // keys and shapes must match
 * ```
 */
export function loadStateDict(
  module: Module,
  path: string,
  strict = true,
): { missingKeys: string[]; unexpectedKeys: string[] } {
  return module.loadStateDict(loadSafetensors(path).tensors, strict);
}

/**
 * Keep the best checkpoint in a safetensors file (readable by `safetensors.torch.load_file`);
 * the metadata records the epoch and the monitored value.
 *
 * @example
 *   new BestCheckpoint({ monitor: 'valError', store: new SafetensorsCheckpointStore('best.safetensors') });
 */
export class SafetensorsCheckpointStore implements CheckpointStore {
  constructor(readonly path: string) {}
  save(state: Record<string, Tensor>, info: { epoch: number; value: number; monitor: Monitor }): void {
    saveSafetensors(this.path, state, {
      format: 'pt',
      epoch: String(info.epoch),
      [info.monitor]: String(info.value),
    });
  }
  load(): Record<string, Tensor> | null {
    return existsSync(this.path) ? loadSafetensors(this.path).tensors : null;
  }
}

export * from './index.js';
