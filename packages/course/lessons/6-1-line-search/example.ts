import { gaussianDipsLoss, lineSearch } from '@gradkit/optimizers';

// Notebook 6.1's loss with two Gaussian dips (UDL figure 6.10) and a bracketing line search on [0, 1] with
// more and more iterations. (`@gradkit/optimizers`' lineSearch is Training I's variant; its
// rule 1 never fires from this bracket, so it gives the book's numbers.)
const loss = (phi: number) => gaussianDipsLoss(phi); // 1 − 0.5 e^{−(φ−0.65)²/0.1} − 0.45 e^{−(φ−0.35)²/0.02}

for (const maxIter of [2, 5, 10, 20]) {
  const { soln, history } = lineSearch(loss, { threshold: 0.0001, maxIter });
  const last = history.at(-1)!;
  console.log(
    `max_iter ${maxIter}: soln = ${soln.toFixed(4)}, loss = ${loss(soln).toFixed(4)}, last bracket [${last.a.toFixed(4)}, ${last.d.toFixed(4)}]`,
  );
}
