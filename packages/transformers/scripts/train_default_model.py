"""Train the offline default model of @gradkit/transformers: a small GPT-2-architecture checkpoint
(vocab 50257 with GPT-2's tokenizer, n_positions 128, n_embd 64, n_layer 2, n_head 4, tied LM head)
on the public-domain Shakespeare text under datasets/shakespeare/, written in the Hugging Face layout
(config.json, generation_config.json, model.safetensors with `transformer.`-prefixed names, Conv1D
weights [in, out], stored as float16 to stay under 10 MB; the loaders convert to float32).

Speed trick (exact, documented in the model's README): the softmax during training runs over the
token ids that occur in the corpus only (about 1,900 of 50,257), 25x cheaper. So that the full model
never proposes the other ids, feature 0 after the final LayerNorm is the constant 1 (ln_f.weight[0] = 0,
ln_f.bias[0] = 1), which makes wte[:, 0] an output bias; the unused ids get the embedding
[-30, 0, ..., 0], i.e. logit -30 whatever the context.

Deterministic: torch.manual_seed(0), one thread, fixed batch order. Also writes a PyTorch
reference for the committed float16 weights (tests/fixtures/tiny_gpt2_shakespeare.json: logits of a
prompt and its greedy continuation) so the TypeScript model is checked against torch.

Run (from the repo root):
  node packages/transformers/scripts/tokenize-corpus.mjs
  /usr/bin/python3 packages/transformers/scripts/train_default_model.py      # PyTorch 1.13, a few minutes on 2 cores
"""
import json
import math
import os
import struct
import time

import numpy as np
import torch

torch.manual_seed(0)
torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "models", "tiny-gpt2-shakespeare")
ROOT = os.path.join(HERE, "..", "..", "..")
V, NP, D, L, H = 50257, 128, 64, 2, 4
EPS = 1e-5
STEPS, BATCH, BLOCK, LR = int(os.environ.get("STEPS", 2000)), 16, 64, 3e-3

corpus = json.load(open(os.path.join(HERE, ".corpus-tokens.json")))
ids = []
for doc in corpus["docs"]:
    ids += doc + [corpus["eos"]]
seen = sorted(set(ids))  # compact vocabulary used during training
compact = {t: i for i, t in enumerate(seen)}
data_full = torch.tensor(ids, dtype=torch.long)
data = torch.tensor([compact[t] for t in ids], dtype=torch.long)
VS = len(seen)
print(f"{len(ids)} tokens, {VS} distinct ids", flush=True)


def P(*shape, std=0.02):
    return torch.nn.Parameter(torch.randn(*shape) * std)


W = {"transformer.wte.weight": P(VS, D), "transformer.wpe.weight": P(NP, D, std=0.01)}
for l in range(L):
    p = f"transformer.h.{l}."
    W[p + "ln_1.weight"] = torch.nn.Parameter(torch.ones(D))
    W[p + "ln_1.bias"] = torch.nn.Parameter(torch.zeros(D))
    W[p + "attn.c_attn.weight"] = P(D, 3 * D)
    W[p + "attn.c_attn.bias"] = torch.nn.Parameter(torch.zeros(3 * D))
    W[p + "attn.c_proj.weight"] = P(D, D, std=0.02 / math.sqrt(2 * L))
    W[p + "attn.c_proj.bias"] = torch.nn.Parameter(torch.zeros(D))
    W[p + "ln_2.weight"] = torch.nn.Parameter(torch.ones(D))
    W[p + "ln_2.bias"] = torch.nn.Parameter(torch.zeros(D))
    W[p + "mlp.c_fc.weight"] = P(D, 4 * D)
    W[p + "mlp.c_fc.bias"] = torch.nn.Parameter(torch.zeros(4 * D))
    W[p + "mlp.c_proj.weight"] = P(4 * D, D, std=0.02 / math.sqrt(2 * L))
    W[p + "mlp.c_proj.bias"] = torch.nn.Parameter(torch.zeros(D))
W["transformer.ln_f.weight"] = torch.nn.Parameter(torch.ones(D))
W["transformer.ln_f.bias"] = torch.nn.Parameter(torch.zeros(D))


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def gpt2_forward(W, ids, constant_feature=False):
    """GPT2LMHeadModel.forward(input_ids).logits from the Hugging Face equations, [B, T, V]."""
    B, T = ids.shape
    x = W["transformer.wte.weight"][ids] + W["transformer.wpe.weight"][torch.arange(T)][None]
    hd = D // H
    mask = torch.tril(torch.ones(T, T, dtype=torch.bool))
    for l in range(L):
        p = f"transformer.h.{l}."
        h = torch.nn.functional.layer_norm(x, (D,), W[p + "ln_1.weight"], W[p + "ln_1.bias"], EPS)
        qkv = h @ W[p + "attn.c_attn.weight"] + W[p + "attn.c_attn.bias"]
        q, k, v = qkv.split(D, dim=2)
        q, k, v = (t.reshape(B, T, H, hd).permute(0, 2, 1, 3) for t in (q, k, v))
        a = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
        a = torch.where(mask, a, torch.tensor(torch.finfo(torch.float32).min))
        o = (torch.softmax(a, dim=-1) @ v).permute(0, 2, 1, 3).reshape(B, T, D)
        x = x + (o @ W[p + "attn.c_proj.weight"] + W[p + "attn.c_proj.bias"])
        h2 = torch.nn.functional.layer_norm(x, (D,), W[p + "ln_2.weight"], W[p + "ln_2.bias"], EPS)
        x = x + (gelu_new(h2 @ W[p + "mlp.c_fc.weight"] + W[p + "mlp.c_fc.bias"]) @ W[p + "mlp.c_proj.weight"] + W[p + "mlp.c_proj.bias"])
    x = torch.nn.functional.layer_norm(x, (D,), W["transformer.ln_f.weight"], W["transformer.ln_f.bias"], EPS)
    if constant_feature:  # training: feature 0 is 1 (exported as ln_f.weight[0] = 0, ln_f.bias[0] = 1)
        x = torch.cat([torch.ones_like(x[..., :1]), x[..., 1:]], dim=-1)
    return x @ W["transformer.wte.weight"].T


opt = torch.optim.AdamW(W.values(), lr=LR, weight_decay=0.01)
g = torch.Generator().manual_seed(0)
t0 = time.time()
for step in range(STEPS):
    lr = LR * min(1.0, (step + 1) / 100) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / STEPS)))
    for group in opt.param_groups:
        group["lr"] = lr
    starts = torch.randint(0, len(data) - BLOCK - 1, (BATCH,), generator=g)
    x = torch.stack([data[s : s + BLOCK] for s in starts])
    y = torch.stack([data[s + 1 : s + BLOCK + 1] for s in starts])
    loss = torch.nn.functional.cross_entropy(gpt2_forward(W, x, True).reshape(-1, VS), y.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 100 == 0 or step == STEPS - 1:
        print(f"step {step} loss {loss.item():.3f} ({time.time() - t0:.0f}s)", flush=True)

# float16 weights, as committed; the reference below uses exactly these values (cast to float32)
full = {k: v.detach().clone() for k, v in W.items()}
wte = torch.zeros(V, D)
wte[:, 0] = -30.0
wte[torch.tensor(seen)] = full["transformer.wte.weight"]
full["transformer.wte.weight"] = wte
full["transformer.ln_f.weight"][0] = 0.0
full["transformer.ln_f.bias"][0] = 1.0
W16 = {k: v.half() for k, v in full.items()}


def write_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name, t in tensors.items():
        b = t.contiguous().numpy().astype("<f2").tobytes()
        header[name] = {"dtype": "F16", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


write_safetensors(os.path.join(OUT, "model.safetensors"), W16)
config = {
    "model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": V, "n_positions": NP,
    "n_ctx": NP, "n_embd": D, "n_layer": L, "n_head": H, "n_inner": None, "activation_function": "gelu_new",
    "layer_norm_epsilon": EPS, "bos_token_id": 50256, "eos_token_id": 50256, "tie_word_embeddings": True,
    "torch_dtype": "float16",
}
with open(os.path.join(OUT, "config.json"), "w") as f:
    json.dump(config, f, indent=2)
with open(os.path.join(OUT, "generation_config.json"), "w") as f:
    json.dump({"bos_token_id": 50256, "eos_token_id": 50256, "max_new_tokens": 10}, f, indent=2)

# PyTorch reference on the float16 weights: "Shall I compare thee" = [2484, 439, 314, 8996, 17903] (GPT-2 ids)
W32 = {k: v.float() for k, v in W16.items()}
prompt = corpus.get("reference_prompt") or [2484, 439, 314, 8996, 17903]
with torch.no_grad():
    seq = list(prompt)
    first = gpt2_forward(W32, torch.tensor([seq]))[0, -1]
    for _ in range(20):
        seq.append(int(gpt2_forward(W32, torch.tensor([seq]))[0, -1].argmax()))
    logp = torch.log_softmax(gpt2_forward(W32, torch.tensor([seq])), dim=-1)[0]
    greedy_logprob = float(sum(logp[i - 1, seq[i]] for i in range(len(prompt), len(seq))))
    nll = torch.nn.functional.cross_entropy(gpt2_forward(W32, data_full[None, :NP])[0, :-1], data_full[1:NP]).item()
ref = {
    "tolerance": 1e-4,
    "prompt": prompt,
    "first_logits": first.tolist(),
    "greedy_tokens": seq[len(prompt):],
    "greedy_logprob": greedy_logprob,
    "train_nll_first_128": nll,
}
with open(os.path.join(ROOT, "tests", "fixtures", "tiny_gpt2_shakespeare.json"), "w") as f:
    json.dump(ref, f)
print("greedy tokens", seq[len(prompt):], "nll", nll)
