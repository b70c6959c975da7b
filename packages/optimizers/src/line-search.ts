/**
 * Line search by bracketing, exactly as the Training I–III practicals write it
 * (udl-training_i, udl-cm20315-training_ii/iii): four points a < b < c < d, and while
 * |b − c| > threshold and fewer than maxIter iterations:
 *
 * 1. if L(a) is the smallest of the four (first index on ties, as `np.argmin`), halve b, c, d;
 * 2. else if L(b) < L(c): d ← c, b ← a + (d − a)/3, c ← a + 2(d − a)/3;
 * 3. else: a ← b, b ← a + (d − a)/3, c ← a + 2(d − a)/3.
 *
 * The answer is (b + c)/2.
 */
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';

/** Options of {@link lineSearch}; names follow the notebooks (`thresh`, `max_iter`, `max_dist`). */
export interface LineSearchOptions {
  /** Stop when |b − c| <= threshold (notebook `thresh`; Training I 1e-4, Training II/III 1e-5). Default 1e-4. */
  threshold?: number;
  /** Iteration cap (notebook `max_iter`; Training I 10, Training II/III 15). Default 10. */
  maxIter?: number;
  /** Length of the initial bracket (notebook `max_dist`; Training I 1, Training III 2.0). Default 1. */
  maxDist?: number;
  /** Initial points; default a = 0, b = a + 0.33 maxDist, c = a + 0.66 maxDist, d = a + maxDist. */
  a?: number;
  b?: number;
  c?: number;
  d?: number;
  /** Called with each iteration's bracket and losses (the notebook's `verbose` / `draw_flag`). */
  onIter?: (it: LineSearchIteration) => void;
}

/** One iteration of the bracketing loop (before the rule is applied). */
export interface LineSearchIteration {
  nIter: number;
  a: number;
  b: number;
  c: number;
  d: number;
  lossA: number;
  lossB: number;
  lossC: number;
  lossD: number;
  /** Which rule moved the bracket: 1 (halve towards a), 2 (drop d) or 3 (drop a). */
  rule: 1 | 2 | 3;
}

/** Result of {@link lineSearch}: the notebook's `soln`, the iteration count and the history. */
export interface LineSearchResult {
  soln: number;
  nIter: number;
  history: LineSearchIteration[];
}

/**
 * Minimize a 1-D function by bracketing (the Training I–III `line_search`).
 *
 * ```ts
 * const loss = (phi: number) => 1 - 0.5 * Math.exp(-((phi - 0.65) ** 2) / 0.1) - 0.45 * Math.exp(-((phi - 0.35) ** 2) / 0.02);
 * lineSearch(loss).soln; // Training I: the minimum near 0.35
 * ```
 */
export function lineSearch(loss: (x: number) => number, options: LineSearchOptions = {}): LineSearchResult {
  const op = 'lineSearch';
  if (typeof loss !== 'function')
    throw new ValueError(op, `loss must be a function of one number, received ${show(loss)}`);
  const threshold = options.threshold ?? 1e-4;
  const maxIter = options.maxIter ?? 10;
  const maxDist = options.maxDist ?? 1.0;
  if (typeof threshold !== 'number' || !(threshold >= 0) || !Number.isFinite(threshold))
    throw new ValueError(op, `options.threshold must be a finite number >= 0, received ${show(threshold)}`);
  if (!Number.isInteger(maxIter) || maxIter < 0)
    throw new ValueError(op, `options.maxIter must be an integer >= 0, received ${show(maxIter)}`);
  if (typeof maxDist !== 'number' || !(maxDist > 0) || !Number.isFinite(maxDist))
    throw new ValueError(op, `options.maxDist must be a finite number > 0, received ${show(maxDist)}`);
  let a = options.a ?? 0;
  let b = options.b ?? a + 0.33 * maxDist;
  let c = options.c ?? a + 0.66 * maxDist;
  let d = options.d ?? a + 1.0 * maxDist;
  for (const [k, v] of Object.entries({ a, b, c, d }))
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ValueError(op, `options.${k} must be a finite number, received ${show(v)}`);
  if (!(a < b && b < c && c < d))
    throw new ValueError(
      op,
      `the points must satisfy a < b < c < d, received a=${a}, b=${b}, c=${c}, d=${d}`,
    );
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
    // np.argmin((lossa, lossb, lossc, lossd)) == 0: a is strictly below the other three.
    let rule: 1 | 2 | 3;
    if (lossA <= lossB && lossA <= lossC && lossA <= lossD) rule = 1;
    else if (lossB < lossC) rule = 2;
    else rule = 3;
    const it: LineSearchIteration = { nIter, a, b, c, d, lossA, lossB, lossC, lossD, rule };
    history.push(it);
    options.onIter?.(it);
    // Rule #1: if a is lowest, bring b, c and d closer to it by halving them.
    if (rule === 1) {
      b = b / 2;
      c = c / 2;
      d = d / 2;
      continue;
    }
    // Rule #2: if b is lower than c, d becomes c, and b, c are 1/3 and 2/3 between a and the new d.
    if (rule === 2) {
      d = c;
      b = a + (d - a) / 3;
      c = a + (2 * (d - a)) / 3;
      continue;
    }
    // Rule #3: otherwise a becomes b, and b, c are 1/3 and 2/3 between the new a and d.
    a = b;
    b = a + (d - a) / 3;
    c = a + (2 * (d - a)) / 3;
  }
  return { soln: (b + c) / 2.0, nIter, history };
}
