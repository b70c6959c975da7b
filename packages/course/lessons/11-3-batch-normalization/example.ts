import { add, astype, mean, RandomState, type Tensor, variance } from '@gradkit/core';
import { makeMnist1d } from '@gradkit/datasets';
import { BatchNorm1d, init, Linear, relu } from '@gradkit/nn';

// UDL notebook 11.3: the variance of the hidden units through a residual network at He
// initialization, without and with a BatchNorm1d at the start of every residual branch.
const data = makeMnist1d(); // 4000 training signals of length 40
const rng = new RandomState(1);
const batch = astype(data.x, 'float32').index('0:200'); // the first 200 signals as a batch

/** np.mean(np.var(h, axis=0)): the variance over the batch of each unit, averaged over the units. */
const neuronVariance = (h: Tensor) => mean(variance(h.detach(), { axis: 0 })).item();

function heLinear(fanIn: number, fanOut: number): Linear {
  const layer = new Linear(fanIn, fanOut, { rng });
  init.kaimingUniform_(layer.weight, { rng }); // He initialization, zero biases
  init.zeros_(layer.bias!);
  return layer;
}

for (const withBatchNorm of [false, true]) {
  const first = heLinear(40, 100);
  const branches = Array.from({ length: 5 }, () => ({
    linear: heLinear(100, 100),
    bn: new BatchNorm1d(100),
  }));
  let res = first.call(batch);
  const variances = [neuronVariance(res)];
  for (const { linear, bn } of branches) {
    // res + Linear(ReLU(res)), or res + Linear(ReLU(BatchNorm(res))) (UDL figure 11.6c)
    res = add(res, linear.call(relu(withBatchNorm ? bn.call(res) : res)));
    variances.push(neuronVariance(res));
  }
  console.log(
    withBatchNorm ? 'with batch norm:   ' : 'without batch norm:',
    variances.map((v) => v.toFixed(2)).join(' '),
  );
}
