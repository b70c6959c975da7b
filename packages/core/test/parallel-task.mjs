// Jobs for parallel-map.test.ts (plain JavaScript: vitest's workers have no TypeScript loader).
import { threadId } from 'node:worker_threads';

/** A CPU-bound job: the sum of sin(i) for i < n, with the thread that ran it. */
export function work(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sin(i);
  return { n, s, threadId };
}

/** Async jobs are awaited. */
export async function later(x) {
  await new Promise((r) => setTimeout(r, 5));
  return x * 2;
}

/** Throws for 3. */
export function failOn3(x) {
  if (x === 3) throw new Error('three is not allowed');
  return x;
}
