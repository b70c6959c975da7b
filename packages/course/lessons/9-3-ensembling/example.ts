import { inv, matmul, mean, median, RandomState, tensor, transpose } from '@gradkit/core';

// Notebook 9.3: four models fitted to bootstrap resamples of 15 noisy points, then combined.
const trueFunction = (x: number) => Math.exp(Math.sin(x * (2 * 3.1413))); // the notebook's π is 3.1413
const nHidden = 14;
const basis = (x: number) => [1, ...Array.from({ length: nHidden }, (_, c) => Math.max(x - c / nHidden, 0))];
const xModel = Array.from({ length: 100 }, (_, i) => i / 99);
const yFunc = xModel.map(trueFunction);
const mse = (y: number[]) => y.reduce((s, v, i) => s + (v - yFunc[i]!) ** 2, 0) / y.length;

const rng = new RandomState(1);
const xData = Array.from({ length: 15 }, (_, i) => rng.uniform(i / 15, (i + 1) / 15));
const yData = xData.map((x) => trueFunction(x) + rng.normal(0, 0.3));

// (AᵀA + 1e-5·I')⁻¹ Aᵀ y, the bias unpenalised, then the model on 100 inputs
function fitAndRun(x: number[], y: number[]): number[] {
  const A = tensor(x.map(basis));
  const reg = tensor(basis(0).map((_, i) => basis(0).map((_, j) => (i === j && i > 0 ? 1e-5 : 0))));
  const phi = matmul(matmul(inv(matmul(transpose(A), A).add(reg)), transpose(A)), tensor(y)).data;
  return xModel.map((xi) => basis(xi).reduce((s, b, k) => s + b * phi[k]!, 0));
}

const models: number[][] = [];
for (let m = 0; m < 4; m++) {
  const idx = rng.choice(15, { size: 15 }).toList() as number[]; // with replacement
  models.push(
    fitAndRun(
      idx.map((i) => xData[i]!),
      idx.map((i) => yData[i]!),
    ),
  );
  console.log(`model ${m + 1}: mean square error ${mse(models[m]!).toFixed(3)}`);
}
console.log(`median: ${mse(median(tensor(models), { axis: 0 }).toList() as number[]).toFixed(3)}`);
console.log(`mean:   ${mse(mean(tensor(models), { axis: 0 }).toList() as number[]).toFixed(3)}`);
