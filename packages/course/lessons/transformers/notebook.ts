/**
 * CM20315 Transformers (`udl-cm20315-transformers.md`), the notebook translated to library calls:
 * decoding strategies for a GPT-2 language model (UDL 12.7–12.8; the book's notebook 12.4):
 * the tokenizer's vocabulary, pure sampling, greedy decoding, top-k sampling, nucleus sampling,
 * the k-th most likely token and beam search, each printing the text after every new token.
 *
 * The notebook downloads GPT-2 from Hugging Face, which cannot happen offline: this translation
 * decodes with the offline default model of `@gradkit/transformers` (a 2-layer GPT-2 trained on
 * Shakespeare, with GPT-2's own tokenizer and vocabulary of 50257 tokens), so the tokens and
 * their decoded text are exact, the continuations are that model's, not GPT-2's. `set_seed(0)`
 * is `new RandomState(0)` (it seeds numpy's global stream, which `np.random.choice` draws from).
 *
 * The TODOs are the library's pieces: `np.random.choice(len(p), p=p)` is `RandomState.choice`,
 * the argmax is `argmaxRow`, top-k is `TopKWarper`, the notebook's nucleus rule is
 * `NucleusNotebookWarper` (its `lastChoosingFrom` is the printed `thresh_index`) and the k-th most
 * likely token is `kthMostLikely`; every function runs the model on the whole sequence, as the
 * notebook does. `doBeamSearch` is the notebook's `do_beam_search` as written, including its
 * aliasing: `get_kth_most_likely_token` extends the dict it is given, so while one beam is
 * expanded its c_k-th hypothesis carries c_k + 1 new tokens (an erratum; `beamSearch` of
 * `@gradkit/transformers` is the intended algorithm).
 *
 * The model is loaded inside {@link run} (`@gradkit/transformers/node`, Node only), so this module
 * imports nothing that needs Node.
 */
import { RandomState } from '@gradkit/core';
import {
  argmaxRow,
  type CausalLM,
  kthMostLikely,
  NucleusNotebookWarper,
  softmaxRow,
  type Tokenizer,
  TopKWarper,
} from '@gradkit/transformers';
import { importNodeModule } from '../../src/node-import.js';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** The notebook's prompt. */
export const INPUT_TXT = 'The best thing about Bath is';

/**
 * The notebook's `input_tokens` dict (`tokenizer(input_txt, return_tensors='pt')` plus the keys the
 * decoding functions add): token ids and attention mask of the one sequence, the probability of
 * the last token chosen and (beam search, k-th token) the running log-probability.
 */
export interface InputTokens {
  input_ids: number[];
  attention_mask: number[];
  last_token_prob?: number;
  /** `0.0` until a token is added, then numpy's 1-element array `[Σ log p]`. */
  log_prob?: number | [number];
}

/** `tokenizer(text)`: the ids and an all-ones attention mask. */
export function tokenize(tokenizer: Tokenizer, text: string): InputTokens {
  const input_ids = tokenizer.encode(text);
  return { input_ids, attention_mask: input_ids.map(() => 1) };
}

/** `dict(input_tokens)`: a shallow copy (the notebook's `torch.cat` always makes new tensors). */
const copy = (t: InputTokens): InputTokens => ({ ...t });

/** The model's next-token distribution after the whole sequence (softmax of the last logits). */
async function probOverTokens(model: CausalLM, t: InputTokens): Promise<Float64Array> {
  const { logits } = await model.forward([t.input_ids], null);
  return softmaxRow(logits);
}

/** Append `token` to `t` in place (the notebook's `output_tokens = input_tokens`) and return it. */
function append(t: InputTokens, token: number, prob: number): InputTokens {
  t.input_ids = [...t.input_ids, token];
  t.attention_mask = [...t.attention_mask, 1];
  t.last_token_prob = prob;
  return t;
}

/** The notebook's `sample_next_token`: draw the next token from the model's distribution. */
export async function sampleNextToken(
  t: InputTokens,
  model: CausalLM,
  rng: RandomState,
): Promise<InputTokens> {
  const p = await probOverTokens(model, t);
  const next = rng.choice(p.length, { p });
  return append(t, next, p[next]!);
}

/** The notebook's `get_best_next_token`: the most likely next token (greedy decoding). */
export async function getBestNextToken(t: InputTokens, model: CausalLM): Promise<InputTokens> {
  const p = await probOverTokens(model, t);
  const next = argmaxRow(p);
  return append(t, next, p[next]!);
}

/** The notebook's `get_top_k_token`: sample from the k most likely tokens, renormalised. */
export async function getTopKToken(
  t: InputTokens,
  model: CausalLM,
  rng: RandomState,
  k = 20,
): Promise<InputTokens> {
  const p = await probOverTokens(model, t);
  new TopKWarper(k).apply(p);
  const next = rng.choice(p.length, { p });
  return append(t, next, p[next]!);
}

/**
 * The notebook's `get_nucleus_sampling_token`: sample from the most likely tokens that make up
 * more than `thresh` of the probability; `choosing` receives the printed `thresh_index`.
 */
export async function getNucleusSamplingToken(
  t: InputTokens,
  model: CausalLM,
  rng: RandomState,
  thresh = 0.25,
  choosing: (threshIndex: number) => void = () => {},
): Promise<InputTokens> {
  const p = await probOverTokens(model, t);
  const warper = new NucleusNotebookWarper(thresh);
  warper.apply(p);
  choosing(warper.lastChoosingFrom);
  const next = rng.choice(p.length, { p });
  return append(t, next, p[next]!);
}

/**
 * The notebook's `get_kth_most_likely_token`: append the k-th most likely next token (k = 0: the
 * most likely) and add its log-probability to `log_prob`. Tied probabilities are ordered by token
 * id (the notebook's `np.where(prob == kth)` would return every tied token).
 */
export async function getKthMostLikelyToken(
  t: InputTokens,
  model: CausalLM,
  k: number,
): Promise<InputTokens> {
  const p = await probOverTokens(model, t);
  const next = kthMostLikely(p, k);
  append(t, next, p[next]!);
  const before = Array.isArray(t.log_prob) ? t.log_prob[0] : (t.log_prob ?? 0);
  t.log_prob = [before + Math.log(p[next]!)];
  return t;
}

/** The running log-probability of a beam as a number. */
export const logProbOf = (t: InputTokens): number =>
  Array.isArray(t.log_prob) ? t.log_prob[0] : (t.log_prob ?? 0);

/**
 * The notebook's `do_beam_search`, as written: start from the `nBeam` most likely continuations;
 * then `beamLength − 1` times extend every beam by its `nBeam` most likely tokens and keep the
 * `nBeam` hypotheses with the highest log-probability. Because `get_kth_most_likely_token`
 * extends the beam it is handed, the c_k-th hypothesis of a beam holds its c_k + 1 most recent
 * k-th choices (the notebook's aliasing, kept). `printBeams` receives the beams after each step.
 */
export async function doBeamSearch(
  inputTokensIn: InputTokens,
  model: CausalLM,
  nBeam = 5,
  beamLength = 10,
  printBeams: (beams: readonly InputTokens[]) => void = () => {},
): Promise<InputTokens> {
  inputTokensIn.log_prob = 0.0;
  let beams: InputTokens[] = [];
  for (let c_k = 0; c_k < nBeam; c_k++)
    beams.push(await getKthMostLikelyToken(copy(inputTokensIn), model, c_k));
  printBeams(beams);
  for (let c_pos = 0; c_pos < beamLength - 1; c_pos++) {
    const beamsAll: InputTokens[] = [];
    for (let c_beam = 0; c_beam < nBeam; c_beam++)
      for (let c_k = 0; c_k < nBeam; c_k++)
        beamsAll.push(copy(await getKthMostLikelyToken(beams[c_beam]!, model, c_k)));
    // np.argsort(log_probs_all * -1): best first (ties, which do not occur, by position)
    const sortedIndex = beamsAll
      .map((_, i) => i)
      .sort((a, b) => logProbOf(beamsAll[b]!) - logProbOf(beamsAll[a]!) || a - b);
    beams = sortedIndex.slice(0, nBeam).map((i) => copy(beamsAll[i]!));
    printBeams(beams);
  }
  return beams[0]!;
}

/** `input_tokens` with numpy's shapes: `(1, T)` ids and mask, `(1,)` probabilities. */
function asNotebookValue(t: InputTokens): Record<string, unknown> {
  return {
    input_ids: [t.input_ids],
    attention_mask: [t.attention_mask],
    ...(t.last_token_prob !== undefined ? { last_token_prob: [t.last_token_prob] } : {}),
    ...(t.log_prob !== undefined ? { log_prob: t.log_prob } : {}),
  };
}

export async function run(nb: Notebook): Promise<void> {
  const { loadDefaultModel } = await importNodeModule<typeof import('@gradkit/transformers/node')>(
    '@gradkit/transformers/node',
  );
  const { model, tokenizer } = loadDefaultModel();
  try {
    const DECODED = 'tokenizer.decode(input_tokens["input_ids"][0], skip_special_tokens=True)';
    const decode = (t: InputTokens) => tokenizer.decode(t.input_ids, { skipSpecialTokens: true });
    const show = (t: InputTokens) => {
      const text = decode(t);
      nb.show(DECODED, text, { loop: true });
      nb.print(text);
    };
    const steps = 10;

    // The vocabulary and 20 random tokens.
    let rng = new RandomState(1);
    nb.show('tokenizer.vocab_size', tokenizer.vocabSize);
    nb.print(pyFormat('Number of tokens in dictionary = %d', tokenizer.vocabSize));
    let index = 0;
    for (let i = 0; i < 20; i++) {
      index = rng.randint(tokenizer.vocabSize);
      const text = tokenizer.decode([index], { skipSpecialTokens: true });
      nb.show('index', index, { loop: true });
      nb.show('tokenizer.decode(torch.tensor(index), skip_special_tokens=True)', text, { loop: true });
      nb.print(pyFormat('Token: %d ', index) + text);
    }

    // One cell's loop: `for i in range(10): input_tokens = step(input_tokens); print(decode(...))`.
    let input_txt = INPUT_TXT;
    let input_tokens = tokenize(tokenizer, input_txt);
    const cell = async (step: (t: InputTokens) => Promise<InputTokens>) => {
      for (let i = 0; i < steps; i++) {
        input_tokens = await step(input_tokens);
        show(input_tokens);
      }
    };

    // Sampling: set_seed(0), then the same again without resetting the seed.
    rng = new RandomState(0);
    input_tokens = tokenize(tokenizer, input_txt);
    await cell((t) => sampleNextToken(t, model, rng));
    input_tokens = tokenize(tokenizer, input_txt);
    await cell((t) => sampleNextToken(t, model, rng));

    // Greedy, twice (after set_seed(0), which nothing here draws from).
    for (let c = 0; c < 2; c++) {
      input_tokens = tokenize(tokenizer, input_txt);
      await cell((t) => getBestNextToken(t, model));
    }

    // Top-k with k = 10, twice from set_seed(0).
    for (let c = 0; c < 2; c++) {
      rng = new RandomState(0);
      input_tokens = tokenize(tokenizer, input_txt);
      await cell((t) => getTopKToken(t, model, rng, 10));
    }

    // Nucleus sampling with thresh = 0.2: set_seed(0), then again without resetting the seed.
    const choosing = (thresh_index: number) => {
      nb.show('thresh_index', thresh_index, { loop: true });
      nb.print(pyFormat('Choosing from %d tokens', thresh_index));
    };
    rng = new RandomState(0);
    for (let c = 0; c < 2; c++) {
      input_tokens = tokenize(tokenizer, input_txt);
      await cell((t) => getNucleusSamplingToken(t, model, rng, 0.2, choosing));
    }

    // The k-th most likely token (after set_seed(0)): k = 1 (the second most likely), then k = 2000.
    for (const k of [1, 2000]) {
      input_tokens = tokenize(tokenizer, input_txt);
      input_tokens.log_prob = 0.0;
      await cell((t) => getKthMostLikelyToken(t, model, k));
    }

    // Beam search (after set_seed(0)): 5 beams, 10 tokens, the beams printed after every step.
    input_txt = INPUT_TXT;
    input_tokens = tokenize(tokenizer, input_txt);
    const n_beams = 5;
    const printBeams = (beams: readonly InputTokens[]) => {
      beams.forEach((beam, i) => {
        const text = decode(beam);
        nb.show("beam['log_prob']", logProbOf(beam), { loop: true });
        nb.show('tokenizer.decode(beam["input_ids"][0], skip_special_tokens=True)', text, { loop: true });
        nb.print(pyFormat('Beam %d, Prob %3.3f: ', i, logProbOf(beam)) + text);
      });
      nb.print('---');
    };
    const best_beam = await doBeamSearch(input_tokens, model, 5, steps, printBeams);
    nb.print('Beam search result:');
    const best = decode(best_beam);
    nb.show('tokenizer.decode(best_beam["input_ids"][0], skip_special_tokens=True)', best);
    nb.print(best);

    nb.setAll({
      index,
      input_txt,
      input_tokens: asNotebookValue(input_tokens),
      n_beams,
      best_beam: asNotebookValue(best_beam),
    });
  } finally {
    await model.dispose();
  }
}
