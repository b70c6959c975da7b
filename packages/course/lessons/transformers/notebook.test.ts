// Transformers: `gradkit run transformers` runs the decoding notebook (udl-cm20315-transformers.md)
// on the offline tiny GPT-2 of @gradkit/transformers (GPT-2's tokenizer; 2 layers trained on
// Shakespeare), since GPT-2 itself cannot be downloaded here. The notebook's "Expected output"
// comments are GPT-2's and do not apply; what is checked: the vocabulary it prints (GPT-2's 50257
// tokens), the 20 random tokens drawn after np.random.seed(1), and that each of the notebook's
// functions, run token by token on the whole sequence as the notebook does, chooses exactly the
// tokens of the library's `generate` with the same strategy and seed. Beam search follows the
// notebook's code, whose get_kth_most_likely_token extends the beam it is handed (an erratum:
// the c_k-th hypothesis of a beam carries c_k + 1 new tokens); the intended algorithm is the
// library's beamSearch.
import { RandomState } from '@gradkit/core';
import { type GenerationConfig, generate, loadDefaultModel, softmaxRow } from '@gradkit/transformers/node';
import { afterAll, describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const DECODED = 'tokenizer.decode(input_tokens["input_ids"][0], skip_special_tokens=True)';
const PROMPT = 'The best thing about Bath is';

describe('transformers notebook', async () => {
  const { values, report } = await runLesson('transformers');
  const { model, tokenizer } = loadDefaultModel();
  afterAll(() => model.dispose());
  const prompt = tokenizer.encode(PROMPT);
  const texts = values[DECODED] as string[];
  /** The library's continuation of the prompt, as the notebook prints it (prompt + 1, 2, … tokens). */
  const library = async (config: GenerationConfig) => {
    const r = await generate(model, prompt, {
      maxNewTokens: 10,
      eosTokenId: null,
      useCache: false,
      ...config,
    });
    return r.tokens.map((_, i) => tokenizer.decode([...prompt, ...r.tokens.slice(0, i + 1)]));
  };

  it("prints GPT-2's vocabulary size and 20 tokens drawn after np.random.seed(1)", () => {
    expect(values['tokenizer.vocab_size']).toBe(50257);
    expect(report[0]).toBe('Number of tokens in dictionary = 50257');
    const rng = new RandomState(1);
    const ids = Array.from({ length: 20 }, () => rng.randint(50257));
    expect(values['index#all']).toEqual(ids);
    expect(report.slice(1, 21)).toEqual(ids.map((i) => `Token: ${i} ${tokenizer.decode([i])}`));
  });

  it('prints the sequence after every token: 10 cells of 10 lines', () => {
    expect(texts).toHaveLength(100);
    for (let c = 0; c < 10; c++)
      texts.slice(10 * c, 10 * c + 10).forEach((t, i, cell) => {
        expect(t.startsWith(PROMPT)).toBe(true);
        if (i > 0) expect(t.startsWith(cell[i - 1]!)).toBe(true);
      });
  });

  it("sampling, greedy and top-k choose the library's tokens (set_seed(0), then the stream goes on)", async () => {
    const rng = new RandomState(0);
    expect(texts.slice(0, 10)).toEqual(await library({ strategy: 'sample', rng }));
    expect(texts.slice(10, 20)).toEqual(await library({ strategy: 'sample', rng }));
    const greedy = await library({ strategy: 'greedy' });
    expect(texts.slice(20, 30)).toEqual(greedy);
    expect(texts.slice(30, 40)).toEqual(greedy);
    const topK = await library({ strategy: 'top-k', topK: 10, seed: 0 });
    expect(texts.slice(40, 50)).toEqual(topK);
    expect(texts.slice(50, 60)).toEqual(topK);
  });

  it("nucleus sampling (the notebook's rule, thresh 0.2) and the k-th token choose the library's tokens", async () => {
    const rng = new RandomState(0);
    expect(texts.slice(60, 70)).toEqual(await library({ strategy: 'top-p', topP: 0.2, rng }));
    expect(texts.slice(70, 80)).toEqual(await library({ strategy: 'top-p', topP: 0.2, rng }));
    expect(values['thresh_index#all']).toHaveLength(20);
    expect(report.filter((l) => l.startsWith('Choosing from '))).toHaveLength(20);
    expect(texts.slice(80, 90)).toEqual(await library({ strategy: 'kth', kth: 1 }));
    const k2000 = await generate(model, prompt, {
      strategy: 'kth',
      kth: 2000,
      maxNewTokens: 10,
      eosTokenId: null,
    });
    expect(texts.slice(90, 100)).toEqual(
      k2000.tokens.map((_, i) => tokenizer.decode([...prompt, ...k2000.tokens.slice(0, i + 1)])),
    );
  });

  it("the notebook's own expected outputs show the beam-search erratum: 11 new tokens after 10 steps", () => {
    const newTokens = (s: string) => tokenizer.encode(s).length - prompt.length;
    // the "Expected output" comments of the sampling, greedy, top-k, nucleus and k-th token cells
    for (const s of [
      "The best thing about Bath is that they don't even change or shrink anymore.",
      "The best thing about Bath is that it's a place where you can go to",
      'The best thing about Bath is that you get to see all the beautiful faces of',
      "The best thing about Bath is that it's not a city that has been around",
      'The best thing about Bath is the way you get the most bang outta the',
    ])
      expect(newTokens(s)).toBe(10);
    // ... and of do_beam_search (beam_length = 10): one hypothesis took two tokens in one step
    expect(newTokens("The best thing about Bath is that it's a place where you don't have to")).toBe(11);
  });

  it("beam search as the notebook's code runs it: 10 rounds of 5 beams, best first, log-probabilities that add up", async () => {
    const start = report.findIndex((l) => l.startsWith('Beam 0, Prob '));
    const rounds = report.slice(start, start + 60);
    const lps = values["beam['log_prob']"] as number[];
    const beamTexts = values['tokenizer.decode(beam["input_ids"][0], skip_special_tokens=True)'] as string[];
    for (let r = 0; r < 10; r++)
      for (let b = 0; b < 5; b++)
        expect(rounds[6 * r + b]).toBe(
          `Beam ${b}, Prob ${lps[5 * r + b]!.toFixed(3)}: ${beamTexts[5 * r + b]}`,
        );
    for (let r = 0; r < 10; r++) expect(rounds[6 * r + 5]).toBe('---');
    expect(lps).toHaveLength(50);
    for (let r = 0; r < 10; r++)
      for (let b = 1; b < 5; b++) expect(lps[5 * r + b]).toBeLessThanOrEqual(lps[5 * r + b - 1]!);
    expect(report.slice(-2)).toEqual([
      'Beam search result:',
      values['tokenizer.decode(best_beam["input_ids"][0], skip_special_tokens=True)'],
    ]);
    // the best beam's log-probability is the sum of its tokens' log-probabilities under the model
    const best = values.best_beam as { input_ids: number[][]; log_prob: number[] };
    const ids = best.input_ids[0]!;
    expect(ids.slice(0, prompt.length)).toEqual(prompt);
    let lp = 0;
    for (let t = prompt.length; t < ids.length; t++) {
      const p = softmaxRow((await model.forward([ids.slice(0, t)], null)).logits);
      lp += Math.log(p[ids[t]!]!);
    }
    expect(best.log_prob[0]).toBeCloseTo(lp, 9);
    // the erratum: hypotheses grow by up to n_beam tokens per round, so beams can exceed 10 new tokens
    expect(ids.length - prompt.length).toBeGreaterThanOrEqual(10);
    expect(values.n_beams).toBe(5);
    expect(values.input_tokens).toEqual({
      input_ids: [prompt],
      attention_mask: [prompt.map(() => 1)],
      log_prob: 0,
    });
  });
});
