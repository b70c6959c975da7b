import { arange } from '@gradkit/core';
import { LOSS_X } from '@gradkit/datasets';
import { sumOfSquares } from '@gradkit/losses';
import { relu, shallow1_1_3 } from '@gradkit/nn';

// Notebook 3.1's network: φ0..φ3, then θ10, θ11, θ20, θ21, θ30, θ31 (UDL eq. 3.1).
const params = [-0.3, 2.0, -1.0, 7.0, 0.3, -1.0, -1.0, 2.0, -0.5, 0.65] as const;
const r = shallow1_1_3(arange(0, 1, 0.25), relu, ...params);
console.log('pre_1:', r.pre1.toArray()); // θ10 + θ11 x
console.log('y:', r.y.toArray());

// Its least-squares loss on the notebook's 20 training pairs.
const yTrain = [
  -0.15934537, 0.18195445, 0.45127015, 0.13921448, 0.09366691, 0.30567674, 0.37229117, 0.40716968,
  -0.08131792, 0.41187806, 0.36943738, 0.3994327, 0.01906257, 0.3582041, 0.45256496, -0.0183121, 0.02957665,
  -0.24354444, 0.14803884, 0.2682497,
];
const yPredict = shallow1_1_3([...LOSS_X], relu, ...params).y;
console.log('loss:', sumOfSquares(yTrain, yPredict).item().toFixed(3)); // 9.385
