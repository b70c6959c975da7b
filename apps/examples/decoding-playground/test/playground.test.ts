import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuiltApp, hasChromium, openBuiltApp } from '@gradkit/tests/browser';
import { STRATEGIES } from '@gradkit/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, DEFAULT_KNOBS, Gpt2Tokenizer, loadModel } from '../src/playground.js';

const here = dirname(fileURLToPath(import.meta.url));
const app = resolve(here, '..');
const repo = resolve(app, '../../..');
const fixture = JSON.parse(
  readFileSync(join(repo, 'tests', 'fixtures', 'tiny_gpt2_shakespeare.json'), 'utf8'),
) as {
  prompt: number[];
  greedy_tokens: number[];
  greedy_logprob: number;
};
const modelDir = join(
  dirname(createRequire(join(app, 'package.json')).resolve('@gradkit/transformers/package.json')),
  'models',
  'tiny-gpt2-shakespeare',
);
const model = loadModel(
  readFileSync(join(modelDir, 'config.json'), 'utf8'),
  new Uint8Array(readFileSync(join(modelDir, 'model.safetensors'))),
);
const tokenizer = new Gpt2Tokenizer();
const PROMPT = 'Shall I compare thee';
/** The six strategies with the page's defaults, decoded once in Node (the browser must agree). */
let sixRows: ReturnType<typeof compare> | null = null;
function allSix(): ReturnType<typeof compare> {
  if (!sixRows) sixRows = compare(model, tokenizer, PROMPT, STRATEGIES);
  return sixRows;
}

describe('playground logic', () => {
  it('the tokenizer (the package’s lite Gpt2Tokenizer) gives GPT-2’s ids (the notebook’s example) and round-trips text', () => {
    expect(tokenizer.encode('The best thing about Bath is')).toEqual([464, 1266, 1517, 546, 24967, 318]);
    expect(tokenizer.encode(PROMPT)).toEqual(fixture.prompt);
    for (const text of [
      'To be, or not to be: that is the question.',
      'naïve café — ünïcode',
      '  spaces\n\tand tabs',
    ])
      expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
    // <|endoftext|> in the text is GPT-2's id 50256, skipped when decoding (skip_special_tokens=True)
    expect(tokenizer.encode('x<|endoftext|>')).toEqual([...tokenizer.encode('x'), 50256]);
    expect(tokenizer.decode([...fixture.prompt, 50256])).toBe(PROMPT);
  });

  it('greedy decoding reproduces PyTorch’s 20-token continuation and its log-probability', async () => {
    const [row] = await compare(model, tokenizer, PROMPT, ['greedy'], { ...DEFAULT_KNOBS, maxNewTokens: 20 });
    expect(row!.tokens).toEqual(fixture.greedy_tokens);
    expect(Math.abs(row!.logProb - fixture.greedy_logprob)).toBeLessThan(1e-3);
    expect(row!.text).toBe(PROMPT + row!.continuation);
    expect(row!.continuation.startsWith(" to a summer's day?")).toBe(true);
  });

  it('compares all six strategies with the notebook’s defaults', async () => {
    const rows = await allSix();
    expect(rows.map((r) => r.strategy)).toEqual(['greedy', 'sample', 'top-k', 'top-p', 'kth', 'beam']);
    for (const r of rows) {
      expect(r.tokens).toHaveLength(10);
      expect(r.logProb).toBeLessThanOrEqual(0);
      expect(r.perplexity).toBeCloseTo(Math.exp(-r.logProb / 10), 10);
    }
    expect(rows[0]!.tokens).toEqual(fixture.greedy_tokens.slice(0, 10));
    // k-th token with k = 1 never takes the argmax; with k = 0 it is greedy
    expect(rows[4]!.tokens[0]).not.toBe(fixture.greedy_tokens[0]);
    const [kth0] = await compare(model, tokenizer, PROMPT, ['kth'], { ...DEFAULT_KNOBS, kth: 0 });
    expect(kth0!.tokens).toEqual(rows[0]!.tokens);
    // sampling is reproducible from its seed
    const [again] = await compare(model, tokenizer, PROMPT, ['sample']);
    expect(again!.tokens).toEqual(rows[1]!.tokens);
    await expect(compare(model, tokenizer, '', ['greedy'])).rejects.toThrow(/prompt is empty/);
  });
});

(hasChromium ? describe : describe.skip)('decoding-playground page in headless Chromium', () => {
  let site: BuiltApp;

  beforeAll(async () => {
    site = await openBuiltApp(app, 'gradkit-playground-');
  }, 60_000);

  afterAll(() => site?.close());

  it('bundles under 1 MiB and ships the model files', () => {
    expect(statSync(join(site.out, 'playground.js')).size).toBeLessThan(1 << 20);
    expect(statSync(join(site.out, 'model', 'model.safetensors')).size).toBe(
      statSync(join(modelDir, 'model.safetensors')).size,
    );
  });

  it('loads the model in the browser and decodes like Node', async () => {
    const { page, errors } = await site.open({ width: 1200, height: 900 });
    await page.waitForSelector('body[data-model="ready"]', { timeout: 30_000 });
    expect(await page.locator('input[name=strategy]').count()).toBe(6);
    await page.click('#decode');
    await page.waitForSelector('body[data-runs="1"]', { timeout: 30_000 });
    const rows = await page.$$eval('#results tbody tr', (trs) =>
      trs.map((tr) => ({
        strategy: tr.getAttribute('data-strategy'),
        tokens: tr.querySelector('.tokens')!.textContent!.split(' ').map(Number),
        text: tr.querySelector('.text')!.textContent,
      })),
    );
    expect(rows.map((r) => r.strategy)).toEqual([...STRATEGIES]);
    const node = await allSix();
    rows.forEach((r, i) => {
      expect(r.tokens, r.strategy!).toEqual(node[i]!.tokens);
      expect(r.text).toBe(node[i]!.text);
    });
    expect(rows[0]!.tokens).toEqual(fixture.greedy_tokens.slice(0, 10));

    // drive the controls: only top-k, k = 3, seed 7, 15 tokens
    for (const s of STRATEGIES) if (s !== 'top-k') await page.uncheck(`input[name=strategy][value="${s}"]`);
    await page.fill('#topK', '3');
    await page.fill('#seed', '7');
    await page.fill('#maxNewTokens', '15');
    await page.click('#decode');
    await page.waitForSelector('body[data-runs="2"]', { timeout: 30_000 });
    const topk = await page.$$eval('#results tbody tr', (trs) =>
      trs.map((tr) => tr.querySelector('.tokens')!.textContent!.split(' ').map(Number)),
    );
    const [expected] = await compare(model, tokenizer, PROMPT, ['top-k'], {
      ...DEFAULT_KNOBS,
      topK: 3,
      seed: 7,
      maxNewTokens: 15,
    });
    expect(topk).toEqual([expected!.tokens]);
    expect(errors).toEqual([]);
    const shots = join(repo, '.artifacts', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'example-decoding-playground.png') });
    await page.close();
  });
});
