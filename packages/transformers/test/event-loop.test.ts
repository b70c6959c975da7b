// Decoding on a backend that runs on this thread (the TypeScript GPT-2) lets the event loop run:
// each `forward` resolves at once, so without the decoding loop's yields a whole `generate` is one
// task and no timer fires until it ends. Here a 1 ms interval must fire during the decode, and no
// gap between its ticks may exceed what a few decoding steps take.
import { describe, expect, it } from 'vitest';
import { DECODE_YIELD_MS, generate } from '../src/index.js';
import { loadDefaultModel } from '../src/node.js';

const { model, tokenizer } = loadDefaultModel();
const prompt = tokenizer.encode('Shall I compare thee to a summer');
// one step can take long the first time (compilation, the LM head copied into the kernels' memory):
// warm up, so the gaps measured are the decoding loop's
await generate(model, prompt, { maxNewTokens: 2 });

describe('generate on the ts backend', () => {
  for (const strategy of ['greedy', 'beam'] as const)
    it(`${strategy}: timers fire while it decodes`, async () => {
      let ticks = 0;
      let last = performance.now();
      let longest = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        ticks++;
      }, 1);
      const start = performance.now();
      const r = await generate(model, prompt, {
        strategy,
        maxNewTokens: 60,
        ...(strategy === 'beam' ? { numBeams: 3 } : {}),
      });
      const took = performance.now() - start;
      clearInterval(timer);
      expect(r.tokens.length).toBe(60);
      // a decode of 60 tokens takes far longer than one yield interval
      expect(took).toBeGreaterThan(4 * DECODE_YIELD_MS);
      expect(ticks).toBeGreaterThan(2);
      // a yield at least every DECODE_YIELD_MS, plus the step that crossed it (loose: loaded CI)
      expect(longest).toBeLessThan(Math.max(100, took / 3));
    });
});
