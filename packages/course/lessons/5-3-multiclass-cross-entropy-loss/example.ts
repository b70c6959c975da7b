import { tensor } from '@gradkit/core';
import { categoricalLikelihood, categoricalNll, crossEntropy, softmax } from '@gradkit/losses';

// Network outputs for K = 3 classes (rows) and N = 4 examples (columns), as in the book.
const modelOut = tensor([
  [2.0, -1.0, 0.5, 0.0],
  [0.1, 0.2, 3.0, -2.0],
  [-1.0, 2.5, 0.0, 1.0],
]);
const y = [0, 2, 1, 2];
const lambda = softmax(modelOut, { axis: 0 }); // every column sums to one (eq. 5.22)
console.log('lambda:', lambda.toArray());
console.log('likelihood:', categoricalLikelihood(y, lambda).item().toFixed(6));
console.log('negative log likelihood:', categoricalNll(y, lambda).item().toFixed(6));
// PyTorch's cross_entropy takes the examples in rows and averages: the same loss divided by N.
const logitsByRow = modelOut.transpose();
console.log(
  'crossEntropy × N:',
  (crossEntropy(logitsByRow, tensor(y, { dtype: 'int32' })).item() * 4).toFixed(6),
);
