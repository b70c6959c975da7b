/**
 * `@gradkit/nn/node`: safetensors files on disk (Node only). Writes go to a temporary file in
 * the same directory and are renamed into place, so a crash never leaves a partial file.
 *
 * ```ts
 * import { saveStateDict, loadStateDict } from '@gradkit/nn/node';
 * saveStateDict(model, 'mlp.safetensors');          // readable by safetensors.torch.load_file
 * loadStateDict(model, 'mlp.safetensors');          // strict: keys and shapes must match
 * ```
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Tensor } from '@gradkit/core';
import type { Module } from './module.js';
import { decodeSafetensors, encodeSafetensors, type SafetensorsContents } from './safetensors.js';

/** Write named tensors to a `.safetensors` file (temp file + rename). */
export function saveSafetensors(
  path: string,
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): void {
  const bytes = encodeSafetensors(tensors, metadata);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    throw e;
  }
}

/** Read a `.safetensors` file (see `decodeSafetensors` for the dtypes it accepts). */
export function loadSafetensors(path: string): SafetensorsContents {
  return decodeSafetensors(new Uint8Array(readFileSync(path)));
}

/** Save `module.stateDict()` to a safetensors file; metadata defaults to `{ format: 'pt' }` as PyTorch's writer. */
export function saveStateDict(
  module: Module,
  path: string,
  metadata: Record<string, string> = { format: 'pt' },
): void {
  saveSafetensors(path, module.stateDict(), metadata);
}

/** Load a safetensors file into `module` (`loadStateDict` semantics; `strict` default true). */
export function loadStateDict(
  module: Module,
  path: string,
  strict = true,
): { missingKeys: string[]; unexpectedKeys: string[] } {
  return module.loadStateDict(loadSafetensors(path).tensors, strict);
}

export * from './checkpoint-node.js';
export * from './index.js';
