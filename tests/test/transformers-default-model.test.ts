// The offline default model of @gradkit/transformers (packages/transformers/models/tiny-gpt2-shakespeare,
// made by packages/transformers/scripts/train_default_model.py) against the PyTorch forward of the same
// float16 weights (tests/fixtures/tiny_gpt2_shakespeare.json, written by that script): first-step
// logits to 1e-4 and the 20-token greedy continuation.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generate, loadDefaultModel } from '@gradkit/transformers/node';
import { describe, expect, it } from 'vitest';

const ref = JSON.parse(
  readFileSync(new URL('../fixtures/tiny_gpt2_shakespeare.json', import.meta.url), 'utf8'),
) as {
  tolerance: number;
  prompt: number[];
  first_logits: number[];
  greedy_tokens: number[];
  greedy_logprob: number;
};

describe('offline default model (tiny GPT-2 on Shakespeare)', () => {
  const { model, tokenizer, dir } = loadDefaultModel();
  it('is a GPT-2 checkpoint under 10 MB with the GPT-2 vocabulary', () => {
    expect(model.config).toMatchObject({ vocabSize: 50257, numLayers: 2, hiddenSize: 64 });
    expect(statSync(join(dir, 'model.safetensors')).size).toBeLessThan(10 * 1024 * 1024);
    expect(tokenizer.encode('Shall I compare thee')).toEqual(ref.prompt);
  });
  it('logits equal the PyTorch forward of the same weights', async () => {
    const { logits } = await model.forward([ref.prompt], null);
    let m = 0;
    for (let i = 0; i < ref.first_logits.length; i++)
      m = Math.max(m, Math.abs(logits[i]! - ref.first_logits[i]!));
    expect(m).toBeLessThan(ref.tolerance);
  });
  it("greedy decoding gives PyTorch's continuation, in words", async () => {
    const r = await generate(
      model,
      ref.prompt,
      { strategy: 'greedy', maxNewTokens: 20, eosTokenId: null },
      tokenizer,
    );
    expect(r.tokens).toEqual(ref.greedy_tokens);
    expect(r.logProb).toBeCloseTo(ref.greedy_logprob, 3);
    expect(r.text!.startsWith('Shall I compare thee')).toBe(true);
    expect(r.text!.slice(20)).toMatch(/[a-z]{3,}/);
  });
  it('the log-probabilities put off (this thread, no onToken) are those taken per step, bit for bit', async () => {
    expect(model.forwardOnThisThread).toBe(true);
    const perStep = Object.create(model, { forwardOnThisThread: { value: false } }) as typeof model;
    const config = { strategy: 'greedy' as const, maxNewTokens: 45, eosTokenId: null };
    const a = await generate(model, ref.prompt, config);
    const b = await generate(perStep, ref.prompt, config);
    expect(a.tokens).toEqual(b.tokens);
    expect(a.logProb).toBe(b.logProb);
    expect(a.tokens.slice(0, 20)).toEqual(ref.greedy_tokens);
  });
});
