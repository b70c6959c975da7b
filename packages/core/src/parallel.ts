/**
 * `parallelMap`: a pool of worker threads mapping a module's exported function over a list, for
 * independent, CPU-bound jobs (a sweep of network widths, seeds, hyperparameters). Node only: it
 * is exported from `@gradkit/core/node`.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GradkitError, show, ValueError } from './errors.js';

/** Options of {@link parallelMap}. */
export interface ParallelMapOptions<T> {
  /**
   * Worker threads (default: `os.availableParallelism()`, at most the number of items). `1` runs
   * the jobs one after another in the calling thread (no worker is started).
   */
  threads?: number;
  /**
   * Start order: jobs with a larger priority start first (default: input order). Give the
   * expected cost so that the long jobs do not start last (longest-processing-time-first
   * scheduling); the results still come back in input order.
   */
  priority?: (item: T, index: number) => number;
  /** Called in the calling thread as each job finishes (in completion order). */
  onResult?: (index: number, result: unknown) => void;
  /**
   * A module each worker imports before the job's module; when it exports `register()`, that is
   * called (a module loader, e.g. `'tsx/esm/api'` to run TypeScript sources). Default:
   * `'tsx/esm/api'` when this process was started with `--import tsx` (Node 20 does not run
   * `--import` preloads in worker threads), else none.
   */
  loader?: string | null;
}

/** A job that threw in a worker (or could not be loaded): `index` is the item's position. */
export class ParallelJobError extends GradkitError {
  /** The position of the item whose job failed (-1 when the module itself could not be loaded). */
  readonly index: number;
  constructor(op: string, index: number, message: string) {
    super(op, message);
    this.index = index;
  }
}

// The worker (plain CommonJS, evaluated by `new Worker(code, { eval: true })`, so that it runs the
// same from TypeScript sources and from dist/): load the loader and the module once, then run
// every job it is sent until it receives null.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let fn;
async function load() {
  if (workerData.loader) {
    const l = await import(workerData.loader);
    if (typeof l.register === 'function') l.register();
  }
  const m = await import(workerData.module);
  fn = m[workerData.exportName];
  if (typeof fn !== 'function')
    throw new Error(workerData.module + ' has no exported function ' + JSON.stringify(workerData.exportName));
}
const ready = load();
parentPort.on('message', async (job) => {
  if (job === null) { parentPort.close(); return; }
  try {
    await ready;
    const result = await fn(job.item, job.index);
    parentPort.postMessage({ index: job.index, result });
  } catch (e) {
    parentPort.postMessage({ index: job.index, error: String((e && e.stack) || e) });
  }
});
`;

function defaultLoader(): string | null {
  const a = process.execArgv;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] === '--import' ? a[i + 1] : a[i]!.startsWith('--import=') ? a[i]!.slice(9) : null;
    if (v === 'tsx' || v === 'tsx/esm') return 'tsx/esm/api';
  }
  return null;
}

function moduleUrl(op: string, module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (typeof module !== 'string' || module === '')
    throw new ValueError(op, `module must be a file URL or a path, received ${show(module)}`);
  return /^[a-z][a-z0-9+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)
    ? module
    : pathToFileURL(module).href;
}

/**
 * Map `module`'s exported function `exportName` over `items` on a pool of worker threads, like
 * Python's `multiprocessing.Pool(threads).map(f, items)` (or `concurrent.futures`'
 * `executor.map`): each worker imports the module once and takes the next job as soon as it is
 * free; the promise resolves to the results in input order. The function receives `(item,
 * index)` and may be async; items and results cross threads by structured clone (numbers,
 * strings, arrays, typed arrays, plain objects: no functions or class instances). Use it for
 * independent CPU-bound jobs that each take from tens of milliseconds up (a worker costs a few
 * milliseconds to start and a module import). A job that throws rejects the whole map with a
 * `ParallelJobError` naming the item, and the workers are stopped.
 *
 * ```ts
 * // sweep.ts: export function train(width: number) { ...; return { width, error }; }
 * import { parallelMap } from '@gradkit/core/node';
 * const results = await parallelMap(new URL('./sweep.js', import.meta.url), 'train', [2, 10, 100, 400], {
 *   threads: 2,
 *   priority: (width) => width * width, // start the widest networks first
 * });
 * // results[i] is train(widths[i]) — [{ width: 2, error: … }, …, { width: 400, error: … }]
 * ```
 */
export async function parallelMap<T, R>(
  module: string | URL,
  exportName: string,
  items: readonly T[],
  options: ParallelMapOptions<T> = {},
): Promise<R[]> {
  const op = 'parallelMap';
  const url = moduleUrl(op, module);
  if (typeof exportName !== 'string' || exportName === '')
    throw new ValueError(
      op,
      `exportName must be the name of an exported function, received ${show(exportName)}`,
    );
  if (!Array.isArray(items)) throw new ValueError(op, `items must be an array, received ${show(items)}`);
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024)
    throw new ValueError(op, `options.threads must be an integer in [1, 1024], received ${show(threads)}`);
  const order = items.map((_, i) => i);
  if (options.priority) {
    const p = items.map((item, i) => options.priority!(item, i));
    p.forEach((v, i) => {
      if (typeof v !== 'number' || Number.isNaN(v))
        throw new ValueError(op, `options.priority must return numbers, returned ${show(v)} for item ${i}`);
    });
    order.sort((a, b) => p[b]! - p[a]! || a - b);
  }
  const results = new Array<R>(items.length);
  if (items.length === 0) return results;

  if (threads === 1) {
    const m = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
    const fn = m[exportName];
    if (typeof fn !== 'function')
      throw new ParallelJobError(op, -1, `${url} has no exported function ${show(exportName)}`);
    for (const i of order) {
      try {
        results[i] = (await (fn as (item: T, index: number) => R | Promise<R>)(items[i]!, i)) as R;
      } catch (e) {
        throw new ParallelJobError(
          op,
          i,
          `job ${i} (item ${show(items[i])}) failed: ${(e as Error)?.message ?? String(e)}`,
        );
      }
      options.onResult?.(i, results[i]);
    }
    return results;
  }

  const loader = options.loader === undefined ? defaultLoader() : options.loader;
  const n = Math.min(threads, items.length);
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: Error) => {
        if (!failed) {
          failed = true;
          reject(e);
        }
      };
      const feed = (w: Worker) => {
        if (failed) return;
        if (next < order.length) {
          const index = order[next++]!;
          w.postMessage({ index, item: items[index] });
        } else w.postMessage(null);
      };
      for (let k = 0; k < n; k++) {
        const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: url, exportName, loader } });
        workers.push(w);
        w.on('message', (msg: { index: number; result?: unknown; error?: string }) => {
          if (msg.error !== undefined) {
            fail(
              new ParallelJobError(
                op,
                msg.index,
                `job ${msg.index} (item ${show(items[msg.index])}) failed in a worker thread: ${msg.error}`,
              ),
            );
            return;
          }
          results[msg.index] = msg.result as R;
          options.onResult?.(msg.index, msg.result);
          if (++done === items.length) resolve();
          else feed(w);
        });
        w.on('error', (e) =>
          fail(new ParallelJobError(op, -1, `a worker thread failed: ${(e as Error)?.message ?? String(e)}`)),
        );
        w.on('exit', (code) => {
          if (done < items.length && code !== 0)
            fail(
              new ParallelJobError(
                op,
                -1,
                `a worker thread exited with code ${code} before the jobs were done`,
              ),
            );
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
