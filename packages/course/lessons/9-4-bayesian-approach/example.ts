import { inv, matmul, RandomState, tensor } from '@gradkit/core';

// Notebook 9.4: the posterior over the output weights φ = [ω, β] of a network with 5 fixed ReLU
// joints, fitted to 15 noisy points of exp(sin(2πx)) (np.random.seed(1)).
const rng = new RandomState(1);
const x = Array.from({ length: 15 }, (_, i) => rng.uniform(i / 15, (i + 1) / 15));
const y = x.map((xi) => Math.exp(Math.sin(xi * (2 * 3.1413))) + rng.normal(0, 0.3));
const hidden = (xi: number) => [...Array.from({ length: 5 }, (_, i) => Math.max(xi - i / 5, 0)), 1];

const sigmaSq = 0.09; // noise variance σ²
const sigmaPSq = 1000; // prior variance σp²: we know little before seeing the data
const H = tensor(x.map(hidden)).T; // (6, 15): one column of activations per point
const eye = tensor(Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => +(i === j))));
const phiCovar = inv(matmul(H, H.T).div(sigmaSq).add(eye.div(sigmaPSq))); // Σ
const phiMean = matmul(phiCovar, matmul(H, tensor(y.map((v) => [v])))).div(sigmaSq); // μ = Σ H y / σ²

// the posterior predictive at a few inputs: mean h*ᵀμ, standard deviation √(h*ᵀ Σ h*)
for (const xs of [0.05, 0.5, 0.95]) {
  const h = tensor([hidden(xs)]);
  const mean = matmul(h, phiMean).item();
  const std = Math.sqrt(matmul(matmul(h, phiCovar), h.T).item());
  console.log(`x* = ${xs}: y* = ${mean.toFixed(3)} ± ${(2 * std).toFixed(3)} (2 std)`);
}
