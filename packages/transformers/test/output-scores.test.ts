/**
 * `outputScores` / `outputLogits` (Hugging Face's `generate(output_scores=True, output_logits=True)`):
 * the per-step scores of every strategy on a 5-token bigram model. The expected tokens and kept
 * sets come from numpy, the notebook's code run on the same table:
 *
 *   L = np.array(TABLE); softmax = lambda x: np.exp(x - x.max()) / np.exp(x - x.max()).sum()
 *   # top-k, k = 3, temperature 1.5, seed 1, prompt [0]
 *   rs = np.random.RandomState(1); last = 0
 *   for t in range(5):
 *       p = softmax(L[last] / 1.5); thr = np.sort(p)[::-1][2]
 *       q = np.where(p < thr, 0, p); q /= q.sum(); last = rs.choice(5, p=q)
 *   # → tokens [0, 1, 0, 0, 0], kept [[0,1,2], [0,1,2], [0,1,3], [0,1,2], [0,1,2]]
 *   # nucleus (notebook rule: argmax(cumsum > thresh)), thresh 0.6, temperature 1.5, seed 3, prompt [4]
 *   # → tokens [2, 2, 0, 0], kept [[1,2,3], [0,1,2], [0,1,2], [0,1]]
 *   # log_softmax(L[2]) = [-1.09873312, -1.19873312, -1.29873312, -4.59873312, -2.49873312]
 */
import { describe, expect, it } from 'vitest';
import { beamSearchNotebook, type CausalLM, generate, type KVCache, logSoftmaxRow } from '../src/index.js';

const TABLE = [
  [2.0, 1.0, 0.5, 0.0, -1.0],
  [0.3, 2.2, -0.5, 1.1, 0.0],
  [1.5, 1.4, 1.3, -2.0, 0.1],
  [-1.0, 0.0, 3.0, 0.2, 0.4],
  [0.0, 0.9, 0.8, 0.7, -0.3],
];
const V = 5;

/** A `CausalLM` whose next logits are `TABLE[last token]`. */
function bigram(): CausalLM {
  const cache = (batch: number, seqLength: number): KVCache => ({
    batch,
    numHeads: 1,
    headDim: 0,
    seqLength,
    key: [],
    value: [],
  });
  return {
    config: {
      modelType: 'bigram',
      vocabSize: V,
      maxPositions: 32,
      hiddenSize: 0,
      numLayers: 0,
      numHeads: 1,
      eosTokenId: null,
      bosTokenId: null,
    },
    vocabSize: V,
    maxPositions: 32,
    provider: 'bigram',
    async forward(ids, past) {
      const logits = new Float32Array(ids.length * V);
      ids.forEach((row, b) => logits.set(TABLE[row.at(-1)!]!, b * V));
      return { logits, present: cache(ids.length, (past?.seqLength ?? 0) + ids[0]!.length) };
    },
    reorderCache: (c, idx) => cache(idx.length, c.seqLength),
    dispose() {},
  };
}

const finite = (row: Float32Array) => [...row.keys()].filter((i) => Number.isFinite(row[i]!));

describe('generate: outputScores and outputLogits (HF output_scores / output_logits)', () => {
  it('are absent unless asked for', async () => {
    const r = await generate(bigram(), [0], { strategy: 'top-k', topK: 3, maxNewTokens: 2 });
    expect(r.scores).toBeUndefined();
    expect(r.logits).toBeUndefined();
  });

  it('top-k: the scores are the logits / temperature on the k kept tokens, -inf elsewhere', async () => {
    const r = await generate(bigram(), [0], {
      strategy: 'top-k',
      topK: 3,
      temperature: 1.5,
      seed: 1,
      maxNewTokens: 5,
      outputScores: true,
      outputLogits: true,
    });
    expect(r.tokens).toEqual([0, 1, 0, 0, 0]);
    expect(r.scores!.map(finite)).toEqual([
      [0, 1, 2],
      [0, 1, 2],
      [0, 1, 3],
      [0, 1, 2],
      [0, 1, 2],
    ]);
    const prev = [0, ...r.tokens];
    r.scores!.forEach((s, t) => {
      expect(s.length).toBe(V);
      expect(Array.from(r.logits![t]!)).toEqual(Array.from(Float32Array.from(TABLE[prev[t]!]!)));
      for (const i of finite(s)) expect(s[i]).toBeCloseTo(TABLE[prev[t]!]![i]! / 1.5, 6);
      // the drawn token is always among the kept ones
      expect(Number.isFinite(s[r.tokens[t]!]!)).toBe(true);
    });
  });

  it('nucleus: the kept sets of the notebook rule', async () => {
    const r = await generate(bigram(), [4], {
      strategy: 'top-p',
      topP: 0.6,
      temperature: 1.5,
      seed: 3,
      maxNewTokens: 4,
      outputScores: true,
    });
    expect(r.tokens).toEqual([2, 2, 0, 0]);
    expect(r.scores!.map(finite)).toEqual([
      [1, 2, 3],
      [0, 1, 2],
      [0, 1, 2],
      [0, 1],
    ]);
  });

  it('greedy: the scores are the raw logits and their argmax is the token', async () => {
    const r = await generate(bigram(), [3], { strategy: 'greedy', maxNewTokens: 3, outputScores: true });
    expect(r.tokens).toEqual([2, 0, 0]);
    expect(Array.from(r.scores![0]!)).toEqual(Array.from(Float32Array.from(TABLE[3]!)));
    // Σ log_softmax(scores[t])[token] is the sequence's log-probability
    const sum = r.tokens.reduce((s, tok, t) => s + logSoftmaxRow(r.scores![t]!)[tok]!, 0);
    expect(sum).toBeCloseTo(r.logProb, 5);
  });

  it('beam search: rows per beam, beam scores + log-softmax, beamIndices trace each beam', async () => {
    const r = await generate(bigram(), [2], {
      strategy: 'beam',
      numBeams: 2,
      maxNewTokens: 3,
      outputScores: true,
      outputLogits: true,
    });
    expect(r.scores!.map((s) => s.length)).toEqual([V, 2 * V, 2 * V]);
    expect(r.logits!.map((s) => s.length)).toEqual([V, 2 * V, 2 * V]);
    const expected = [-1.09873312, -1.19873312, -1.29873312, -4.59873312, -2.49873312];
    expected.forEach((v, i) => expect(r.scores![0]![i]).toBeCloseTo(v, 5));
    for (const beam of r.beams!) {
      expect(beam.beamIndices!.length).toBe(3);
      expect(beam.beamIndices![0]).toBe(0);
      // the score of the last token, read at the row it came from, is the beam's score
      const last = beam.beamIndices![2]!;
      expect(r.scores![2]![last * V + beam.tokens[2]!]).toBeCloseTo(beam.score, 5);
    }
  });

  it('rejects a non-boolean flag, and the notebook beam search refuses them', async () => {
    await expect(generate(bigram(), [0], { outputScores: 'yes' as unknown as boolean })).rejects.toThrow(
      /outputScores must be true or false, received/,
    );
    await expect(beamSearchNotebook(bigram(), [0], { numBeams: 2, outputScores: true })).rejects.toThrow(
      /beamSearchNotebook.*outputScores/,
    );
  });
});
