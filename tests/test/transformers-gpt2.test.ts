// PyTorch parity for the TypeScript GPT-2 (@gradkit/transformers `ts` backend): a tiny random
// GPT-2 written by tests/fixtures/gen_gpt2.py (PyTorch 1.13, float32) into tests/fixtures/tiny-gpt2/
// (Hugging Face layout: config.json + model.safetensors) and its logits in
// tests/fixtures/gpt2_tiny.json. Tolerance 1e-4 absolute (float32 on both sides).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GradkitError } from '@gradkit/core';
import {
  Gpt2Model,
  gpt2WeightsFromTensors,
  type KVCache,
  loadGpt2,
  parseGpt2Config,
  readSafetensors,
} from '@gradkit/transformers/node';
import { describe, expect, it } from 'vitest';

const dir = new URL('../fixtures/tiny-gpt2/', import.meta.url).pathname;
const fx = JSON.parse(readFileSync(new URL('../fixtures/gpt2_tiny.json', import.meta.url), 'utf8')) as {
  tolerance: number;
  input_ids: number[][];
  logits: number[][][];
  full_context_ids: number[];
  full_context_last_logits: number[];
};
const V = 100;

function maxDiff(a: Float32Array | number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('ts GPT-2 against the PyTorch reference', () => {
  const model = loadGpt2(dir);

  it('reads config.json', () => {
    expect(model.config).toMatchObject({
      vocabSize: 100,
      maxPositions: 32,
      hiddenSize: 16,
      numLayers: 2,
      numHeads: 2,
      innerSize: 64,
    });
  });

  it('logits at every position without a cache (batch of 2)', async () => {
    const r = await model.forward(fx.input_ids, null, { allLogits: true });
    expect(maxDiff(r.allLogits!, fx.logits.flat(2))).toBeLessThan(fx.tolerance);
    expect(
      maxDiff(
        r.logits,
        fx.logits.flatMap((row) => row[row.length - 1]!),
      ),
    ).toBeLessThan(fx.tolerance);
    expect(r.present.seqLength).toBe(12);
    expect(r.present.key[0]!.length).toBe(2 * 2 * 12 * 8);
  });

  it('the same logits token by token with the KV cache', async () => {
    // prompt of 5 tokens, then one token at a time
    let { logits, present } = await model.forward(
      fx.input_ids.map((r) => r.slice(0, 5)),
      null,
    );
    expect(
      maxDiff(
        logits,
        fx.logits.flatMap((row) => row[4]!),
      ),
    ).toBeLessThan(fx.tolerance);
    for (let t = 5; t < 12; t++) {
      const past: KVCache = present;
      ({ logits, present } = await model.forward(
        fx.input_ids.map((r) => [r[t]!]),
        past,
      ));
      expect(past.seqLength).toBe(t); // past is not modified
      expect(
        maxDiff(
          logits,
          fx.logits.flatMap((row) => row[t]!),
        ),
      ).toBeLessThan(fx.tolerance);
    }
  });

  it('a full context of n_positions tokens, then refuses one more', async () => {
    const { logits, present } = await model.forward([fx.full_context_ids], null);
    expect(maxDiff(logits, fx.full_context_last_logits)).toBeLessThan(fx.tolerance);
    await expect(model.forward([[1]], present)).rejects.toThrow(/context is 32/);
  });

  it('reorderCache gathers rows (beam search)', async () => {
    const { present } = await model.forward(
      fx.input_ids.map((r) => r.slice(0, 6)),
      null,
    );
    const re = model.reorderCache(present, [1, 1, 0]);
    expect(re.batch).toBe(3);
    const { logits } = await model.forward(
      [1, 1, 0].map((r) => [fx.input_ids[r]![6]!]),
      re,
    );
    expect(maxDiff(logits.subarray(0, V), fx.logits[1]![6]!)).toBeLessThan(fx.tolerance);
    expect(maxDiff(logits.subarray(V, 2 * V), fx.logits[1]![6]!)).toBeLessThan(fx.tolerance);
    expect(maxDiff(logits.subarray(2 * V), fx.logits[0]![6]!)).toBeLessThan(fx.tolerance);
  });

  it('accepts weight names without the transformer. prefix and an explicit lm_head', () => {
    const tensors = readSafetensors(new Uint8Array(readFileSync(join(dir, 'model.safetensors'))));
    const renamed = new Map([...tensors].map(([k, v]) => [k.replace(/^transformer\./, ''), v]));
    renamed.set('lm_head.weight', tensors.get('transformer.wte.weight')!);
    const config = parseGpt2Config(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
    const m = new Gpt2Model(config, gpt2WeightsFromTensors(config, renamed));
    const r = m.forwardSync([fx.input_ids[0]!], null);
    expect(maxDiff(r.logits, fx.logits[0]![11]!)).toBeLessThan(fx.tolerance);
  });

  it('errors name the file and what was expected', () => {
    const bad = mkdtempSync(join(tmpdir(), 'gk-gpt2-'));
    expect(() => loadGpt2(bad)).toThrow(/config\.json is missing/);
    writeFileSync(join(bad, 'config.json'), '{"model_type": "gpt2", "vocab_size": 100');
    copyFileSync(join(dir, 'model.safetensors'), join(bad, 'model.safetensors'));
    expect(() => loadGpt2(bad)).toThrow(/config\.json is not valid JSON/);
    writeFileSync(
      join(bad, 'config.json'),
      JSON.stringify({
        model_type: 'gpt2',
        vocab_size: 100,
        n_positions: 32,
        n_embd: 32,
        n_layer: 2,
        n_head: 2,
      }),
    );
    expect(() => loadGpt2(bad)).toThrow(/ln_1\.weight" has shape \[16\]; expected \[32\] from config\.json/);
    writeFileSync(join(bad, 'model.safetensors'), new Uint8Array([1, 2, 3]));
    expect(() => loadGpt2(bad)).toThrow(GradkitError);
    expect(() => loadGpt2(bad)).toThrow(/model\.safetensors has 3 bytes/);
    expect(() => loadGpt2(join(bad, 'nope'))).toThrow(/does not exist/);
    // a config.json that is a folder, and token ids outside the vocabulary
    const folder = mkdtempSync(join(tmpdir(), 'gk-gpt2-dir-'));
    mkdirSync(join(folder, 'config.json'));
    copyFileSync(join(dir, 'model.safetensors'), join(folder, 'model.safetensors'));
    expect(() => loadGpt2(folder)).toThrow(/config\.json is not a file \(a directory\?\)/);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(() => parseGpt2Config({ ...config, eos_token_id: config.vocab_size })).toThrow(
      new RegExp(
        `"eos_token_id" must be a token id, an integer in \\[0, ${config.vocab_size}\\) \\(vocab_size\\), received ${config.vocab_size}`,
      ),
    );
    expect(() => parseGpt2Config({ ...config, bos_token_id: -1 })).toThrow(
      /"bos_token_id" must be a token id/,
    );
  });

  it('rejects ids outside the vocabulary and unequal rows', async () => {
    await expect(model.forward([[1, 100]], null)).rejects.toThrow(/inputIds\[0\]\[1\] = 100/);
    await expect(model.forward([[1, 2], [3]], null)).rejects.toThrow(/equal lengths/);
  });
});
