/**
 * A tiny word-level bigram language model behind the `CausalLM` interface of
 * @gradkit/transformers, so that the real decoding code (`generate`, `beamSearch`) runs in the
 * course page without downloading GPT-2: the page's beam-tree figure and its code example use it.
 */
import { beamSearch, type CausalLM, type KVCache } from '@gradkit/transformers';

const CORPUS = [
  'the best thing about bath is the way you get to see the city',
  'the best thing about bath is that it is a place where you can go to see the baths',
  'the best thing about bath is the food and the way the city looks at night',
  'the city is a place where you can go to the baths and the river',
  'you get to see the river and the abbey and the baths',
  'it is a city that has been around for a long time',
].map((s) => s.split(' '));

/** The vocabulary (sorted words) and add-0.1-smoothed bigram log-probabilities, `[V, V]` row-major. */
export function bigramModel(): { vocab: string[]; logits: Float32Array } {
  const vocab = [...new Set(CORPUS.flat())].sort();
  const V = vocab.length;
  const id = new Map(vocab.map((w, i) => [w, i]));
  const counts = new Float64Array(V * V).fill(0.1);
  for (const line of CORPUS)
    for (let i = 0; i + 1 < line.length; i++)
      counts[(id.get(line[i] as string) as number) * V + (id.get(line[i + 1] as string) as number)]! += 1;
  const logits = new Float32Array(V * V);
  for (let a = 0; a < V; a++) {
    let s = 0;
    for (let b = 0; b < V; b++) s += counts[a * V + b] as number;
    for (let b = 0; b < V; b++) logits[a * V + b] = Math.log((counts[a * V + b] as number) / s);
  }
  return { vocab, logits };
}

/** The bigram table `table` (`[V, V]` log-probabilities) as a `CausalLM`: the next logits depend on the last token only. */
export function bigramLM(V: number, table: Float32Array): CausalLM {
  const emptyCache = (batch: number, seqLength: number): KVCache => ({
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
      maxPositions: 64,
      hiddenSize: 0,
      numLayers: 0,
      numHeads: 1,
      eosTokenId: null,
      bosTokenId: null,
    },
    vocabSize: V,
    maxPositions: 64,
    provider: 'bigram (TypeScript)',
    async forward(inputIds, past) {
      const B = inputIds.length;
      const logits = new Float32Array(B * V);
      inputIds.forEach((ids, b) =>
        logits.set(table.subarray((ids.at(-1) as number) * V, ((ids.at(-1) as number) + 1) * V), b * V),
      );
      return { logits, present: emptyCache(B, (past?.seqLength ?? 0) + (inputIds[0]?.length ?? 0)) };
    },
    reorderCache: (cache, beamIndices) => emptyCache(beamIndices.length, cache.seqLength),
    dispose() {},
  };
}

/** Beam search (3 beams, 4 new words) from "the best thing about bath is" on the bigram model. */
export async function toyBeams(numBeams = 3, maxNewTokens = 4) {
  const { vocab, logits } = bigramModel();
  const prompt = 'the best thing about bath is';
  const ids = prompt.split(' ').map((w) => vocab.indexOf(w));
  const r = await beamSearch(bigramLM(vocab.length, logits), ids, { numBeams, maxNewTokens });
  return {
    prompt,
    beams: (r.beams ?? []).map((b) => ({ tokens: b.tokens.map((t) => ` ${vocab[t]}`), score: b.logProb })),
  };
}
