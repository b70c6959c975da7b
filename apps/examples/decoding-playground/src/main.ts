/**
 * The page: type a prompt, pick strategies and their knobs, press Decode; each strategy's
 * continuation appears in a table with its log-probability and perplexity. The model (6.3 MiB)
 * loads once, when the page opens.
 */
import { Gpt2Tokenizer, STRATEGIES, type Strategy } from '@gradkit/transformers';
import { compare, DEFAULT_KNOBS, fetchModel, type Knobs } from './playground.js';

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const status = $<HTMLElement>('#status');
const button = $<HTMLButtonElement>('#decode');
const tbody = $<HTMLTableSectionElement>('#results tbody');
const tokenizer = new Gpt2Tokenizer();

const strategyBoxes = $<HTMLElement>('#strategies');
for (const s of STRATEGIES) {
  const label = document.createElement('label');
  label.innerHTML = `<input type="checkbox" name="strategy" value="${s}" checked> ${s}`;
  strategyBoxes.append(label);
}
for (const [k, v] of Object.entries(DEFAULT_KNOBS)) $<HTMLInputElement>(`#${k}`).value = String(v);

function knobs(): Knobs {
  const out = { ...DEFAULT_KNOBS };
  for (const k of Object.keys(DEFAULT_KNOBS) as (keyof Knobs)[])
    out[k] = Number($<HTMLInputElement>(`#${k}`).value);
  return out;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const modelPromise = fetchModel('./model');
modelPromise.then(
  (model) => {
    status.textContent = `Model loaded: ${model.config.numLayers} layers, ${model.config.hiddenSize} features, vocabulary ${model.config.vocabSize}.`;
    button.disabled = false;
    document.body.dataset.model = 'ready';
  },
  (e) => {
    status.textContent = `Could not load the model: ${(e as Error).message}`;
    document.body.dataset.model = 'error';
  },
);

async function decode(): Promise<void> {
  const model = await modelPromise;
  const prompt = $<HTMLTextAreaElement>('#prompt').value;
  const strategies = [...document.querySelectorAll<HTMLInputElement>('input[name=strategy]:checked')].map(
    (b) => b.value as Strategy,
  );
  button.disabled = true;
  status.textContent = 'Decoding…';
  document.body.dataset.state = 'busy';
  try {
    const rows = await compare(model, tokenizer, prompt, strategies, knobs());
    tbody.replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement('tr');
        tr.dataset.strategy = r.strategy;
        tr.innerHTML = `<th scope="row">${escapeHtml(r.label)}</th><td class="text"><span class="prompt">${escapeHtml(prompt)}</span><mark>${escapeHtml(r.continuation)}</mark></td><td class="logprob">${r.logProb.toFixed(3)}</td><td>${r.perplexity.toFixed(2)}</td><td class="tokens">${r.tokens.join(' ')}</td>`;
        return tr;
      }),
    );
    status.textContent = `Decoded with ${rows.length} strategies.`;
  } catch (e) {
    status.textContent = (e as Error).message;
  } finally {
    button.disabled = false;
    document.body.dataset.state = 'done';
    document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
  }
}

button.addEventListener('click', () => void decode());
