/**
 * Autograd overhead benchmark: the tape (`grad`, and PyTorch-style `backward()`) against a
 * hand-written backward pass doing the same tensor ops, measured in one run; goal ≤ 2x.
 *
 * - the Gradients II network (K = 5 hidden layers of D = 6, one input column, `np.random.seed(0)`
 *   draws in the notebook's order): the notebook's backward pass of UDL eq. 7.13, written here
 *   with core's ops as in the lesson (`@gradkit/course`'s gradients-ii), vs `grad` of the loss;
 * - a 40-100-100-10 ReLU MLP on a batch of 100 (PyTorch layout, `x [100, 40] · W [40, 100] + b`,
 *   mean squared error): manual backprop vs `grad` over the `[{w, b}, ...]` pytree and vs
 *   `loss.backward()` on parameters with `requiresGrad`.
 *
 * Each row times forward + backward per iteration (best of 5 interleaved batches of ≥ 100 ms).
 * Run alone: `npx tsx --conditions=@gradkit/source packages/core/bench/autograd.ts`.
 */

import { mapUnary } from '../src/extend.js';
import { full, grad, noGrad, RandomState, type Tensor, zeroGrad } from '../src/index.js';
import { batchMs } from './timing.js';

/**
 * Best time per call (ms) of each function, batches interleaved (a, b, c, a, b, c, ...) so that
 * load from other processes affects all of them alike; after a warm-up.
 */
function timeAll(fns: (() => void)[], minMs = 100, rounds = 5): number[] {
  for (const fn of fns) batchMs(fn, 300); // warm-up: let the JIT settle
  const best = fns.map(() => Infinity);
  for (let r = 0; r < rounds; r++)
    fns.forEach((fn, i) => {
      best[i] = Math.min(best[i]!, batchMs(fn, minMs));
    });
  return best;
}

const results: string[] = [];
function report(name: string, manualMs: number, autoMs: number, label = 'grad'): void {
  const line = `${name.padEnd(44)} manual ${manualMs.toFixed(4).padStart(9)} ms   ${label} ${autoMs.toFixed(4).padStart(9)} ms   ratio ${(autoMs / manualMs).toFixed(2)}x`;
  results.push(line);
  console.log(line);
}

console.log(
  '## autograd vs manual backprop (forward + backward per iteration; ratio = autograd / manual, goal ≤ 2)',
);

// ---- Gradients II network --------------------------------------------------------------------
{
  // The notebook's network: Ω_0 [6, 1], Ω_K [1, 6], β_0 [6, 1], β_K [1, 1], then Ω_k, β_k for
  // k = 1..K-1, all standard normal draws after np.random.seed(0); input 1.2, target 20.
  const K = 5;
  const D = 6;
  const rng = new RandomState(0);
  const allWeights = new Array<Tensor>(K + 1);
  const allBiases = new Array<Tensor>(K + 1);
  allWeights[0] = rng.normal(0, 1, [D, 1]);
  allWeights[K] = rng.normal(0, 1, [1, D]);
  allBiases[0] = rng.normal(0, 1, [D, 1]);
  allBiases[K] = rng.normal(0, 1, [1, 1]);
  for (let k = 1; k < K; k++) {
    allWeights[k] = rng.normal(0, 1, [D, D]);
    allBiases[k] = rng.normal(0, 1, [D, 1]);
  }
  const x = full([1, 1], 1.2);
  const y = full([1, 1], 20.0);

  /** Forward pass of UDL eq. 7.5, keeping every pre-activation f_k and activation h_k. */
  const forward = (weights: readonly Tensor[], biases: readonly Tensor[]) => {
    const allF: Tensor[] = [];
    const allH: Tensor[] = [x];
    for (let k = 0; k < K; k++) {
      allF.push(biases[k]!.add(weights[k]!.matmul(allH[k]!)));
      allH.push(allF[k]!.clip(0.0, null));
    }
    allF.push(biases[K]!.add(weights[K]!.matmul(allH[K]!)));
    return { allF, allH };
  };
  const lossOf = (p: { allWeights: Tensor[]; allBiases: Tensor[] }) => {
    const d = forward(p.allWeights, p.allBiases).allF[K]!.sub(y);
    return d.mul(d).sum();
  };

  // the backward pass of UDL eq. 7.13 as the notebook writes it (indicator I[f >= 0])
  const manual = () => {
    noGrad(() => {
      const { allF, allH } = forward(allWeights, allBiases);
      let dlDf = allF[K]!.sub(y).mul(2);
      const dW: Tensor[] = [];
      const db: Tensor[] = [];
      for (let k = K; k >= 0; k--) {
        db[k] = dlDf;
        dW[k] = dlDf.matmul(allH[k]!.transpose());
        const dlDh = allWeights[k]!.transpose().matmul(dlDf);
        if (k > 0) dlDf = mapUnary(allF[k - 1]!, 'float64', (v) => (v >= 0 ? 1 : 0)).mul(dlDh);
      }
      return { dW, db };
    });
  };
  const auto = () => {
    grad(lossOf)({ allWeights, allBiases });
  };
  const [tm, ta] = timeAll([manual, auto]);
  report('Gradients II network (K=5, D=6)', tm!, ta!);
}

// ---- 40-100-100-10 MLP, batch 100 --------------------------------------------------------------
{
  const rng = new RandomState(0);
  const sizes = [40, 100, 100, 10];
  const N = 100;
  const params = sizes.slice(0, -1).map((n, i) => ({
    w: rng.normal(0, Math.sqrt(2 / n), [n, sizes[i + 1]!]),
    b: rng.normal(0, 0.1, [sizes[i + 1]!]),
  }));
  const X = rng.normal(0, 1, [N, 40]);
  const Y = rng.normal(0, 1, [N, 10]);

  const forward = (p: { w: Tensor; b: Tensor }[]) => {
    const f1 = X.matmul(p[0]!.w).add(p[0]!.b);
    const h1 = f1.clip(0, null);
    const f2 = h1.matmul(p[1]!.w).add(p[1]!.b);
    const h2 = f2.clip(0, null);
    const out = h2.matmul(p[2]!.w).add(p[2]!.b);
    return { f1, h1, f2, h2, out };
  };
  const lossOf = (p: { w: Tensor; b: Tensor }[]) => forward(p).out.sub(Y).square().mean();

  // manual backprop with the same ops: dL/dout = 2 (out - Y) / (N·10), then eq. 7.13 in row layout
  const manual = () =>
    noGrad(() => {
      const { f1, h1, f2, h2, out } = forward(params);
      const dOut = out.sub(Y).mul(2 / (N * 10));
      const dW3 = h2.transpose().matmul(dOut);
      const db3 = dOut.sum({ axis: 0 });
      const dF2 = dOut.matmul(params[2]!.w.transpose()).mul(f2.greater(0));
      const dW2 = h1.transpose().matmul(dF2);
      const db2 = dF2.sum({ axis: 0 });
      const dF1 = dF2.matmul(params[1]!.w.transpose()).mul(f1.greater(0));
      const dW1 = X.transpose().matmul(dF1);
      const db1 = dF1.sum({ axis: 0 });
      return [dW1, db1, dW2, db2, dW3, db3];
    });

  // correctness first: the three ways agree
  const gm = manual();
  const ga = grad(lossOf)(params) as { w: Tensor; b: Tensor }[];
  const flatA = ga.flatMap((l) => [l.w, l.b]);
  let maxErr = 0;
  gm.forEach((g, i) => {
    g.data.forEach((v, j) => {
      maxErr = Math.max(maxErr, Math.abs(v - flatA[i]!.data[j]!));
    });
  });
  if (maxErr > 1e-12) throw new Error(`bench: autograd and manual gradients differ by ${maxErr}`);

  const auto = () => {
    grad(lossOf)(params);
  };
  const tracked = params.map((l) => ({ w: l.w.detach().requiresGrad_(), b: l.b.detach().requiresGrad_() }));
  const torchStyle = () => {
    zeroGrad(tracked);
    lossOf(tracked).backward();
  };
  const [tm, ta, tt] = timeAll([manual, auto, torchStyle]);
  report('MLP 40-100-100-10, batch 100', tm!, ta!);
  report('MLP 40-100-100-10, batch 100', tm!, tt!, 'backward()');
}
