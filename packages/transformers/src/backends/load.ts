/**
 * One entry point for every backend: `loadBackend('ts' | 'ort' | 'transformers', idOrDir)` gives
 * a `CausalLM` and its tokenizer. For the ONNX backends a Hugging Face checkpoint directory
 * (`config.json` + `model.safetensors`, like the offline default model) is exported to ONNX once
 * into a cache folder (`onnxDirFor`); a directory that already holds a decoder ONNX file is used
 * as it is; hub ids load through transformers.js (`ort` needs a local directory).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { ValueError } from '@gradkit/core';
import type { CausalLM } from '../model.js';
import { exportGpt2Onnx } from '../onnx/export.js';
import { importFailed, importOptional } from '../optional.js';
import { HfTokenizer, type Tokenizer } from '../tokenizer.js';
import { loadTransformersModel } from './hf.js';
import { loadOrtModel } from './ort.js';
import { ONNX_DECODER_FILES } from './ort-core.js';
import { providerStatus } from './providers.js';
import { loadGpt2, loadTokenizerFor } from './ts-node.js';

/** The backends behind `CausalLM`. */
export const BACKEND_NAMES = ['ts', 'ort', 'transformers'] as const;
/** A backend name. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Options of `loadBackend`. */
export interface BackendOptions {
  /** Execution providers in order (`ort`: ONNX Runtime providers; `transformers`: the first usable one is its device). Default `['cpu']`. */
  providers?: readonly string[];
  /** `ort`: run the session in a worker thread (`true`), on this thread (`false`), or by the model's size (`'auto'`, the default: see `loadOrtModel`). */
  worker?: boolean | 'auto';
  /** Where checkpoints are exported to ONNX (default `<os tmpdir>/gradkit-onnx`). */
  cacheDir?: string;
  /** `transformers`: allow downloading hub ids (transformers.js `env.allowRemoteModels`). */
  allowRemoteModels?: boolean;
  /** Progress and provider-fallback messages (default: none for progress, `console.warn` for fallbacks). */
  onLog?: (message: string) => void;
}

function hasOnnx(dir: string): boolean {
  return ONNX_DECODER_FILES.some((f) => existsSync(join(dir, f)));
}

/**
 * A directory with the model as ONNX: `dir` itself when it holds a decoder ONNX file, otherwise
 * the export of its checkpoint (`config.json` + `model.safetensors`) into
 * `cacheDir/<name>-<hash>`, made once and reused while the checkpoint is unchanged.
 *
 * @example
 *   onnxDirFor(defaultModelDir());   // '/tmp/gradkit-onnx/tiny-gpt2-shakespeare-1a2b3c4d5e6f'
 */
export function onnxDirFor(
  dir: string,
  options: { cacheDir?: string; onLog?: (m: string) => void } = {},
): string {
  const op = 'onnxDirFor';
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ValueError(op, `${dir} is not a directory; expected a model directory`);
  if (hasOnnx(dir)) return dir;
  const weights = join(dir, 'model.safetensors');
  const config = join(dir, 'config.json');
  if (!existsSync(weights) || !existsSync(config))
    throw new ValueError(
      op,
      `${dir} holds neither a decoder ONNX file (${ONNX_DECODER_FILES.join(', ')}) nor a checkpoint (config.json + model.safetensors) to export`,
    );
  const st = statSync(weights);
  const hash = createHash('sha256')
    .update(`${resolve(dir)}\n${st.size}\n${st.mtimeMs}\n`)
    .update(readFileSync(config))
    .digest('hex')
    .slice(0, 12);
  const out = join(options.cacheDir ?? join(tmpdir(), 'gradkit-onnx'), `${basename(resolve(dir))}-${hash}`);
  if (!existsSync(join(out, 'onnx', 'model.onnx'))) {
    options.onLog?.(`exporting ${dir} to ONNX in ${out}`);
    exportGpt2Onnx(dir, out);
  }
  return out;
}

/**
 * Load a model and its tokenizer with any backend. `idOrDir`: a local directory (checkpoint or
 * ONNX export), or for `transformers` a hub id.
 *
 * @example
 *   const { model, tokenizer } = await loadBackend('ort', defaultModelDir(), { providers: ['cuda', 'cpu'] });
 *   const r = await generate(model, tokenizer.encode('Shall I compare thee'), { maxNewTokens: 10 }, tokenizer);
 */
export async function loadBackend(
  backend: BackendName,
  idOrDir: string,
  options: BackendOptions = {},
): Promise<{ model: CausalLM; tokenizer: Tokenizer; dir: string }> {
  const op = 'loadBackend';
  if (!BACKEND_NAMES.includes(backend))
    throw new ValueError(
      op,
      `backend must be one of ${BACKEND_NAMES.join(', ')}, received ${JSON.stringify(backend)}`,
    );
  const isDir = existsSync(idOrDir) && statSync(idOrDir).isDirectory();
  if (backend === 'ts') {
    if (options.providers && options.providers.some((p) => p !== 'cpu'))
      throw new ValueError(
        op,
        `providers ${options.providers.join(',')}: the ts backend runs in TypeScript on the CPU and has no execution providers`,
      );
    const model = loadGpt2(idOrDir);
    return { model, tokenizer: await loadTokenizerFor(idOrDir, model.vocabSize), dir: idOrDir };
  }
  if (backend === 'ort') {
    if (!isDir)
      throw new ValueError(
        op,
        `${idOrDir} is not a directory; the ort backend loads a local model directory (hub ids load with the transformers backend)`,
      );
    const dir = onnxDirFor(idOrDir, options);
    const model = await loadOrtModel(dir, {
      providers: options.providers,
      worker: options.worker,
      onFallback: options.onLog,
    });
    return { model, tokenizer: await loadTokenizerFor(idOrDir, model.vocabSize), dir };
  }
  // transformers.js (an optional peer): say so first when it is missing
  await importOptional('@huggingface/transformers', 'the transformers backend', op, () =>
    import('@huggingface/transformers').catch(importFailed),
  );
  // its device is the first usable provider of the list; transformers.js brings its own
  // onnxruntime-node, so cpu needs no onnxruntime-node of ours
  const wanted = options.providers ?? ['cpu'];
  const skipped: string[] = [];
  const device = wanted.find((p) => {
    const s = providerStatus(p);
    const usable = s.usable || (p === 'cpu' && s.reason.startsWith('onnxruntime-node is not installed'));
    if (!usable || p === 'tensorrt' || p === 'wasm')
      skipped.push(`${p}: ${usable ? 'not a transformers.js device in Node' : s.reason}`);
    return usable && p !== 'tensorrt' && p !== 'wasm';
  });
  if (!device)
    throw new ValueError(op, `no usable device for the transformers backend: ${skipped.join('; ')}`);
  if (skipped.length) (options.onLog ?? console.warn)(`running on ${device} (skipped ${skipped.join('; ')})`);
  const dir = isDir ? onnxDirFor(idOrDir, options) : idOrDir;
  const model = await loadTransformersModel(dir, { device, allowRemoteModels: options.allowRemoteModels });
  let tokenizer: Tokenizer;
  if (isDir) tokenizer = await loadTokenizerFor(idOrDir, model.vocabSize);
  else {
    const { AutoTokenizer } = await importOptional(
      '@huggingface/transformers',
      'the transformers backend',
      op,
      () => import('@huggingface/transformers').catch(importFailed),
    );
    tokenizer = new HfTokenizer(
      (await AutoTokenizer.from_pretrained(idOrDir)) as unknown as ConstructorParameters<
        typeof HfTokenizer
      >[0],
    );
  }
  return { model, tokenizer, dir };
}
