/**
 * loadBackend: the three backends on the offline default model (a checkpoint directory, exported
 * to ONNX once into a cache folder for ort and transformers) decode the same greedy tokens.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultModelDir, generate, loadBackend, onnxDirFor } from '../src/node.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'gradkit-load-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('loadBackend', () => {
  it('exports the default checkpoint once and reuses the export', () => {
    const dir = onnxDirFor(defaultModelDir(), { cacheDir });
    expect(dir.startsWith(cacheDir)).toBe(true);
    const mtime = statSync(join(dir, 'onnx', 'model.onnx')).mtimeMs;
    expect(onnxDirFor(defaultModelDir(), { cacheDir })).toBe(dir);
    expect(statSync(join(dir, 'onnx', 'model.onnx')).mtimeMs).toBe(mtime);
    expect(onnxDirFor(dir)).toBe(dir); // an ONNX directory is used as it is
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('ts, ort and transformers decode the same greedy continuation of the notebook-style prompt', async () => {
    const results: Record<string, { tokens: number[]; text?: string; provider: string }> = {};
    for (const backend of ['ts', 'ort', 'transformers'] as const) {
      const { model, tokenizer } = await loadBackend(backend, defaultModelDir(), { cacheDir });
      const r = await generate(
        model,
        tokenizer.encode('Shall I compare thee'),
        { strategy: 'greedy', maxNewTokens: 8 },
        tokenizer,
      );
      results[backend] = { tokens: r.tokens, text: r.text, provider: model.provider };
      await model.dispose();
    }
    expect(results.ort!.provider).toBe('ort:cpu');
    expect(results.transformers!.provider).toBe('transformers.js:cpu');
    expect(results.ort!.tokens).toEqual(results.ts!.tokens);
    expect(results.transformers!.tokens).toEqual(results.ts!.tokens);
    expect(results.ort!.text).toBe(results.ts!.text);
  });

  it('names what is wrong', async () => {
    await expect(loadBackend('ort', 'openai-community/gpt2')).rejects.toThrow(
      /openai-community\/gpt2 is not a directory; the ort backend loads a local model directory/,
    );
    await expect(loadBackend('onnx' as never, defaultModelDir())).rejects.toThrow(
      /backend must be one of ts, ort, transformers, received "onnx"/,
    );
    await expect(loadBackend('ts', defaultModelDir(), { providers: ['cuda'] })).rejects.toThrow(
      /the ts backend runs in TypeScript on the CPU/,
    );
    await expect(
      loadBackend('transformers', defaultModelDir(), { providers: ['nope'], cacheDir }),
    ).rejects.toThrow(/no usable device for the transformers backend: nope: unknown execution provider/);
    expect(() => onnxDirFor(cacheDir)).toThrow(/holds neither a decoder ONNX file .* nor a checkpoint/);
  });
});
