/**
 * The `ort` backend against the TypeScript GPT-2 on the same weights (the tiny random GPT-2 of
 * tests/fixtures/gen_gpt2.py, exported with exportGpt2Onnx): logits to 1e-4 with and without the
 * cache, the same greedy tokens and beams, provider fallback, and contract validation at load.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValueError } from '@gradkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessRunner, WORKER_KEEPS_RUNS, WorkerRunner } from '../src/backends/ort-runner.js';
import {
  DataType,
  exportGpt2Onnx,
  GraphBuilder,
  generate,
  type KVCache,
  loadGpt2,
  loadOrtModel,
  type OrtCausalLM,
  onnxModelBytes,
  providerStatus,
  WORKER_MIN_MODEL_BYTES,
} from '../src/node.js';

const CKPT = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'tiny-gpt2');
const TOL = 1e-4;
const out = mkdtempSync(join(tmpdir(), 'gradkit-ort-'));
const ts = loadGpt2(CKPT);
const models: Record<string, OrtCausalLM> = {};

beforeAll(async () => {
  exportGpt2Onnx(CKPT, out);
  models.worker = await loadOrtModel(out, { worker: true });
  models.inProcess = await loadOrtModel(join(out, 'onnx', 'model.onnx'), { worker: false });
});
afterAll(async () => {
  for (const m of Object.values(models)) await m.dispose();
  rmSync(out, { recursive: true, force: true });
});

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("where the session runs: worker 'auto' by the model's bytes", () => {
  it('the 13 MB tiny model runs on this thread by default; true / false choose; 64 MiB of external data picks the worker', async () => {
    const file = join(out, 'onnx', 'model.onnx');
    expect(onnxModelBytes(file)).toBeLessThan(WORKER_MIN_MODEL_BYTES);
    const auto = await loadOrtModel(out);
    expect(auto.runner).toBeInstanceOf(InProcessRunner);
    await auto.dispose();
    expect(models.worker!.runner).toBeInstanceOf(WorkerRunner);
    expect(models.inProcess!.runner).toBeInstanceOf(InProcessRunner);
    // generate puts off the log-probabilities only where the graph runs on this thread
    expect(auto.forwardOnThisThread).toBe(true);
    expect(models.inProcess!.forwardOnThisThread).toBe(true);
    expect(models.worker!.forwardOnThisThread).toBe(false);
    // an external-data file named after the model counts (sparse: no disk written)
    const big = mkdtempSync(join(tmpdir(), 'gradkit-ort-big-'));
    try {
      exportGpt2Onnx(CKPT, big);
      const bigFile = join(big, 'onnx', 'model.onnx');
      writeFileSync(`${bigFile}_data`, '');
      truncateSync(`${bigFile}_data`, WORKER_MIN_MODEL_BYTES);
      expect(onnxModelBytes(bigFile)).toBe(statSync(bigFile).size + WORKER_MIN_MODEL_BYTES);
      const m = await loadOrtModel(big);
      expect(m.runner).toBeInstanceOf(WorkerRunner);
      await m.dispose();
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
    await expect(loadOrtModel(out, { worker: 'yes' as never })).rejects.toThrow(
      /loadOrtModel: options.worker must be true, false or 'auto', received "yes"/,
    );
  });
});

describe('ort worker: caches it keeps and caches it is sent', () => {
  it(`a cache from the last run travels as a reference, an older one (past WORKER_KEEPS_RUNS) as data: same logits`, async () => {
    const model = models.worker!;
    const ref = models.inProcess!;
    const first = await model.forward([[3, 17, 42]], null);
    const firstRef = await ref.forward([[3, 17, 42]], null);
    // the next step feeds the worker's own tensors (no data in the message) ...
    const next = await model.forward([[8]], first.present);
    expect(maxDiff(next.logits, (await ref.forward([[8]], firstRef.present)).logits)).toBe(0);
    // ... and after more runs than the worker keeps, the same cache is sent as data
    for (let i = 0; i <= WORKER_KEEPS_RUNS; i++) await model.forward([[i]], null);
    const late = await model.forward([[8]], first.present);
    expect(maxDiff(late.logits, next.logits)).toBe(0);
    expect(maxDiff(late.present.key[1]!, next.present.key[1]!)).toBe(0);
    // a reordered (new) cache is data too
    const two = await model.forward(
      [
        [3, 17, 42],
        [5, 5, 23],
      ],
      null,
    );
    const swapped = await model.forward([[8], [8]], model.reorderCache(two.present, [1, 0]));
    const swappedRef = await ref.forward(
      [[8], [8]],
      ref.reorderCache(
        (
          await ref.forward(
            [
              [3, 17, 42],
              [5, 5, 23],
            ],
            null,
          )
        ).present,
        [1, 0],
      ),
    );
    expect(maxDiff(swapped.logits, swappedRef.logits)).toBe(0);
  });
});

describe.each(['worker', 'inProcess'])('ort backend (%s) vs ts backend', (mode) => {
  const prompt = [
    [3, 17, 42, 8, 99, 0, 61],
    [5, 5, 23, 77, 1, 2, 90],
  ];

  it('same logits without cache (every position) and the same present cache', async () => {
    const model = models[mode]!;
    expect(model.provider).toMatch(/^ort:/);
    const a = await ts.forward(prompt, null, { allLogits: true });
    const b = await model.forward(prompt, null, { allLogits: true });
    expect(maxDiff(a.allLogits!, b.allLogits!)).toBeLessThan(TOL);
    expect(maxDiff(a.logits, b.logits)).toBeLessThan(TOL);
    expect(b.present.seqLength).toBe(7);
    for (let l = 0; l < 2; l++) {
      expect(maxDiff(a.present.key[l]!, b.present.key[l]!)).toBeLessThan(TOL);
      expect(maxDiff(a.present.value[l]!, b.present.value[l]!)).toBeLessThan(TOL);
    }
  });

  it('same logits with the cache, one and several tokens at a time, and == a full re-run', async () => {
    const model = models[mode]!;
    let pa: KVCache | null = null;
    let pb: KVCache | null = null;
    for (const chunk of [
      [
        [3, 17, 42],
        [5, 5, 23],
      ],
      [[8], [77]],
      [
        [99, 0],
        [1, 2],
      ],
      [[61], [90]],
    ]) {
      const a = await ts.forward(chunk, pa);
      const b = await model.forward(chunk, pb);
      expect(maxDiff(a.logits, b.logits)).toBeLessThan(TOL);
      pa = a.present;
      pb = b.present;
    }
    const full = await model.forward(prompt, null);
    const step = await model.forward(
      [[61], [90]],
      (
        await model.forward(
          prompt.map((r) => r.slice(0, 6)),
          null,
        )
      ).present,
    );
    expect(maxDiff(full.logits, step.logits)).toBeLessThan(TOL);
    // the cache passed in is not modified and can be branched from
    const again = await model.forward(
      [[61], [90]],
      (
        await model.forward(
          prompt.map((r) => r.slice(0, 6)),
          null,
        )
      ).present,
    );
    expect(maxDiff(step.logits, again.logits)).toBe(0);
  });

  it('a cache from the ts backend feeds the ort backend and vice versa', async () => {
    const model = models[mode]!;
    const a = await ts.forward([[4, 8, 15]], null);
    const b = await model.forward([[4, 8, 15]], null);
    const viaTs = await model.forward([[16]], a.present);
    const viaOrt = await ts.forward([[16]], b.present);
    expect(maxDiff(viaTs.logits, viaOrt.logits)).toBeLessThan(TOL);
  });

  it('greedy decoding gives the same tokens; beam search the same beams', async () => {
    const model = models[mode]!;
    const cfg = { strategy: 'greedy' as const, maxNewTokens: 20, eosTokenId: null };
    const g1 = await generate(ts, [3, 17, 42], cfg);
    const g2 = await generate(model, [3, 17, 42], cfg);
    expect(g2.tokens).toEqual(g1.tokens);
    expect(g2.tokens.length).toBe(20);
    expect(Math.abs(g2.logProb - g1.logProb)).toBeLessThan(1e-3);
    const b1 = await generate(ts, [3, 17, 42], {
      strategy: 'beam',
      numBeams: 4,
      maxNewTokens: 6,
      eosTokenId: null,
    });
    const b2 = await generate(model, [3, 17, 42], {
      strategy: 'beam',
      numBeams: 4,
      maxNewTokens: 6,
      eosTokenId: null,
    });
    expect(b2.tokens).toEqual(b1.tokens);
  });

  it('reorderCache gathers rows (1 prompt row → beams)', async () => {
    const model = models[mode]!;
    const { present } = await model.forward(
      [
        [1, 2],
        [3, 4],
      ],
      null,
    );
    const r = model.reorderCache(present, [1, 1, 0]);
    expect(r.batch).toBe(3);
    const row = 2 * 2 * 8;
    expect(Array.from(r.key[0]!.subarray(0, row))).toEqual(
      Array.from(present.key[0]!.subarray(row, 2 * row)),
    );
    expect(Array.from(r.value[1]!.subarray(2 * row, 3 * row))).toEqual(
      Array.from(present.value[1]!.subarray(0, row)),
    );
    const next = await model.forward([[5], [5], [5]], r);
    const ref = await ts.forward(
      [[5], [5], [5]],
      ts.reorderCache(
        (
          await ts.forward(
            [
              [1, 2],
              [3, 4],
            ],
            null,
          )
        ).present,
        [1, 1, 0],
      ),
    );
    expect(maxDiff(next.logits, ref.logits)).toBeLessThan(TOL);
  });

  it('rejects bad input like the contract says', async () => {
    const model = models[mode]!;
    await expect(model.forward([[100]], null)).rejects.toThrow(/inputIds\[0\]\[0\] = 100 is not a token id/);
    const { present } = await model.forward([[1, 2]], null);
    await expect(model.forward([[1], [2]], present)).rejects.toThrow(
      /past has batch 1 but inputIds has 2 rows/,
    );
    await expect(model.forward([Array.from({ length: 31 }, () => 1)], present)).rejects.toThrow(
      /2 cached \+ 31 new tokens = 33 positions, the model's context is 32/,
    );
  });
});

describe('execution providers', () => {
  it("falls back in the caller's order and says why each provider was skipped", async () => {
    const messages: string[] = [];
    const model = await loadOrtModel(out, {
      providers: ['cuda', 'tensorrt', 'webgpu', 'cpu'],
      onFallback: (m) => messages.push(m),
    });
    const usable = ['cuda', 'tensorrt', 'webgpu'].filter((p) => providerStatus(p).usable);
    const skipped = model.providerReport.skipped.map((s) => s.provider);
    // every provider this machine cannot run is skipped with detectProviders' reason
    for (const p of ['cuda', 'tensorrt', 'webgpu'].filter((q) => !usable.includes(q))) {
      if (
        usable.length > 0 &&
        ['cuda', 'tensorrt', 'webgpu'].indexOf(p) > ['cuda', 'tensorrt', 'webgpu'].indexOf(usable[0]!)
      )
        continue;
      expect(skipped).toContain(p);
      expect(model.providerReport.skipped.find((s) => s.provider === p)!.reason).toBe(
        providerStatus(p).reason,
      );
    }
    expect(model.provider).toBe(`ort:${model.providerReport.provider}`);
    if (skipped.length > 0) {
      expect(messages).toHaveLength(1);
      expect(messages[0]).toBe(model.providerReport.message);
      expect(messages[0]).toMatch(
        new RegExp(`^running on ${model.providerReport.provider} \\(skipped ${skipped[0]}: `),
      );
    }
    const { logits } = await model.forward([[1, 2, 3]], null);
    expect(maxDiff(logits, (await ts.forward([[1, 2, 3]], null)).logits)).toBeLessThan(TOL);
    await model.dispose();
  });

  it('fails with every reason when no provider can run', async () => {
    await expect(loadOrtModel(out, { providers: ['nope', 'wasm'] })).rejects.toThrow(
      /no execution provider could run .*model\.onnx: nope: unknown execution provider "nope"; expected one of cuda, tensorrt, webgpu, cpu, wasm; wasm: wasm is onnxruntime-web's provider/,
    );
    await expect(loadOrtModel(out, { providers: [] })).rejects.toThrow(ValueError);
  });
});

describe('contract validation at load', () => {
  function writeModel(name: string, build: (g: GraphBuilder) => void): string {
    const dir = join(out, name);
    mkdirSync(join(dir, 'onnx'), { recursive: true });
    const g = new GraphBuilder(name);
    build(g);
    writeFileSync(join(dir, 'onnx', 'model.onnx'), g.encode({ opset: 17 }));
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        model_type: 'gpt2',
        vocab_size: 10,
        n_positions: 8,
        n_embd: 4,
        n_layer: 1,
        n_head: 2,
      }),
    );
    return dir;
  }

  it('names missing outputs, wrong types and wrong head sizes', async () => {
    const dir = writeModel('bad', (g) => {
      g.input('input_ids', DataType.INT64, ['batch_size', 'sequence_length']);
      g.input('attention_mask', DataType.INT64, ['batch_size', 'total']);
      const k = g.input('past_key_values.0.key', DataType.FLOAT, ['batch_size', 3, 'past', 2]);
      const v = g.input('past_key_values.0.value', DataType.INT32, ['batch_size', 2, 'past', 2]);
      g.output(g.op1('Identity', [k]), 'present.0.key', DataType.FLOAT, ['batch_size', 3, 'total', 2]);
      g.output(g.op1('Identity', [v]), 'present.0.value', DataType.INT32, ['batch_size', 2, 'total', 2]);
    });
    const err = await loadOrtModel(dir, { worker: false }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(ValueError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/model\.onnx does not match the decoder-with-past contract/);
    expect(msg).toContain('output "logits" is missing');
    expect(msg).toContain(
      'input "past_key_values.0.key" has size 3 on axis 1 (shape ["batch_size", 3, "past", 2]); expected 2 from config.json',
    );
    expect(msg).toContain('input "past_key_values.0.value" has type int32; expected float32');
  });

  it('names missing files and extra inputs', async () => {
    await expect(loadOrtModel(join(out, 'missing'))).rejects.toThrow(
      /missing does not exist; expected an ONNX file or a model directory/,
    );
    const dir = writeModel('extra', (g) => {
      g.input('input_ids', DataType.INT64, ['b', 's']);
      g.input('token_type_ids', DataType.INT64, ['b', 's']);
      g.output(g.op1('Identity', ['input_ids']), 'logits', DataType.INT64, ['b', 's']);
    });
    await expect(loadOrtModel(dir, { worker: false })).rejects.toThrow(
      /input "token_type_ids" is not part of the contract/,
    );
    rmSync(join(dir, 'config.json'));
    await expect(loadOrtModel(dir)).rejects.toThrow(
      /extra\/config\.json is missing; expected the model's Hugging Face config\.json/,
    );
    writeFileSync(join(dir, 'config.json'), '{"model_type": "gpt2", ');
    await expect(loadOrtModel(dir)).rejects.toThrow(/extra\/config\.json is not valid JSON/);
  });

  it('names a malformed ONNX file', async () => {
    const dir = writeModel('garbage', () => {});
    writeFileSync(join(dir, 'onnx', 'model.onnx'), 'this is not a protobuf');
    const err = await loadOrtModel(dir, { onFallback: () => {} }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(ValueError);
    expect((err as Error).message).toMatch(
      /^loadOrtModel: no execution provider could run .*garbage\/onnx\/model\.onnx: cpu: the session failed to start: /,
    );
  });
});
