/**
 * @gradkit/nn benchmark (`node scripts/bench.mjs nn` from the repo root): one training step
 * (forward + backward, no update) of the coursework MLP — Linear(40→100), ReLU, Linear(100→100),
 * ReLU, Linear(100→10), cross-entropy — on a batch of 100 in float32.
 *
 * Rows, all measured in this run:
 * - gradkit modules + autograd (`Sequential` fused by `fuseModules`, as the coursework trains it:
 *   Linear → ReLU as `LinearReLU`; `crossEntropy`, `loss.backward()`);
 * - the baseline: the same network with manual backprop written here on Float32Arrays (the
 *   Gradients notebooks' equations, no graph, no allocation beyond the activations);
 * - manual backprop with core's tensor ops (matmul, no autograd graph): the autograd overhead
 *   is gradkit's time over this one (same kernels);
 * - PyTorch (spawned `/usr/bin/python3` or `python3` with torch), 1 thread and default threads,
 *   when installed; otherwise the row says so.
 * Ratios are times relative to the manual-backprop baseline (lower is faster).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  add,
  fromData,
  matmul,
  mul,
  noGrad,
  RandomState,
  sub,
  sum,
  type Tensor,
  transpose,
} from '@gradkit/core';
import { crossEntropy, softmax } from '@gradkit/losses';
import { fuseModules, Linear, ReLU, relu, Sequential } from '../src/index.js';

const B = 100;
const sizes = [40, 100, 100, 10];

/** Best seconds per call over 3 batches of at least `minMs`, after a warm-up. */
function time(fn: () => void, minMs = 300): number {
  for (let i = 0; i < 3; i++) fn();
  let best = Number.POSITIVE_INFINITY;
  for (let b = 0; b < 3; b++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    do {
      fn();
      n++;
      t = performance.now();
    } while (t - t0 < minMs);
    best = Math.min(best, (t - t0) / n);
  }
  return best / 1000;
}

const rng = new RandomState(0);
const model = new Sequential(
  new Linear(40, 100, { rng }),
  new ReLU(),
  new Linear(100, 100, { rng }),
  new ReLU(),
  new Linear(100, 10, { rng }),
);
const linears = [0, 2, 4].map((i) => model.get(i) as Linear); // the weights, before fusing
fuseModules(model);
const xData = Float32Array.from(rng.normal(0, 1, [B, 40]).toList());
const labels = Int32Array.from({ length: B }, (_, i) => (i * 7) % 10);
const x = fromData(xData, [B, 40]);
const y = fromData(labels, [B]);

function gradkitStep(): number {
  model.zeroGrad();
  const loss = crossEntropy(model.call(x), y);
  loss.backward();
  return loss.item();
}

// ---- manual backprop baseline (same weights) --------------------------------------------------
const W = linears.map((l) => Float32Array.from(l.weight.data));
const b = linears.map((l) => Float32Array.from(l.bias!.data));
const dW = W.map((w) => new Float32Array(w.length));
const db = b.map((v) => new Float32Array(v.length));
const acts = sizes.map((d) => new Float32Array(B * d)); // acts[0] = x, acts[k] = layer k output (post-ReLU for hidden)
acts[0]!.set(xData);
const grads = sizes.map((d) => new Float32Array(B * d));

function manualStep(): number {
  // forward: a_{k+1} = relu(a_k W_kᵀ + b_k)
  for (let k = 0; k < 3; k++) {
    const din = sizes[k]!;
    const dout = sizes[k + 1]!;
    const a = acts[k]!;
    const o = acts[k + 1]!;
    const w = W[k]!;
    const bias = b[k]!;
    for (let n = 0; n < B; n++) {
      for (let j = 0; j < dout; j++) {
        const wo = j * din;
        const ao = n * din;
        // four accumulators so the dot product is not bound by the latency of one add chain
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let i = 0;
        for (; i + 3 < din; i += 4) {
          s0 += a[ao + i]! * w[wo + i]!;
          s1 += a[ao + i + 1]! * w[wo + i + 1]!;
          s2 += a[ao + i + 2]! * w[wo + i + 2]!;
          s3 += a[ao + i + 3]! * w[wo + i + 3]!;
        }
        for (; i < din; i++) s0 += a[ao + i]! * w[wo + i]!;
        const s = bias[j]! + (s0 + s1 + s2 + s3);
        o[n * dout + j] = k < 2 && s < 0 ? 0 : s;
      }
    }
  }
  // loss: mean cross-entropy; gradient (softmax - onehot) / B
  const logits = acts[3]!;
  const g = grads[3]!;
  let loss = 0;
  for (let n = 0; n < B; n++) {
    let m = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < 10; c++) m = Math.max(m, logits[n * 10 + c]!);
    let z = 0;
    for (let c = 0; c < 10; c++) z += Math.exp(logits[n * 10 + c]! - m);
    loss += Math.log(z) + m - logits[n * 10 + labels[n]!]!;
    for (let c = 0; c < 10; c++)
      g[n * 10 + c] = (Math.exp(logits[n * 10 + c]! - m) / z - (c === labels[n] ? 1 : 0)) / B;
  }
  // backward: dW_k = g_{k+1}ᵀ a_k, db_k = Σ_n g_{k+1}, g_k = (g_{k+1} W_k) ⊙ [a_k > 0]
  for (let k = 2; k >= 0; k--) {
    const din = sizes[k]!;
    const dout = sizes[k + 1]!;
    const gk1 = grads[k + 1]!;
    const a = acts[k]!;
    const w = W[k]!;
    const dw = dW[k]!;
    const dbk = db[k]!;
    dw.fill(0);
    dbk.fill(0);
    for (let n = 0; n < B; n++)
      for (let j = 0; j < dout; j++) {
        const gv = gk1[n * dout + j]!;
        dbk[j]! += gv;
        const wo = j * din;
        const ao = n * din;
        for (let i = 0; i < din; i++) dw[wo + i]! += gv * a[ao + i]!;
      }
    if (k > 0) {
      const gk = grads[k]!;
      gk.fill(0);
      for (let n = 0; n < B; n++)
        for (let j = 0; j < dout; j++) {
          const gv = gk1[n * dout + j]!;
          const wo = j * din;
          const go = n * din;
          for (let i = 0; i < din; i++) gk[go + i]! += gv * w[wo + i]!;
        }
      for (let i = 0; i < gk.length; i++) if (!(a[i]! > 0)) gk[i] = 0;
    }
  }
  return loss / B;
}

// ---- manual backprop on core tensors (the Gradients notebooks' equations with matmul; no graph)
const onehot = fromData(
  Float32Array.from({ length: B * 10 }, (_, i) => (i % 10 === labels[Math.floor(i / 10)] ? 1 : 0)),
  [B, 10],
);
const Wt = linears.map((l) => l.weight.detach());
const bt = linears.map((l) => l.bias!.detach());
let tensorGrads: Tensor[] = [];
function tensorManualStep(): void {
  noGrad(() => {
    const h: Tensor[] = [x];
    const masks: Tensor[] = [];
    for (let k = 0; k < 3; k++) {
      const f = add(matmul(h[k]!, transpose(Wt[k]!)), bt[k]!);
      if (k < 2) {
        const a = relu(f);
        masks.push(
          fromData(
            Float32Array.from(f.data, (v) => (v > 0 ? 1 : 0)),
            f.shape,
          ),
        );
        h.push(a);
      } else h.push(f);
    }
    let g = mul(sub(softmax(h[3]!), onehot), 1 / B); // dL/dlogits of the mean cross-entropy
    tensorGrads = [];
    for (let k = 2; k >= 0; k--) {
      tensorGrads.unshift(matmul(transpose(g), h[k]!), sum(g, { axis: 0 }));
      if (k > 0) g = mul(matmul(g, Wt[k]!), masks[k - 1]!);
    }
  });
}

// the two implementations must agree before they are timed
const lossA = gradkitStep();
const lossB = manualStep();
const grad0 = linears[0]!.weight.grad!.data;
let maxDiff = 0;
for (let i = 0; i < grad0.length; i++) maxDiff = Math.max(maxDiff, Math.abs(grad0[i]! - dW[0]![i]!));
console.log(
  `check: loss gradkit ${lossA.toFixed(6)} vs manual ${lossB.toFixed(6)}; max |dW1 difference| ${maxDiff.toExponential(2)}`,
);
tensorManualStep();
for (let i = 0; i < grad0.length; i++)
  maxDiff = Math.max(maxDiff, Math.abs(grad0[i]! - tensorGrads[0]!.data[i]!));
if (Math.abs(lossA - lossB) > 1e-4 || maxDiff > 1e-5) {
  console.error('gradkit and manual backprop disagree; not timing');
  process.exit(1);
}

const tManual = time(manualStep);
const tTensorManual = time(tensorManualStep);
const tGradkit = time(gradkitStep);
const fmt = (s: number) => `${(s * 1e3).toFixed(3).padStart(8)} ms`;
console.log('\n## coursework MLP 40-100-100-10, batch 100, float32: forward + backward per step');
console.log(`${'implementation'.padEnd(34)} ${'time'.padStart(11)}  ratio vs manual`);
console.log(`${'manual backprop (baseline)'.padEnd(34)} ${fmt(tManual)}  1.00`);
const ratio = (t: number) => (t / tManual).toFixed(2);
console.log(`${'manual backprop, core matmul'.padEnd(34)} ${fmt(tTensorManual)}  ${ratio(tTensorManual)}`);
console.log(`${'gradkit modules + autograd'.padEnd(34)} ${fmt(tGradkit)}  ${ratio(tGradkit)}`);
console.log(
  `autograd overhead (gradkit / manual backprop with the same kernels): ${(tGradkit / tTensorManual).toFixed(2)}`,
);

const script = fileURLToPath(new URL('./torch_mlp.py', import.meta.url));
const py = ['/usr/bin/python3', 'python3'].find((p) => p === 'python3' || existsSync(p))!;
const r = spawnSync(py, [script], { encoding: 'utf8', timeout: 120_000 });
if (r.status === 0) {
  const t = JSON.parse(r.stdout.trim().split('\n').pop()!);
  console.log(
    `${`PyTorch ${t.version}, 1 thread`.padEnd(34)} ${fmt(t.one_thread)}  ${(t.one_thread / tManual).toFixed(2)}`,
  );
  if (t.default_threads > 1)
    console.log(
      `${`PyTorch, ${t.default_threads} threads`.padEnd(34)} ${fmt(t.default)}  ${(t.default / tManual).toFixed(2)}`,
    );
  console.log(`gradkit / PyTorch (1 thread): ${(tGradkit / t.one_thread).toFixed(2)}`);
} else {
  console.log(`${'PyTorch'.padEnd(34)} not installed (${py} could not import torch)`);
}
