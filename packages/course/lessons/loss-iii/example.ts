import { tensor } from '@gradkit/core';
import { crossEntropy, softmax } from '@gradkit/losses';

// Logits of three examples over three classes, and their labels.
const logits = tensor([
  [2.0, -1.0, 0.5],
  [0.1, 0.2, 3.0],
  [-1.0, 2.5, 0.0],
]);
const labels = tensor([0, 2, 1], { dtype: 'int32' });
console.log('probabilities:', softmax(logits, { axis: 1 }).toArray());
console.log('mean cross-entropy:', crossEntropy(logits, labels).item().toFixed(4));
