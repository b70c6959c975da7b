// The automatic GEMM threads (src/kernels/threads.ts), in child processes: vitest.config.ts pins
// one thread for the suite (GRADKIT_NUM_THREADS=1), so each case sets its own environment. In
// Node's main thread the first GEMM where they pay (automaticPays: 2²² multiply-adds, k and
// min(m, n) ≥ 64) starts min(cores, AUTO_MAX_THREADS) threads (a small or a thin one does not),
// with the same bits as one thread;
// a worker thread of the program stays at one; GRADKIT_NUM_THREADS sets the count (1: none) and
// `setNumThreads` pins it; a bad value is a typed error naming the variable.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { AUTO_MAX_THREADS } from '../src/kernels/threads.js';
import { type ChildRun, lastJsonLine, runChild } from './run-child.js';

function child(mode: string, threads: string | undefined, expectStart = false): Promise<ChildRun> {
  const { GRADKIT_NUM_THREADS: _, ...rest } = process.env;
  const env = threads === undefined ? rest : { ...rest, GRADKIT_NUM_THREADS: threads };
  return runChild('threads-auto-child.ts', expectStart ? [mode, 'expect-start'] : [mode], { env });
}

const json = (r: ChildRun) => lastJsonLine<Record<string, any>>(r);

const cores = Math.min(availableParallelism(), AUTO_MAX_THREADS);

describe('automatic GEMM threads (Node)', () => {
  it('start at the first GEMM where they pay on the main thread, not at a small or a thin one; same bits', async () => {
    const r = json(await child('main', undefined, true));
    expect(r.before).toBe(1);
    expect(r.afterSmall).toBe(1);
    expect(r.afterThin).toBe(1);
    expect(r.afterLarge).toBe(cores);
    expect(r.same).toBe(true);
  });

  it("stay at one in a worker thread of the program (a parallelMap sweep's)", async () => {
    const r = json(await child('worker', undefined));
    expect(r.worker.afterLarge).toBe(1);
    expect(r.main).toBe(1);
  });

  it('GRADKIT_NUM_THREADS sets the count (1: none); setNumThreads pins it', async () => {
    const [one, two, pinned] = await Promise.all([
      child('main', '1'),
      child('main', '2', true),
      child('pinned', undefined),
    ]);
    expect(json(one).afterLarge).toBe(1);
    expect(json(two).afterLarge).toBe(2);
    expect(json(pinned).afterLarge).toBe(1);
  });

  it('a bad GRADKIT_NUM_THREADS is a typed error naming it', async () => {
    const r = await child('main', 'two');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(
      /ValueError: GRADKIT_NUM_THREADS: the environment variable must be an integer in \[1, 256\] \(the GEMM threads\), received "two"/,
    );
  });
});
