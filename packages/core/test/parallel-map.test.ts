// parallelMap (@gradkit/core/node): results in input order whatever the schedule, the same as a
// plain map in the calling thread; several threads really used; errors name the job.
import { describe, expect, it } from 'vitest';
import { ValueError } from '../src/index.js';
import { ParallelJobError, parallelMap } from '../src/node.js';

const task = new URL('./parallel-task.mjs', import.meta.url);

/** The job, computed here (the reference). */
function work(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sin(i);
  return s;
}

describe('parallelMap', () => {
  const items = [200_000, 10, 50_000, 1, 300_000, 7, 120_000];

  it('returns the results in input order, equal to a map in this thread, on 2 workers', async () => {
    const done: number[] = [];
    const out = await parallelMap<number, { n: number; s: number; threadId: number }>(task, 'work', items, {
      threads: 2,
      onResult: (i) => done.push(i),
    });
    expect(out.map((r) => r.n)).toEqual(items);
    expect(out.map((r) => r.s)).toEqual(items.map(work));
    expect(new Set(out.map((r) => r.threadId)).size).toBe(2);
    expect(out.every((r) => r.threadId !== 0)).toBe(true); // 0 is the main thread
    expect([...done].sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
  });

  it('starts the jobs by priority (longest first) and still answers in input order', async () => {
    const started: number[] = [];
    const out = await parallelMap<number, { n: number }>(task, 'work', items, {
      threads: 1,
      priority: (n) => n,
      onResult: (i) => started.push(i),
    });
    expect(started).toEqual([4, 0, 6, 2, 1, 5, 3]); // one thread: completion order = start order
    expect(out.map((r) => r.n)).toEqual(items);
  });

  it('threads: 1 runs in this thread; async jobs are awaited; an empty list is fine', async () => {
    const one = await parallelMap<number, { threadId: number }>(task, 'work', [5], { threads: 1 });
    expect(one[0]!.threadId).toBe(0);
    expect(await parallelMap(task, 'later', [1, 2, 3], { threads: 3 })).toEqual([2, 4, 6]);
    expect(await parallelMap(task, 'work', [], { threads: 2 })).toEqual([]);
    expect(await parallelMap(task.pathname, 'later', [4], { threads: 2 })).toEqual([8]); // a path works too
  });

  it('a failing job rejects with ParallelJobError naming it, in a worker and in this thread', async () => {
    for (const threads of [1, 2]) {
      const p = parallelMap(task, 'failOn3', [1, 2, 3, 4], { threads });
      await expect(p).rejects.toThrow(ParallelJobError);
      await expect(parallelMap(task, 'failOn3', [1, 2, 3, 4], { threads })).rejects.toThrow(
        /parallelMap: job 2 \(item 3\) failed.*three is not allowed/,
      );
    }
    await expect(parallelMap(task, 'nope', [1], { threads: 2 })).rejects.toThrow(
      /no exported function "nope"/,
    );
    await expect(parallelMap(task, 'nope', [1], { threads: 1 })).rejects.toThrow(
      /no exported function "nope"/,
    );
  });

  it('rejects bad arguments with ValueError naming the argument', async () => {
    await expect(parallelMap(task, 'work', [1], { threads: 0 })).rejects.toThrow(ValueError);
    await expect(parallelMap(task, 'work', [1], { threads: 1.5 })).rejects.toThrow(
      /parallelMap: options\.threads must be an integer in \[1, 1024\], received 1\.5/,
    );
    await expect(parallelMap(task, '', [1])).rejects.toThrow(/exportName/);
    await expect(parallelMap(task, 'work', 'abc' as never)).rejects.toThrow(/items must be an array/);
    await expect(parallelMap(task, 'work', [1], { priority: () => Number.NaN })).rejects.toThrow(/priority/);
  });
});
