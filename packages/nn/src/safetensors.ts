/**
 * safetensors (de)serialisation of state dicts. The format's one implementation lives in
 * `@gradkit/core` (strict header validation, typed `SafetensorsError`s naming the file and the
 * tensor, the reference writer's layout); nn re-exports the byte-level codec under the names it
 * has always offered, and `@gradkit/nn/node` adds the file helpers (`saveSafetensors`,
 * `loadSafetensors`, `saveStateDict`, `loadStateDict`).
 *
 * ```ts
 * import { decodeSafetensors, encodeSafetensors } from '@gradkit/nn';
 * const bytes = encodeSafetensors(model.stateDict(), { format: 'pt' });
 * model.loadStateDict(decodeSafetensors(bytes).tensors);
 * ```
 */
export {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsContents,
  type SafetensorsDType,
  SafetensorsError,
  type SafetensorsReadOptions,
} from '@gradkit/core';
