/**
 * `exportGpt2Onnx(checkpointDir, outDir)`: write a Hugging Face GPT-2 checkpoint
 * (`config.json` + `model.safetensors`) as an ONNX decoder with past key values, in a directory
 * laid out like the Hugging Face / Optimum exports that ONNX Runtime and transformers.js load:
 *
 *   outDir/config.json            the checkpoint's config (with `use_cache: true`)
 *   outDir/generation_config.json bos/eos token ids
 *   outDir/onnx/model.onnx        the decoder (see `gpt2ToOnnx`)
 *   outDir/tokenizer.json, tokenizer_config.json, vocab.json, merges.txt   copied when present
 *
 * Node only (file I/O); `gpt2ToOnnx` builds the bytes anywhere.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ValueError } from '@gradkit/core';
import { writeFileAtomic } from '@gradkit/core/node';
import { gpt2FromBytes } from '../backends/ts.js';
import { type Gpt2OnnxOptions, gpt2ToOnnx } from './gpt2.js';

/** Files copied from the checkpoint directory when they exist (tokenizer data). */
export const TOKENIZER_FILES = [
  'tokenizer.json',
  'tokenizer_config.json',
  'vocab.json',
  'merges.txt',
  'special_tokens_map.json',
] as const;

/** What `exportGpt2Onnx` wrote. */
export interface OnnxExportResult {
  /** Path of the ONNX file (`outDir/onnx/model.onnx`). */
  onnxPath: string;
  /** Every file written or copied. */
  files: string[];
  /** Size of the ONNX file in bytes. */
  bytes: number;
}

/**
 * Export a Hugging Face GPT-2 checkpoint directory to ONNX (decoder with past key values in the
 * Optimum layout: `input_ids`, `attention_mask`, `position_ids`, `past_key_values.{l}.key/value`
 * → `logits`, `present.{l}.key/value`). The output directory loads with `loadOrtModel(outDir)`
 * (ONNX Runtime) and `loadTransformersModel(outDir)` (transformers.js).
 *
 * @example
 *   const { onnxPath } = exportGpt2Onnx('tests/fixtures/tiny-gpt2', '/tmp/tiny-gpt2-onnx');
 *   // '/tmp/tiny-gpt2-onnx/onnx/model.onnx'
 */
export function exportGpt2Onnx(
  checkpointDir: string,
  outDir: string,
  options: Gpt2OnnxOptions = {},
): OnnxExportResult {
  const op = 'exportGpt2Onnx';
  const configFile = join(checkpointDir, 'config.json');
  const weightsFile = join(checkpointDir, 'model.safetensors');
  for (const [file, what] of [
    [configFile, 'a Hugging Face GPT-2 config.json'],
    [weightsFile, 'the weights as model.safetensors'],
  ] as const)
    if (!existsSync(file) || !statSync(file).isFile())
      throw new ValueError(
        op,
        `${file} is ${existsSync(file) ? 'not a file (a directory?)' : 'missing'}; checkpointDir must hold ${what}`,
      );
  const configText = readFileSync(configFile, 'utf8');
  const model = gpt2FromBytes(configText, new Uint8Array(readFileSync(weightsFile)), {
    config: configFile,
    weights: weightsFile,
  });
  const bytes = gpt2ToOnnx(model.config, model.weights, options);

  // The decoder is written last: its presence marks the export complete (a cache that finds
  // `onnx/model.onnx` finds every other file too; an export killed part-way is redone).
  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  const files: string[] = [];
  const onnxPath = join(outDir, 'onnx', 'model.onnx');
  const config = { ...(JSON.parse(configText) as Record<string, unknown>), use_cache: true };
  writeFileAtomic(join(outDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  files.push(join(outDir, 'config.json'));
  const generation = { bos_token_id: model.config.bosTokenId, eos_token_id: model.config.eosTokenId };
  writeFileAtomic(join(outDir, 'generation_config.json'), `${JSON.stringify(generation, null, 2)}\n`);
  files.push(join(outDir, 'generation_config.json'));
  for (const name of TOKENIZER_FILES) {
    const src = join(checkpointDir, name);
    if (existsSync(src) && src !== join(outDir, name)) {
      writeFileAtomic(join(outDir, name), new Uint8Array(readFileSync(src)));
      files.push(join(outDir, name));
    }
  }
  writeFileAtomic(onnxPath, bytes);
  files.push(onnxPath);
  return { onnxPath, files, bytes: bytes.length };
}
