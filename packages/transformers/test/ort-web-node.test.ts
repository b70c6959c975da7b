// The onnxruntime-web backend (`loadOrtWebModel`) in Node, where onnxruntime-web runs its wasm build:
// `webgpu` is skipped with the reason (no navigator.gpu), the model runs on wasm, and its logits
// equal the ts backend's to 1e-4 with and without the cache (tiny PyTorch-made GPT-2 of
// tests/fixtures, exported with exportGpt2Onnx). The browser runs are in browser.test.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValueError } from '@gradkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { exportGpt2Onnx, generate, type KVCache, loadGpt2, loadOrtWebModel } from '../src/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const TINY = join(here, '..', '..', '..', 'tests', 'fixtures', 'tiny-gpt2');
const out = mkdtempSync(join(tmpdir(), 'gradkit-ortweb-node-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('loadOrtWebModel in Node (onnxruntime-web wasm)', () => {
  it('skips webgpu with the reason, runs on wasm with the ts logits (1e-4) with and without the cache', async () => {
    exportGpt2Onnx(TINY, join(out, 'tiny'));
    const bytes = new Uint8Array(readFileSync(join(out, 'tiny', 'onnx', 'model.onnx')));
    const config = readFileSync(join(TINY, 'config.json'), 'utf8');
    const fallbacks: string[] = [];
    const model = await loadOrtWebModel(
      { model: bytes, config, name: 'tiny.onnx' },
      { onFallback: (m) => fallbacks.push(m) },
    );
    const ts = loadGpt2(TINY);
    try {
      expect(model.provider).toBe('ort-web:wasm');
      expect(model.providerReport.skipped.map((s) => s.provider)).toEqual(['webgpu']);
      expect(model.providerReport.skipped[0]!.reason).toMatch(/^navigator\.gpu is undefined/);
      expect(fallbacks).toEqual([model.providerReport.message]);
      const prompt = [5, 17, 42, 8];
      const a = await model.forward([prompt, [1, 2, 3, 4]], null, { allLogits: true });
      const b = await ts.forward([prompt, [1, 2, 3, 4]], null, { allLogits: true });
      expect(maxDiff(a.allLogits!, b.allLogits!)).toBeLessThan(1e-4);
      let pa: KVCache | null = null;
      let pb: KVCache | null = null;
      for (const t of [...prompt, 11, 29]) {
        const ra = await model.forward([[t]], pa);
        const rb = await ts.forward([[t]], pb);
        expect(maxDiff(ra.logits, rb.logits)).toBeLessThan(1e-4);
        pa = ra.present;
        pb = rb.present;
      }
      const greedy = { strategy: 'greedy' as const, maxNewTokens: 8, eosTokenId: null };
      expect((await generate(model, prompt, greedy)).tokens).toEqual(
        (await generate(ts, prompt, greedy)).tokens,
      );
    } finally {
      await model.dispose();
    }
  });

  it('errors name the file, the config and the providers', async () => {
    const config = {
      model_type: 'gpt2',
      vocab_size: 100,
      n_positions: 32,
      n_embd: 16,
      n_layer: 2,
      n_head: 2,
    };
    await expect(
      loadOrtWebModel(
        { model: new Uint8Array([1, 2, 3]), config, name: 'junk.onnx' },
        { providers: ['wasm'] },
      ),
    ).rejects.toThrow(
      /^loadOrtWebModel: no execution provider could run junk\.onnx: wasm: the session failed to start: /,
    );
    await expect(
      loadOrtWebModel({ model: new Uint8Array(0), config: '{"vocab_size": ', name: 'm.onnx' }),
    ).rejects.toThrow(/m\.onnx config is not valid JSON/);
    await expect(
      loadOrtWebModel({ model: new Uint8Array(0), config, name: 'm.onnx' }, { providers: [] }),
    ).rejects.toThrow(ValueError);
    await expect(loadOrtWebModel(42 as never)).rejects.toThrow(
      /source must be a model folder URL or \{ model, config \}, received 42/,
    );
  });
});
