/**
 * The `ts` backend: GPT-2 in TypeScript (see `gpt2/model.ts`), built from the bytes of a
 * Hugging Face checkpoint (`config.json` + `model.safetensors`). Runs anywhere (Node, browser);
 * `loadGpt2(dir)` in `@gradkit/transformers/node` reads the files from a directory.
 */
import { ValueError } from '@gradkit/core';
import { type Gpt2Config, parseGpt2Config } from '../gpt2/config.js';
import { Gpt2Model, gpt2WeightsFromTensors } from '../gpt2/model.js';
import { readSafetensors } from '../safetensors.js';

/**
 * Build the TypeScript GPT-2 from the text of `config.json` and the bytes of
 * `model.safetensors`. Errors name the file and what was expected.
 *
 * @example
 *   const model = gpt2FromBytes(configText, safetensorsBytes);
 *   const { logits } = await model.forward([[464]], null);
 */
export function gpt2FromBytes(
  configText: string,
  safetensors: Uint8Array,
  names = { config: 'config.json', weights: 'model.safetensors' },
): Gpt2Model {
  let json: unknown;
  try {
    json = JSON.parse(configText);
  } catch (e) {
    throw new ValueError(
      'loadGpt2',
      `${names.config} is not valid JSON (${(e as Error).message}); expected a GPT-2 config object`,
    );
  }
  const config: Gpt2Config = parseGpt2Config(json, names.config);
  const tensors = readSafetensors(safetensors, names.weights);
  return new Gpt2Model(config, gpt2WeightsFromTensors(config, tensors, names.weights));
}
