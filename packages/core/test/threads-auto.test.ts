// The automatic GEMM threads (src/kernels/threads.ts), in child processes: vitest.config.ts pins
// one thread for the suite (GRADKIT_NUM_THREADS=1), so each case sets its own environment. In
// Node's main thread the first GEMM of at least PARALLEL_GEMM_MIN_WORK multiply-adds starts
// min(cores, AUTO_MAX_THREADS) threads (a smaller one does not), with the same bits as one thread;
// a worker thread of the program stays at one; GRADKIT_NUM_THREADS sets the count (1: none) and
// `setNumThreads` pins it; a bad value is a typed error naming the variable.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUTO_MAX_THREADS } from '../src/kernels/threads.js';

const here = dirname(fileURLToPath(import.meta.url));

function child(
  mode: string,
  threads: string | undefined,
): Promise<{ code: number; out: string; err: string }> {
  const { GRADKIT_NUM_THREADS: _, ...rest } = process.env;
  const env = threads === undefined ? rest : { ...rest, GRADKIT_NUM_THREADS: threads };
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--conditions=@gradkit/source', '--import', 'tsx', join(here, 'threads-auto-child.ts'), mode],
      { cwd: here, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? 1, out, err }));
  });
}

const json = (r: { code: number; out: string; err: string }) => {
  if (r.code !== 0) throw new Error(`child exited ${r.code}: ${r.err.slice(-2000)}`);
  return JSON.parse(r.out.trim().split('\n').pop()!);
};

const cores = Math.min(availableParallelism(), AUTO_MAX_THREADS);

describe('automatic GEMM threads (Node)', () => {
  it('start at the first large GEMM on the main thread, not at a small one; same bits', async () => {
    const r = json(await child('main', undefined));
    expect(r.before).toBe(1);
    expect(r.afterSmall).toBe(1);
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
      child('main', '2'),
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
