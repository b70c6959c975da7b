// Decoding strategies of @gradkit/transformers against numpy (tests/fixtures/transformers_decoding.json,
// written by tests/fixtures/gen_transformers_decoding.py): the notebook's top-k and nucleus rules,
// Hugging Face's top-p rule, and np.random.choice(len(p), 1, replace=False, p=p) draws after
// np.random.seed(seed). Probabilities to 1e-12; draws exactly. Beam search is checked against the
// notebook's algorithm on the tiny PyTorch-made GPT-2 (tests/fixtures/tiny-gpt2) and against greedy on
// a lookup-table model whose best sequence is known by construction.
import { readFileSync } from 'node:fs';
import { RandomState } from '@gradkit/core';
import {
  beamSearch,
  beamSearchNotebook,
  type CausalLM,
  fromHfGenerationConfig,
  generate,
  type KVCache,
  LATER_LOG_PROBS_BYTES,
  loadGpt2,
  NoRepeatNGramProcessor,
  NucleusNotebookWarper,
  RepetitionPenaltyProcessor,
  reorderKVCache,
  type StreamEvent,
  softmaxRow,
  type Tokenizer,
  TopKWarper,
  TopPWarper,
} from '@gradkit/transformers/node';
import { describe, expect, it } from 'vitest';

interface Case {
  rule: string;
  k?: number;
  p?: number;
  choosing_from?: number;
  probs: number[];
  draws: Record<string, number[]>;
}
const fx = JSON.parse(
  readFileSync(new URL('../fixtures/transformers_decoding.json', import.meta.url), 'utf8'),
) as {
  logits: number[];
  cases: Case[];
  float32_probs: number[];
  float32_draws: number[];
  temperature: { t: number; draws: number[] };
};

/** A CausalLM whose next-token logits depend only on the last token (a lookup table). */
class TableLM implements CausalLM {
  readonly provider = 'table';
  readonly config;
  forwardCalls = 0;
  forwardOnThisThread?: boolean;
  constructor(
    readonly table: (last: number) => ArrayLike<number>,
    readonly vocabSize: number,
    readonly maxPositions = 64,
  ) {
    this.config = {
      modelType: 'table',
      vocabSize,
      maxPositions,
      hiddenSize: 1,
      numLayers: 1,
      numHeads: 1,
      eosTokenId: null,
      bosTokenId: null,
    };
  }
  async forward(inputIds: readonly (readonly number[])[], past: KVCache | null) {
    this.forwardCalls++;
    const B = inputIds.length;
    const T = inputIds[0]!.length;
    const S = (past?.seqLength ?? 0) + T;
    const logits = new Float32Array(B * this.vocabSize);
    inputIds.forEach((row, b) =>
      logits.set(Float32Array.from(this.table(row[row.length - 1]!)), b * this.vocabSize),
    );
    const kv = [new Float32Array(B * S)];
    return { logits, present: { batch: B, numHeads: 1, headDim: 1, seqLength: S, key: kv, value: kv } };
  }
  reorderCache(cache: KVCache, idx: readonly number[]) {
    return reorderKVCache(cache, idx);
  }
  dispose() {}
}

const constant = new TableLM(() => fx.logits, 1000);
const close = (a: ArrayLike<number>, b: number[]) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-12);
};

describe('warpers and draws against numpy', () => {
  const p = softmaxRow(Float32Array.from(fx.logits));
  for (const c of fx.cases) {
    it(`${c.rule} ${c.k ?? c.p ?? ''}: probabilities and seeded draws`, () => {
      const q = Float64Array.from(p);
      if (c.rule === 'top-k') new TopKWarper(c.k!).apply(q);
      if (c.rule === 'top-p-notebook') {
        const w = new NucleusNotebookWarper(c.p!);
        w.apply(q);
        expect(w.lastChoosingFrom).toBe(c.choosing_from);
      }
      if (c.rule === 'top-p-hf') new TopPWarper(c.p!).apply(q);
      close(q, c.probs);
      for (const [seed, draws] of Object.entries(c.draws)) {
        const rng = new RandomState(Number(seed));
        expect(draws.map(() => rng.choice(1000, { p: c.probs }))).toEqual(draws);
      }
    });
  }
  it("the notebook's float32 probabilities draw as numpy does", () => {
    const rng = new RandomState(0);
    const p32 = Float32Array.from(fx.float32_probs);
    expect(fx.float32_draws.map(() => rng.choice(1000, { p: p32 }))).toEqual(fx.float32_draws);
  });
});

describe('generate: numpy-identical sampling through the whole pipeline', () => {
  const byRule = (rule: string, v?: number) =>
    fx.cases.find((c) => c.rule === rule && (v === undefined || c.k === v || c.p === v))!;
  const run = async (config: Parameters<typeof generate>[2]) =>
    (await generate(constant, [1, 2, 3], { maxNewTokens: 12, ...config })).tokens;
  it('pure sampling (strategy sample / doSample)', async () => {
    expect(await run({ strategy: 'sample', seed: 42 })).toEqual(byRule('sample').draws['42']);
    expect(await run({ doSample: true, seed: 1 })).toEqual(byRule('sample').draws['1']);
  });
  it('top-k (strategy top-k / doSample + topK)', async () => {
    expect(await run({ strategy: 'top-k', topK: 10, seed: 0 })).toEqual(byRule('top-k').draws['0']);
    expect(await run({ doSample: true, topK: 10, seed: 1 })).toEqual(byRule('top-k').draws['1']);
  });
  it("nucleus with the notebook's rule and Hugging Face's", async () => {
    expect(await run({ strategy: 'top-p', topP: 0.2, seed: 0 })).toEqual(
      byRule('top-p-notebook', 0.2).draws['0'],
    );
    expect(await run({ strategy: 'top-p', topP: 0.6, seed: 42 })).toEqual(
      byRule('top-p-notebook', 0.6).draws['42'],
    );
    expect(await run({ doSample: true, topP: 0.6, seed: 1 })).toEqual(byRule('top-p-hf', 0.6).draws['1']);
    expect(
      await run({ ...fromHfGenerationConfig({ do_sample: true, top_p: 0.2, top_k: 0 }), seed: 0 }),
    ).toEqual(byRule('top-p-hf', 0.2).draws['0']);
  });
  it('temperature', async () => {
    expect(await run({ strategy: 'sample', temperature: fx.temperature.t, seed: 3 })).toEqual(
      fx.temperature.draws,
    );
  });
});

// A 4-token world where greedy is myopic. After token 0: p(1) = 0.5, p(2) = 0.4, p(3) = 0.1;
// after 1: uniform; after 2: p(3) = 0.9. Greedy takes 1 then anything: 0.5 · 0.25 = 0.125;
// the best 2-token continuation is [2, 3]: 0.4 · 0.9 = 0.36.
const probsAfter: Record<number, number[]> = {
  0: [0, 0.5, 0.4, 0.1],
  1: [0.25, 0.25, 0.25, 0.25],
  2: [0.02, 0.04, 0.04, 0.9],
  3: [0.7, 0.1, 0.1, 0.1],
};
const myopic = new TableLM((last) => probsAfter[last]!.map(Math.log), 4);

describe('beam search', () => {
  it('finds a more likely sequence than greedy when greedy is myopic', async () => {
    const greedy = await generate(myopic, [0], { strategy: 'greedy', maxNewTokens: 2 });
    const beam = await generate(myopic, [0], { strategy: 'beam', numBeams: 2, maxNewTokens: 2 });
    expect(greedy.tokens).toEqual([1, 0]);
    expect(beam.tokens).toEqual([2, 3]);
    expect(beam.logProb).toBeCloseTo(Math.log(0.36), 6);
    expect(greedy.logProb).toBeCloseTo(Math.log(0.125), 6);
    expect(beam.logProb).toBeGreaterThan(greedy.logProb);
    expect((await beamSearchNotebook(myopic, [0], { numBeams: 2, maxNewTokens: 2 })).tokens).toEqual([2, 3]);
  });

  const gpt = loadGpt2(new URL('../fixtures/tiny-gpt2/', import.meta.url).pathname);
  const prompt = [5, 17, 42, 8];
  it("batched beams with the KV cache equal the notebook's n_beam² algorithm", async () => {
    const a = await beamSearch(gpt, prompt, { numBeams: 5, maxNewTokens: 8, eosTokenId: null });
    const b = await beamSearchNotebook(gpt, prompt, { numBeams: 5, maxNewTokens: 8, eosTokenId: null });
    expect(a.beams!.map((x) => x.tokens)).toEqual(b.beams!.map((x) => x.tokens));
    a.beams!.forEach((x, i) => expect(x.logProb).toBeCloseTo(b.beams![i]!.logProb, 9));
    expect(a.forwardPasses).toBe(8);
    expect(b.forwardPasses).toBe(5 + 7 * 25);
    const noCache = await beamSearch(gpt, prompt, { numBeams: 5, maxNewTokens: 8, useCache: false });
    expect(noCache.beams!.map((x) => x.tokens)).toEqual(b.beams!.map((x) => x.tokens));
    // beams are sorted by log-probability, and beam 0 beats greedy or ties it
    const lps = a.beams!.map((x) => x.logProb);
    expect([...lps].sort((x, y) => y - x)).toEqual(lps);
    const greedy = await generate(gpt, prompt, { strategy: 'greedy', maxNewTokens: 8 });
    expect(a.logProb).toBeGreaterThanOrEqual(greedy.logProb - 1e-9);
  });
  it('batched == notebook also with a repetition penalty and 3 beams', async () => {
    const cfg = { numBeams: 3, maxNewTokens: 6, repetitionPenalty: 1.5 };
    const a = await beamSearch(gpt, prompt, cfg);
    const b = await beamSearchNotebook(gpt, prompt, cfg);
    expect(a.beams!.map((x) => x.tokens)).toEqual(b.beams!.map((x) => x.tokens));
  });

  it('greedy and k-th token: the cache changes nothing; kth 0 is greedy', async () => {
    const g = await generate(gpt, prompt, { strategy: 'greedy', maxNewTokens: 12 });
    expect(
      (await generate(gpt, prompt, { strategy: 'greedy', maxNewTokens: 12, useCache: false })).tokens,
    ).toEqual(g.tokens);
    expect((await generate(gpt, prompt, { strategy: 'kth', kth: 0, maxNewTokens: 12 })).tokens).toEqual(
      g.tokens,
    );
    expect(g.forwardPasses).toBe(12);
    const k1 = await generate(gpt, prompt, { strategy: 'kth', kth: 1, maxNewTokens: 12 });
    expect(k1.logProb).toBeLessThan(g.logProb);
  });
  it('logProbs: false skips the log-probabilities, not the tokens; the log-prob is the sum of the streamed ones', async () => {
    const events: StreamEvent[] = [];
    const g = await generate(gpt, prompt, {
      strategy: 'greedy',
      maxNewTokens: 12,
      onToken: (e) => events.push(e),
    });
    const lp = events.reduce((a, e) => a + e.logProb, 0);
    expect(Math.abs(lp - g.logProb)).toBeLessThan(1e-12);
    expect(events.every((e) => e.logProb < 0)).toBe(true);
    for (const strategy of ['greedy', 'top-k', 'kth'] as const) {
      const a = await generate(gpt, prompt, { strategy, maxNewTokens: 12, seed: 3 });
      const b = await generate(gpt, prompt, { strategy, maxNewTokens: 12, seed: 3, logProbs: false });
      expect(b.tokens).toEqual(a.tokens);
      expect(b.logProb).toBeNaN();
    }
    await expect(generate(gpt, prompt, { logProbs: 'no' as never })).rejects.toThrow(
      /logProbs must be true or false, received "no"/,
    );
  });
});

describe('logits processors, stopping and streaming', () => {
  it('repetition penalty divides positive and multiplies negative logits of seen tokens (HF)', () => {
    const l = Float64Array.from([2, -1, 0.5]);
    new RepetitionPenaltyProcessor(2).apply(l, [0, 1, 0]);
    expect([...l]).toEqual([1, -2, 0.5]);
  });
  it('no-repeat n-gram bans the tokens that would repeat an n-gram', () => {
    const l = Float64Array.from([0, 0, 0, 0, 0, 0, 0]);
    new NoRepeatNGramProcessor(2).apply(l, [5, 6, 5]);
    expect([...l]).toEqual([0, 0, 0, 0, 0, 0, Number.NEGATIVE_INFINITY]);
    const l3 = Float64Array.from([0, 0, 0, 0]);
    new NoRepeatNGramProcessor(3).apply(l3, [1, 2, 3, 1, 2]);
    expect([...l3]).toEqual([0, 0, 0, Number.NEGATIVE_INFINITY]);
  });
  it('greedy with noRepeatNgramSize never repeats a bigram', async () => {
    // after 3 the table prefers 0, after 0 it prefers 1, after 1 it is uniform (0 first): 0 1 0 1 ...
    const r = await generate(myopic, [3], { strategy: 'greedy', maxNewTokens: 12, noRepeatNgramSize: 2 });
    const seq = r.sequence;
    const grams = seq.slice(1).map((t, i) => `${seq[i]},${t}`);
    expect(new Set(grams).size).toBe(grams.length);
    const plain = await generate(myopic, [3], { strategy: 'greedy', maxNewTokens: 4 });
    expect(plain.tokens).toEqual([0, 1, 0, 1]);
  });
  const letters: Tokenizer = {
    vocabSize: 4,
    eosTokenId: null,
    specialTokenIds: [],
    encode: (s) => [...s].map((ch) => 'abcd'.indexOf(ch)),
    decode: (ids) => ids.map((i) => 'abcd'[i]).join(''),
  };
  it('stop sequences (strings and ids) and eos', async () => {
    // greedy from 3: 0 1 0 1 0 ...
    const s = await generate(
      myopic,
      [3],
      { strategy: 'greedy', maxNewTokens: 10, stopSequences: ['bab'] },
      letters,
    );
    expect(s.tokens).toEqual([0, 1, 0, 1]);
    expect(s.text).toBe('dabab');
    expect(s.stopReason).toBe('stopSequence');
    expect(
      (await generate(myopic, [3], { strategy: 'greedy', maxNewTokens: 10, stopSequences: [[1, 0]] })).tokens,
    ).toEqual([0, 1, 0]);
    const e = await generate(myopic, [3], { strategy: 'greedy', maxNewTokens: 10, eosTokenId: 1 });
    expect([e.tokens, e.stopReason]).toEqual([[0, 1], 'eos']);
  });
  it('streams every token with its text', async () => {
    const events: StreamEvent[] = [];
    const r = await generate(
      myopic,
      [3],
      { strategy: 'greedy', maxNewTokens: 5, onToken: (e) => events.push(e) },
      letters,
    );
    expect(events.map((e) => e.token)).toEqual(r.tokens);
    expect(events.map((e) => e.text).join('')).toBe(letters.decode(r.tokens));
    expect(events.reduce((a, e) => a + e.logProb, 0)).toBeCloseTo(r.logProb, 12);
  });
});

describe('log-probabilities taken later on a model that computes on this thread', () => {
  // 50,257 logits per row, so LATER_LOG_PROBS_BYTES (4 MiB) holds 20 rows: 45 tokens take them in
  // three batches (20, 20, 5). Each token's logits are a fixed pseudo-random row of its own.
  const V = 50257;
  it('the store holds 20 rows of 50,257 logits', () => {
    expect(Math.floor(LATER_LOG_PROBS_BYTES / (4 * V))).toBe(20);
  });
  const rng = new RandomState(11);
  const rows = Array.from({ length: 8 }, () => Float32Array.from(rng.normal(0, 3, [V]).data));
  const tableOf = (last: number) => rows[last % 8]!;
  const model = (onThisThread: boolean | undefined) => {
    const m = new TableLM(tableOf, V, 64);
    m.forwardOnThisThread = onThisThread;
    return m;
  };
  /** Σ log-softmax(row)[token] in float64 (the reference; the float32 log-sum-exp is within ~2e-7 a row). */
  const reference = (prompt: number[], tokens: number[]) => {
    let sum = 0;
    let last = prompt[prompt.length - 1]!;
    for (const t of tokens) {
      const r = tableOf(last);
      let m = -Infinity;
      for (let i = 0; i < V; i++) m = Math.max(m, r[i]!);
      let z = 0;
      for (let i = 0; i < V; i++) z += Math.exp(r[i]! - m);
      sum += r[t]! - (m + Math.log(z));
      last = t;
    }
    return sum;
  };
  it('the same tokens and the same logProb, bit for bit, as per step; onToken still gets each one', async () => {
    const prompt = [3, 5];
    for (const config of [
      { strategy: 'greedy' as const, maxNewTokens: 45 },
      { strategy: 'top-k' as const, topK: 40, seed: 7, maxNewTokens: 45 },
      { strategy: 'greedy' as const, maxNewTokens: 20 },
      { strategy: 'greedy' as const, maxNewTokens: 1 },
    ]) {
      const perStep = await generate(model(undefined), prompt, config);
      const later = await generate(model(true), prompt, config);
      expect(later.tokens).toEqual(perStep.tokens);
      expect(later.logProb).toBe(perStep.logProb);
      expect(Math.abs(later.logProb - reference(prompt, later.tokens))).toBeLessThan(1e-5);
      const events: StreamEvent[] = [];
      const streamed = await generate(model(true), prompt, { ...config, onToken: (e) => events.push(e) });
      expect(streamed.logProb).toBe(perStep.logProb);
      expect(events.map((e) => e.token)).toEqual(perStep.tokens);
      expect(events.every((e) => Number.isFinite(e.logProb))).toBe(true);
    }
    const noLp = await generate(model(true), prompt, { maxNewTokens: 45, logProbs: false });
    expect(noLp.logProb).toBeNaN();
  });
  it('the backends that compute on this thread say so', async () => {
    expect(loadGpt2(new URL('../fixtures/tiny-gpt2/', import.meta.url).pathname).forwardOnThisThread).toBe(
      true,
    );
  });
});

describe('errors name the option', () => {
  const g = (c: Parameters<typeof generate>[2], prompt = [0]) => generate(myopic, prompt, c);
  it('rejects bad values and combinations', async () => {
    await expect(g({ strategy: 'top-k', topK: 0 })).rejects.toThrow(
      /topK \(k\) must be an integer >= 1, received 0/,
    );
    await expect(g({ strategy: 'top-p', topP: 0 })).rejects.toThrow(
      /topP \(p\) must be in \(0, 1\], received 0/,
    );
    await expect(g({ strategy: 'top-p', topP: 1.5 })).rejects.toThrow(/topP \(p\) must be in \(0, 1\]/);
    await expect(g({ strategy: 'beam', numBeams: 0 })).rejects.toThrow(
      /numBeams \(beams\) must be an integer >= 1/,
    );
    await expect(g({ strategy: 'sample', temperature: 0 })).rejects.toThrow(
      /temperature must be a positive number/,
    );
    await expect(g({ strategy: 'greedy', topK: 5 })).rejects.toThrow(
      /topK \(k\) = 5 is set but strategy 'greedy' does not sample/,
    );
    await expect(g({ strategy: 'greedy', numBeams: 3 })).rejects.toThrow(
      /numBeams \(beams\) = 3 needs strategy 'beam'/,
    );
    await expect(g({ strategy: 'kth', kth: 4 })).rejects.toThrow(
      /kth \(k\) = 4 must be below the vocabulary size 4/,
    );
    await expect(g({ maxNewTokens: 10 }, new Array(60).fill(0))).rejects.toThrow(
      /prompt too long for the context: 60 prompt tokens \+ maxNewTokens 10 = 70 > the model's 64 positions/,
    );
    await expect(g({ strategy: 'nucleus' as never })).rejects.toThrow(/strategy must be one of/);
  });
});
