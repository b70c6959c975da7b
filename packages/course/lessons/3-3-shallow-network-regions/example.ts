import { comb } from '@gradkit/core';
import { numberParameters, numberRegions } from '@gradkit/nn';

// Zaslavsky's formula: N = Σ_{j=0}^{D_i} C(D, j), exactly (bigint).
console.log(numberRegions(2, 3)); // 7n: three lines cut the plane into 7 regions (figure 3.8j)
console.log(numberRegions(10, 50)); // 13432735556n
console.log(numberRegions(10, 8), 2n ** 8n); // 256n 256n: fewer hidden units than inputs
console.log(comb(50, 10)); // 10272278170n, Python's math.comb(50, 10)

// Regions per parameter: more inputs make many more regions for the same budget.
for (const Di of [1, 10, 100]) {
  const D = 1000;
  console.log(
    `D_i=${Di}: ${numberParameters(Di, D)} parameters, ${Number(numberRegions(Di, D)).toExponential(2)} regions`,
  );
}
