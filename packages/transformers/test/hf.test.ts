/**
 * The `transformers` backend (transformers.js AutoModelForCausalLM) offline on the tiny random
 * GPT-2 exported with exportGpt2Onnx: logits equal to the TypeScript backend's (1e-4) with and
 * without the cache, gradkit's greedy decoding equal to transformers.js's own `generate`, and
 * errors that name the flag that blocked a load.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportGpt2Onnx,
  generate,
  type KVCache,
  loadGpt2,
  loadOrtModel,
  loadTransformersModel,
  type TransformersCausalLM,
} from '../src/node.js';

const CKPT = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'tiny-gpt2');
const TOL = 1e-4;
const out = mkdtempSync(join(tmpdir(), 'gradkit-hf-'));
const dir = join(out, 'tiny-gpt2-onnx');
const ts = loadGpt2(CKPT);
let model: TransformersCausalLM;

beforeAll(async () => {
  exportGpt2Onnx(CKPT, dir);
  model = await loadTransformersModel(dir);
});
afterAll(async () => {
  await model?.dispose();
  rmSync(out, { recursive: true, force: true });
});

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('transformers backend', () => {
  it('loads the exported directory offline', () => {
    expect(model.provider).toBe('transformers.js:cpu');
    expect(model.forwardOnThisThread).toBe(true);
    expect(model.vocabSize).toBe(100);
    expect(model.maxPositions).toBe(32);
    expect(model.layout).toMatchObject({ numLayers: 2, numHeads: 2, headDim: 8, hasPositionIds: true });
  });

  it('same logits as the ts backend, without and with the cache', async () => {
    const prompt = [
      [3, 17, 42, 8],
      [5, 5, 23, 77],
    ];
    const a = await ts.forward(prompt, null, { allLogits: true });
    const b = await model.forward(prompt, null, { allLogits: true });
    expect(maxDiff(a.allLogits!, b.allLogits!)).toBeLessThan(TOL);
    let pa: KVCache = a.present;
    let pb: KVCache = b.present;
    for (const step of [
      [[9], [1]],
      [
        [0, 4],
        [6, 2],
      ],
    ]) {
      const x = await ts.forward(step, pa);
      const y = await model.forward(step, pb);
      expect(maxDiff(x.logits, y.logits)).toBeLessThan(TOL);
      expect(maxDiff(x.present.key[1]!, y.present.key[1]!)).toBeLessThan(TOL);
      pa = x.present;
      pb = y.present;
    }
  });

  it("accepts an ort cache, and caches in SharedArrayBuffers (which ONNX Runtime's tensors reject)", async () => {
    const ortModel = await loadOrtModel(dir, { worker: true });
    const { present } = await ortModel.forward([[7, 8, 9]], null);
    const ref = await ts.forward([[7, 8, 9, 10]], null);
    const viaOrt = await model.forward([[10]], present);
    expect(maxDiff(viaOrt.logits, ref.logits)).toBeLessThan(TOL);
    const toShared = (a: Float32Array) => {
      const s = new Float32Array(new SharedArrayBuffer(a.byteLength));
      s.set(a);
      return s;
    };
    const shared = { ...present, key: present.key.map(toShared), value: present.value.map(toShared) };
    const viaShared = await model.forward([[10]], shared);
    expect(maxDiff(viaShared.logits, ref.logits)).toBeLessThan(TOL);
    await ortModel.dispose();
  });

  it('gradkit greedy on this backend == transformers.js generate(do_sample: false) == ts greedy', async () => {
    const { Tensor } = await import('@huggingface/transformers');
    const prompt = [3, 17, 42];
    const hfOut = (await model.model.generate({
      input_ids: new Tensor('int64', BigInt64Array.from(prompt.map(BigInt)), [1, 3]),
      attention_mask: new Tensor('int64', new BigInt64Array(3).fill(1n), [1, 3]),
      max_new_tokens: 12,
      min_new_tokens: 12,
      do_sample: false,
    } as never)) as { tolist(): bigint[][] };
    const hfTokens = hfOut.tolist()[0]!.slice(3).map(Number);
    const ours = await generate(model, prompt, { strategy: 'greedy', maxNewTokens: 12, eosTokenId: null });
    const ref = await generate(ts, prompt, { strategy: 'greedy', maxNewTokens: 12, eosTokenId: null });
    expect(ours.tokens).toEqual(hfTokens);
    expect(ours.tokens).toEqual(ref.tokens);
  });

  it('errors name the flag or file that blocked the load', async () => {
    await expect(
      loadTransformersModel('gradkit-test/not-a-model', { allowRemoteModels: false, localModelPath: out }),
    ).rejects.toThrow(
      /could not load "gradkit-test\/not-a-model" \(env\.allowRemoteModels is false, so "gradkit-test\/not-a-model" must be a directory or be under env\.localModelPath = /,
    );
    const empty = join(out, 'empty');
    mkdirSync(empty);
    await expect(loadTransformersModel(empty)).rejects.toThrow(
      /empty\/config\.json is missing; a transformers.js model directory needs config\.json and onnx\/model\.onnx/,
    );
    writeFileSync(
      join(empty, 'config.json'),
      JSON.stringify({
        model_type: 'gpt2',
        vocab_size: 10,
        n_positions: 8,
        n_embd: 4,
        n_layer: 1,
        n_head: 2,
      }),
    );
    await expect(loadTransformersModel(empty)).rejects.toThrow(
      /could not load .*empty" \(loading the local directory .*empty with env\.allowRemoteModels = false\)/,
    );
  });
});
