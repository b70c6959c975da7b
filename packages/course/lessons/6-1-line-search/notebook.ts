/**
 * UDL Notebook 6.1: Line search (`udlbook/6_1_Line_Search.md`, book figure 6.10), the notebook
 * translated to library calls: minimise a 1-D loss with two Gaussian dips by shrinking a bracket of four
 * points a < b < c < d. The loss is `@gradkit/optimizers`' `gaussianDipsLoss` with its default
 * dips (the notebook's `loss_function`, shared with the CM20315 Training I lesson).
 *
 * The notebook's `line_search`, whose TODOs are its three rules and the final average, is
 * {@link lineSearch} here, not `@gradkit/optimizers`' `lineSearch`: the book's rule 1 moves b, c
 * and d so that they are *half as far from a* as they were (`b = a + (b − a)/2`, as Notebooks 6.2
 * and 6.3 reproduce the routine), where Training I (and the library) halve b, c and d themselves,
 * which is the same only while a = 0. Notebooks 6.2 and 6.3 import this routine from here.
 *
 * ```ts
 * import { lineSearch, lossFunction } from './notebook.js';
 * lineSearch(lossFunction, { threshold: 0.0001, maxIter: 10 }).soln; // 0.3832…
 * ```
 */
import { arange, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import {
  gaussianDipsLoss,
  type LineSearchIteration,
  type LineSearchOptions,
  type LineSearchResult,
} from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/**
 * The notebook's `loss_function`:
 * `L[φ] = 1 − 0.5 exp(−(φ − 0.65)²/0.1) − 0.45 exp(−(φ − 0.35)²/0.02)` (`gaussianDipsLoss`).
 */
export function lossFunction(phi: number): number {
  return gaussianDipsLoss(phi);
}

/**
 * The book's bracketing line search (Notebook 6.1 `line_search`, completed as Notebooks 6.2/6.3
 * reproduce it): start from a = 0, b = 0.33·maxDist, c = 0.66·maxDist, d = maxDist and, while
 * |b − c| > threshold and fewer than maxIter iterations,
 *
 * 1. if L[a] is the lowest of the four (`np.argmin(...) == 0`, ties to a), move b, c and d half
 *    way towards a: `b ← a + (b − a)/2`, and the same for c and d;
 * 2. else if L[b] < L[c]: d ← c, then b, c at 1/3 and 2/3 of [a, d];
 * 3. else: a ← b, then b, c at 1/3 and 2/3 of [a, d];
 *
 * and return (b + c)/2. Options as `@gradkit/optimizers`' `lineSearch` (defaults: threshold 1e-4,
 * maxIter 10, maxDist 1 — Notebook 6.1's; Notebooks 6.2/6.3 search with 1e-5, 15 and 0.1 or 2.0).
 *
 * @throws ValueError when `loss` is not a function, an option is out of range, or the loss is NaN.
 */
export function lineSearch(loss: (phi: number) => number, options: LineSearchOptions = {}): LineSearchResult {
  const op = 'lineSearch';
  if (typeof loss !== 'function')
    throw new ValueError(op, `loss must be a function of one number, received ${show(loss)}`);
  const threshold = options.threshold ?? 0.0001;
  const maxIter = options.maxIter ?? 10;
  const maxDist = options.maxDist ?? 1.0;
  if (!(typeof threshold === 'number' && threshold >= 0 && Number.isFinite(threshold)))
    throw new ValueError(op, `options.threshold must be a finite number >= 0, received ${show(threshold)}`);
  if (!Number.isInteger(maxIter) || maxIter < 0)
    throw new ValueError(op, `options.maxIter must be an integer >= 0, received ${show(maxIter)}`);
  if (!(typeof maxDist === 'number' && maxDist > 0 && Number.isFinite(maxDist)))
    throw new ValueError(op, `options.maxDist must be a finite number > 0, received ${show(maxDist)}`);
  // Initialize four points along the range we are going to search
  let a = 0;
  let b = 0.33 * maxDist;
  let c = 0.66 * maxDist;
  let d = 1.0 * maxDist;
  let nIter = 0;
  const history: LineSearchIteration[] = [];
  while (Math.abs(b - c) > threshold && nIter < maxIter) {
    nIter = nIter + 1;
    const lossA = loss(a);
    const lossB = loss(b);
    const lossC = loss(c);
    const lossD = loss(d);
    for (const [k, v] of Object.entries({ lossA, lossB, lossC, lossD }))
      if (typeof v !== 'number' || Number.isNaN(v))
        throw new ValueError(op, `loss returned ${show(v)} (${k}) at iteration ${nIter}; expected a number`);
    const rule: 1 | 2 | 3 = lossA <= lossB && lossA <= lossC && lossA <= lossD ? 1 : lossB < lossC ? 2 : 3;
    const it: LineSearchIteration = { nIter, a, b, c, d, lossA, lossB, lossC, lossD, rule };
    history.push(it);
    options.onIter?.(it);
    if (rule === 1) {
      // Rule #1: b, c and d half as far from a as they were.
      b = a + (b - a) / 2;
      c = a + (c - a) / 2;
      d = a + (d - a) / 2;
      continue;
    }
    if (rule === 2) {
      // Rule #2: d becomes c; b and c are 1/3 and 2/3 between a and the new d.
      d = c;
      b = a + (d - a) / 3;
      c = a + (2 * (d - a)) / 3;
      continue;
    }
    // Rule #3: a becomes b; b and c are 1/3 and 2/3 between the new a and d.
    a = b;
    b = a + (d - a) / 3;
    c = a + (2 * (d - a)) / 3;
  }
  // The final solution is the average of b and c.
  return { soln: (b + c) / 2.0, nIter, history };
}

/** Run the notebook top to bottom: the plotted loss, each iteration's bracket, the solution. */
export function run(nb: Notebook): void {
  // draw_function(loss_function): the loss on np.arange(0,1,0.01)
  const phi_plot = arange(0, 1, 0.01);
  nb.show('draw_function(loss_function)', {
    phi_plot,
    'loss_function(phi_plot)': phi_plot.toList().map((p) => lossFunction(p as number)),
  });

  // soln = line_search(loss_function, draw_flag=True): each iteration draws and prints its bracket
  const { soln } = lineSearch(lossFunction, {
    threshold: 0.0001,
    maxIter: 10,
    onIter: ({ nIter, a, b, c, d }) => {
      nb.show('(n_iter, a,b,c,d)', [nIter, a, b, c, d], { loop: true });
      nb.print(pyFormat('Iter %d, a=%3.3f, b=%3.3f, c=%3.3f, d=%3.3f', nIter, a, b, c, d));
    },
  });
  nb.set('soln', soln);
  const loss = lossFunction(soln);
  nb.show('loss_function(soln)', loss);
  nb.print(pyFormat('Soln = %3.3f, loss = %3.3f', soln, loss));
}
