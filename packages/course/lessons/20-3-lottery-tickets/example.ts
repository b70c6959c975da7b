import { astype, RandomState } from '@gradkit/core';
import { makeMnist1d } from '@gradkit/datasets';
import { findLotteryTicket, MODEL_ARGS, SparseMLP } from './notebook.js';

// UDL notebook 20.3: iterative magnitude pruning with rewinding on MNIST-1D. Train the residual
// MLP, zero the smallest weights of each layer, rewind the others to their initial values, retrain.
const d = makeMnist1d(); // 4000 training and 1000 test signals of length 40 (generated, seed 42)
const data = { x: astype(d.x, 'float32'), y: d.y, xVal: astype(d.xTest, 'float32'), yVal: d.yTest };
// a small version of the notebook's run: 100 hidden units (not 500), 61 steps per retrain (not
// 1502), three sparsities (not 100)
const args = { ...MODEL_ARGS, hiddenSize: 100, totalSteps: 60, evalEvery: 20, checkpointEvery: 40 };
const model = new SparseMLP(40, 10, args.hiddenSize, new RandomState(42));
findLotteryTicket(model, data, args, [0, 0.5, 0.9], (i, p, r) =>
  console.log(
    `retrain #${i + 1}, sparsity ${p.toFixed(2)}: test loss ${r.testLosses.at(-1)!.toFixed(3)}, test accuracy ${r.testAcc.at(-1)}%`,
  ),
);
