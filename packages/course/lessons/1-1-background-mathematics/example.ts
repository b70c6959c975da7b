import { arange, exp, log, matmul, tensor } from '@gradkit/core';

// A straight line y = β + ωx over x in [0, 10): the line through y = 10 and x = 5.
const x = arange(0, 10, 2.5);
console.log(x.mul(-2).add(10).toList()); // [10, 5, 0, -5]

// Two linear equations of three inputs at once: y = β + Ωx.
const beta = tensor([[0.5], [0.2]]);
const omega = tensor([
  [-1.0, 0.4, -0.3],
  [0.1, 0.1, 1.2],
]);
const xVec = tensor([[4], [-1], [2]]);
console.log(beta.add(matmul(omega, xVec)).toArray()); // [[-4.5], [2.9]] (to rounding)

// exp and log undo each other.
console.log(exp(log(tensor([4]))).item(), log(exp(tensor([3]))).item()); // 4 3 (to rounding)
