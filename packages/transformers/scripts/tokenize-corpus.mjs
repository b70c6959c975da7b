// Tokenize the public-domain corpus under datasets/shakespeare/ with GPT-2's byte-level BPE
// (js-tiktoken `gpt2` ranks, the same ids as Hugging Face's GPT2Tokenizer) for
// scripts/train_default_model.py. Writes scripts/.corpus-tokens.json (git-ignored).
// Run: node packages/transformers/scripts/tokenize-corpus.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getEncoding } from 'js-tiktoken';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const enc = getEncoding('gpt2');
const files = ['sonnets.txt', 'speeches.txt'];
const docs = files.map((f) => enc.encode(readFileSync(join(root, 'datasets', 'shakespeare', f), 'utf8')));
const out = join(here, '.corpus-tokens.json');
writeFileSync(out, JSON.stringify({ eos: 50256, docs }));
console.log(`${docs.map((d) => d.length).join(' + ')} tokens -> ${out}`);
