/**
 * ONNX export: the file layout, the encoded protobuf (decoded back with the same schema), and the
 * exported graph run by onnxruntime-node against PyTorch's logits for the tiny random GPT-2
 * (tests/fixtures/gen_gpt2.py → gpt2_tiny.json, tolerance 1e-4 in float32).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValueError } from '@gradkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { exportGpt2Onnx, gpt2ToOnnx, loadGpt2, loadOrtModel, onnxType } from '../src/node.js';

const FIXTURES = join(__dirname, '..', '..', '..', 'tests', 'fixtures');
const CKPT = join(FIXTURES, 'tiny-gpt2');
const golden = JSON.parse(readFileSync(join(FIXTURES, 'gpt2_tiny.json'), 'utf8')) as {
  tolerance: number;
  input_ids: number[][];
  logits: number[][][];
  full_context_ids: number[];
  full_context_last_logits: number[];
};
const out = mkdtempSync(join(tmpdir(), 'gradkit-onnx-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('exportGpt2Onnx', () => {
  const result = exportGpt2Onnx(CKPT, out);

  it('writes onnx/model.onnx, config.json and generation_config.json', () => {
    expect(result.onnxPath).toBe(join(out, 'onnx', 'model.onnx'));
    for (const f of ['onnx/model.onnx', 'config.json', 'generation_config.json'])
      expect(existsSync(join(out, f))).toBe(true);
    const cfg = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(cfg.model_type).toBe('gpt2');
    expect(cfg.use_cache).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'generation_config.json'), 'utf8'))).toEqual({
      bos_token_id: 99,
      eos_token_id: 99,
    });
  });

  it('writes the decoder last, so its presence marks a complete export (a cache killed part-way is redone)', () => {
    expect(result.files.at(-1)).toBe(result.onnxPath);
    const onnxTime = statSync(result.onnxPath).mtimeMs;
    for (const f of result.files) expect(statSync(f).mtimeMs).toBeLessThanOrEqual(onnxTime);
  });

  it('encodes an ONNX ModelProto with the Optimum decoder-with-past signature', () => {
    const Model = onnxType('ModelProto');
    const m = Model.toObject(Model.decode(readFileSync(result.onnxPath)), { longs: Number }) as {
      irVersion: number;
      opsetImport: { domain?: string; version: number }[];
      graph: {
        input: {
          name: string;
          type: {
            tensorType: { elemType: number; shape: { dim: { dimValue?: number; dimParam?: string }[] } };
          };
        }[];
        output: { name: string }[];
        initializer: { name: string; dims: number[]; rawData?: Uint8Array }[];
        node: { opType: string }[];
      };
    };
    expect(m.irVersion).toBe(8);
    expect(m.opsetImport[0]!.version).toBe(17);
    const inputs = m.graph.input.map((v) => v.name);
    expect(inputs).toEqual([
      'input_ids',
      'attention_mask',
      'position_ids',
      'past_key_values.0.key',
      'past_key_values.0.value',
      'past_key_values.1.key',
      'past_key_values.1.value',
    ]);
    expect(m.graph.output.map((v) => v.name).sort()).toEqual([
      'logits',
      'present.0.key',
      'present.0.value',
      'present.1.key',
      'present.1.value',
    ]);
    const past = m.graph.input[3]!.type.tensorType;
    expect(past.elemType).toBe(1); // FLOAT
    expect(past.shape.dim.map((d) => d.dimValue ?? d.dimParam)).toEqual([
      'batch_size',
      2,
      'past_sequence_length',
      8,
    ]);
    expect(m.graph.input[0]!.type.tensorType.elemType).toBe(7); // INT64
    // weights as initializers: wte [100, 16] raw float32, equal to the checkpoint's
    const wte = m.graph.initializer.find((t) => t.name === 'wte.weight')!;
    expect(wte.dims).toEqual([100, 16]);
    const model = loadGpt2(CKPT);
    const raw = wte.rawData!;
    expect(
      Array.from(new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength))),
    ).toEqual(Array.from(model.weights.wte));
    const ops = new Set(m.graph.node.map((n) => n.opType));
    for (const op of [
      'Gather',
      'LayerNormalization',
      'MatMul',
      'Split',
      'Reshape',
      'Transpose',
      'Concat',
      'Softmax',
      'Tanh',
      'Where',
      'Range',
    ])
      expect(ops.has(op), op).toBe(true);
  });

  it('runs in onnxruntime-node with PyTorch logits (tolerance 1e-4)', async () => {
    const model = await loadOrtModel(out, { providers: ['cpu'] });
    const { allLogits } = await model.forward(golden.input_ids, null, { allLogits: true });
    const expected = golden.logits.flat(2);
    expect(allLogits!.length).toBe(expected.length);
    let worst = 0;
    expected.forEach((v, i) => (worst = Math.max(worst, Math.abs(allLogits![i]! - v))));
    expect(worst).toBeLessThan(golden.tolerance);
    // the whole 32-token context (n_positions) fed token by token through the cache
    let past = null;
    let logits: Float32Array = new Float32Array(0);
    for (const id of golden.full_context_ids) ({ logits, present: past } = await model.forward([[id]], past));
    golden.full_context_last_logits.forEach((v, i) =>
      expect(Math.abs(logits[i]! - v)).toBeLessThan(golden.tolerance),
    );
    await model.dispose();
  });

  it('decomposes LayerNormalization for opset < 17 with the same logits', async () => {
    const dir16 = join(out, 'opset16');
    exportGpt2Onnx(CKPT, dir16, { opset: 16 });
    const model = await loadOrtModel(dir16);
    const { allLogits } = await model.forward(golden.input_ids, null, { allLogits: true });
    golden.logits
      .flat(2)
      .forEach((v, i) => expect(Math.abs(allLogits![i]! - v)).toBeLessThan(golden.tolerance));
    await model.dispose();
  });

  it('rejects missing checkpoints and bad opsets with the file or option named', () => {
    expect(() => exportGpt2Onnx(join(out, 'nope'), join(out, 'x'))).toThrow(/nope\/config\.json is missing/);
    const model = loadGpt2(CKPT);
    expect(() => gpt2ToOnnx(model.config, model.weights, { opset: 9 })).toThrow(ValueError);
    expect(() => gpt2ToOnnx(model.config, model.weights, { opset: 9 })).toThrow(
      /options\.opset must be an integer in \[14, 21\], received 9/,
    );
  });
});
