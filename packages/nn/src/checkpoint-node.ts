/**
 * `SafetensorsCheckpointStore`: a `BestCheckpoint` store that writes the best state dict to a
 * `.safetensors` file (temporary file + rename, so a crash never leaves a partial checkpoint).
 * Node only (`@gradkit/nn/node`).
 */

import { existsSync } from 'node:fs';
import type { Tensor } from '@gradkit/core';
import type { CheckpointStore, Monitor } from './callbacks.js';
import { loadSafetensors, saveSafetensors } from './node.js';

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
