/** Timing helpers shared by core's benchmarks (wall-clock or process CPU time, best of batches). */

/** CPU milliseconds (user + system) this process used since `since`. */
export function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

/**
 * Mean time (ms) per call of `fn` over one batch lasting at least `minMs`, measured on the wall
 * clock or, with `clock: 'cpu'`, as this process's CPU time.
 */
export function batchMs(fn: () => void, minMs: number, clock: 'wall' | 'cpu' = 'wall'): number {
  let reps = 0;
  if (clock === 'cpu') {
    const c0 = process.cpuUsage();
    let t = 0;
    do {
      fn();
      reps++;
      t = cpuMs(c0);
    } while (t < minMs);
    return t / reps;
  }
  const t0 = performance.now();
  let t = t0;
  do {
    fn();
    reps++;
    t = performance.now();
  } while (t - t0 < minMs);
  return (t - t0) / reps;
}

/** Best mean time (seconds) per call over `batches` batches of at least `minMs` each, after one warm-up call. */
export function bestSeconds(
  fn: () => void,
  minMs: number,
  batches: number,
  clock: 'wall' | 'cpu' = 'wall',
): number {
  fn();
  let best = Infinity;
  for (let b = 0; b < batches; b++) best = Math.min(best, batchMs(fn, minMs, clock));
  return best / 1000;
}
