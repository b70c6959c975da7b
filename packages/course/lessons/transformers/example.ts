import { beamSearch, generate } from '@gradkit/transformers';
import { bigramLM, bigramModel } from './toy-lm.js';

// Greedy decoding and beam search through the CausalLM interface, on a bigram model of a few
// sentences (the site's stand-in for GPT-2, which runs the very same functions).
const { vocab, logits } = bigramModel();
const lm = bigramLM(vocab.length, logits);
const prompt = 'the best thing about bath is'.split(' ').map((w) => vocab.indexOf(w));
const words = (ids: readonly number[]) => ids.map((t) => vocab[t]).join(' ');
const greedy = await generate(lm, prompt, { strategy: 'greedy', maxNewTokens: 5 });
console.log('greedy:', words(greedy.tokens));
const beams = await beamSearch(lm, prompt, { numBeams: 3, maxNewTokens: 5 });
for (const b of beams.beams ?? []) console.log(`beam (log p = ${b.logProb.toFixed(3)}):`, words(b.tokens));
