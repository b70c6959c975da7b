/**
 * Optional worker-thread parallelism for large GEMMs on the `'wasm'` backend: Node's worker
 * threads, and in browsers Web Workers started from a dedicated worker of a cross-origin-isolated
 * page.
 *
 * `setNumThreads(T)` starts `T − 1` worker threads (`node:worker_threads` in Node; Web Workers from
 * a Blob URL in a browser) that instantiate the shared-memory build of the SIMD kernels (the
 * relaxed-SIMD one when that build is loaded, see `wasm.ts`) over ONE
 * `WebAssembly.Memory({ shared: true })` with an instance of the same build on the calling thread.
 * A GEMM where threads pay is copied into that memory and cut into `T` bands of rows of C (or of
 * columns, when C is wider than tall): each worker gets its band through a small `Int32Array`
 * mailbox on a `SharedArrayBuffer` (`Atomics.notify`), packs its own panels into its own buffers
 * and writes its block of C; the calling thread computes the first band and waits for the others
 * (`Atomics.wait`), then copies C back, so the API stays synchronous. Every other kernel, and every
 * product where threads do not pay, stays on the calling thread's own instance, whose memory is not
 * shared (copies into a SharedArrayBuffer are slower). Results are bit-identical to one thread:
 * each element of C is summed by one thread in the same order.
 *
 * Where threads pay: with `setNumThreads`, every product of at least `PARALLEL_GEMM_MIN_WORK`
 * multiply-adds (waking a worker costs tens of microseconds, more than a smaller GEMM takes).
 * Automatic, the default: the first GEMM where {@link automaticPays} (at least 2²² multiply-adds, k
 * and min(m, n) at least 64) starts `min(cores, 4)` threads in the background (that GEMM and the
 * ones until the workers are ready run on one thread), and from then on the products where it
 * holds use them; a program that never multiplies large matrices never starts a worker. In Node it
 * happens on the main thread only (worker threads of the program itself, such as a `parallelMap`
 * sweep, already use the cores); `setNumThreads(n)` pins the count (`1`: never start workers); the
 * environment variable `GRADKIT_NUM_THREADS=n`, read at load, sets how many the automatic setting
 * starts (`1`: none).
 *
 * In browsers a thread may block on `Atomics.wait` only in a worker, and `SharedArrayBuffer` exists
 * only where the page is cross-origin isolated (served with `Cross-Origin-Opener-Policy:
 * same-origin` and `Cross-Origin-Embedder-Policy: require-corp`, or given them by a service
 * worker; `crossOriginIsolated` is then true). So threads start, automatically or by
 * `setNumThreads`, in a dedicated Web Worker of such a page (where a course page trains its
 * networks) with `navigator.hardwareConcurrency` as the cores; on a page's main thread, or where the
 * page is not isolated, `setNumThreads` accepts only 1 and nothing starts.
 */
import { show, ValueError } from '../errors.js';
import {
  align16,
  gemmPlacement,
  growMemory,
  type KernelExports,
  sharedModuleBytes,
  stagedGemm,
  wasm,
  wasmAvailable,
} from './wasm.js';

/**
 * Products below this many multiply-adds (m·k·n; 128³ ≈ 2.1 M) run on one thread even when
 * several are enabled.
 */
export const PARALLEL_GEMM_MIN_WORK = 1 << 21;

const MAILBOX = 16; // int32 slots per worker: [seq, done, is64, m, n, k, a, rsa, csa, b, rsb, csb, c, ldc, acc, _]
// bands start at multiples of the micro-tiles (4 rows, 8/4 columns; the FMA build's 6-row tile
// leaves one short tile per band, any band start gives the same bits)
const ROW_ALIGN = 8;

/** A started worker thread: Node's `Worker` or a browser's (whose `terminate` returns nothing). */
interface ThreadWorker {
  terminate(): unknown;
}

/** Where threads can start: Node, a dedicated Web Worker of a cross-origin-isolated page, or nowhere. */
type ThreadHost = 'node' | 'web-worker' | null;

let threads = 1;
/** Whether the thread count was set (`setNumThreads`, `GRADKIT_NUM_THREADS`) rather than automatic. */
let pinned = false;
let workers: ThreadWorker[] = [];
let mailbox: Int32Array<ArrayBufferLike> = new Int32Array(0);
let seq = 0;
/** Serialises setNumThreads calls. */
let pending: Promise<void> = Promise.resolve();

// The worker's code, run the same from TypeScript sources and from dist/: instantiate the shared
// build from `data`, say `ready()`, then serve the mailbox until told to stop (seq < 0).
const WORKER_BODY = `
const { module, memory, mailbox, slot, packA, packB } = data;
const ex = new WebAssembly.Instance(module, { env: { memory, abort() {} } }).exports;
const box = new Int32Array(mailbox, slot * ${MAILBOX} * 4, ${MAILBOX});
let seen = 0;
ready();
for (;;) {
  Atomics.wait(box, 0, seen);
  seen = Atomics.load(box, 0);
  if (seen < 0) break;
  try {
    (box[2] ? ex.gemmF64 : ex.gemmF32)(box[3], box[4], box[5], box[6], box[7], box[8], box[9], box[10], box[11], box[12], box[13], box[14], packA, packB);
  } catch (e) {
    Atomics.store(box, 15, 1);
  }
  Atomics.store(box, 1, seen);
  Atomics.notify(box, 1);
}
`;
// Node: plain CommonJS for `new Worker(code, { eval: true })`, its data from `workerData`
const NODE_WORKER_SOURCE = `
const { parentPort, workerData: data } = require('node:worker_threads');
const ready = () => parentPort.postMessage('ready');
${WORKER_BODY}`;
// browsers: a classic worker from a Blob URL, its data in the first message
const WEB_WORKER_SOURCE = `
self.onmessage = (event) => {
  self.onmessage = null;
  const data = event.data;
  const ready = () => self.postMessage('ready');
  ${WORKER_BODY}
};`;

/**
 * The number of threads GEMMs use now: 1 until `setNumThreads` raises it or, in Node's main
 * thread, the first GEMM large enough to pay starts the automatic ones (see the module comment).
 */
export function getNumThreads(): number {
  return threads;
}

/**
 * Sets how many threads large GEMMs use (like `torch.set_num_threads`): `n − 1` worker threads
 * join the calling thread; `1` stops them and keeps them stopped. Either way the count is pinned:
 * the automatic start no longer happens. On the `'wasm'` backend, in Node or in a dedicated Web
 * Worker of a cross-origin-isolated page (see the module comment); resolves once the workers are
 * ready. Products under `PARALLEL_GEMM_MIN_WORK` multiply-adds stay on one thread. Throws
 * `ValueError` for a non-positive or non-integer `n`, for `n > 1` on a page's main thread or in a
 * page that is not cross-origin isolated (the message says which), or when the WebAssembly kernels
 * did not load.
 *
 * ```ts
 * await setNumThreads(2);
 * matmul(a, b); // a [1024, 1024] product: two threads
 * await setNumThreads(1);
 * ```
 */
export function setNumThreads(n: number): Promise<void> {
  pinned = true;
  wasm.largeGemm = null;
  const run = pending.then(() => apply(n));
  pending = run.catch(() => {});
  return run;
}

async function stopWorkers(): Promise<void> {
  if (workers.length === 0) return;
  for (let w = 0; w < workers.length; w++) {
    Atomics.store(mailbox, w * MAILBOX, -1);
    Atomics.notify(mailbox, w * MAILBOX);
  }
  await Promise.all(workers.map((w) => w.terminate()));
  workers = [];
}

/** Threads set by `setNumThreads`: every product of at least PARALLEL_GEMM_MIN_WORK multiply-adds. */
const explicitPays = (m: number, n: number, k: number): boolean => m * n * k >= PARALLEL_GEMM_MIN_WORK;

async function apply(n: number, automatic = false): Promise<void> {
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new ValueError('setNumThreads', `n must be an integer in [1, 256], received ${show(n)}`);
  if (n === threads) return;
  if (n === 1) {
    wasm.parallel = null;
    await stopWorkers();
    threads = 1;
    return;
  }
  const host = threadHost();
  if (host === null) throw new ValueError('setNumThreads', `received ${n}: ${whyNoThreads()}; expected 1`);
  const shared = sharedModuleBytes();
  if (!wasmAvailable() || !shared)
    throw new ValueError(
      'setNumThreads',
      `received ${n}: the WebAssembly kernels (and their shared-memory build) are not loaded, expected 1`,
    );
  // from whatever state we were in: back to one thread, then start afresh
  wasm.parallel = null;
  await stopWorkers();
  threads = 1;

  const module = await WebAssembly.compile(shared.bytes.buffer as ArrayBuffer);
  const memory = new WebAssembly.Memory({ initial: 2, maximum: shared.maxPages, shared: true });
  const main = new WebAssembly.Instance(module, { env: { memory, abort() {} } })
    .exports as unknown as KernelExports;
  // one pair of packing buffers per thread, then the operand arena
  const heap = main.heapBase();
  const aBytes = align16(main.packSizeA() * 8);
  const bBytes = align16(main.packSizeB() * 8);
  const packs = Array.from({ length: n }, (_, t) => ({
    a: heap + t * (aBytes + bBytes),
    b: heap + t * (aBytes + bBytes) + aBytes,
  }));
  const arena = align16(heap + n * (aBytes + bBytes));
  const box = new Int32Array(new SharedArrayBuffer((n - 1) * MAILBOX * 4));
  const started: ThreadWorker[] = [];
  try {
    const data = (w: number) => ({
      module,
      memory,
      mailbox: box.buffer,
      slot: w,
      packA: packs[w + 1]!.a,
      packB: packs[w + 1]!.b,
    });
    await (host === 'node' ? startNodeWorkers : startWebWorkers)(n - 1, data, started);
  } catch (error) {
    await Promise.all(started.map((w) => w.terminate()));
    throw new ValueError(
      'setNumThreads',
      `received ${n}: a worker thread failed to start (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  workers = started;
  mailbox = box;
  seq = 0;
  threads = n;
  let f32 = new Float32Array(memory.buffer);
  let f64 = new Float64Array(memory.buffer);
  wasm.parallel = {
    pays: automatic ? automaticPays : explicitPays,
    gemm(layout, a, ao, b, bo, c, co, m, k, nn, accumulate) {
      const is64 = c instanceof Float64Array;
      const { pb, pc, end } = gemmPlacement(arena, m, k, nn, is64 ? 8 : 4);
      if (!growMemory(memory, end, shared.maxPages)) return false;
      if (f32.buffer.byteLength !== memory.buffer.byteLength) {
        f32 = new Float32Array(memory.buffer);
        f64 = new Float64Array(memory.buffer);
      }
      stagedGemm(
        is64 ? f64 : f32,
        arena,
        pb,
        pc,
        layout,
        a,
        ao,
        b,
        bo,
        c,
        co,
        m,
        k,
        nn,
        accumulate,
        (rsa, csa, rsb, csb) =>
          parallelGemm(
            main,
            packs[0]!,
            is64,
            m,
            nn,
            k,
            arena,
            rsa,
            csa,
            pb,
            rsb,
            csb,
            pc,
            nn,
            accumulate ? 1 : 0,
          ),
      );
      return true;
    },
  };
}

/** Starts `count` Node worker threads on {@link NODE_WORKER_SOURCE}, pushing each to `started`; resolves when all are ready. */
async function startNodeWorkers(
  count: number,
  data: (w: number) => unknown,
  started: ThreadWorker[],
): Promise<void> {
  interface NodeWorker extends ThreadWorker {
    once(event: string, listener: (value: unknown) => void): void;
    unref(): void;
  }
  // a bare specifier kept out of static analysis, so browser bundles never try to resolve it
  const spec = 'node:worker_threads';
  const { Worker } = (await import(/* @vite-ignore */ spec)) as {
    Worker: new (
      code: string,
      options: { eval: true; execArgv: string[]; workerData: unknown },
    ) => NodeWorker;
  };
  const nodeWorkers: NodeWorker[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, w) => {
      // no inherited flags: the code is CommonJS even under `--input-type=module` or a loader
      const worker = new Worker(NODE_WORKER_SOURCE, { eval: true, execArgv: [], workerData: data(w) });
      started.push(worker);
      nodeWorkers.push(worker);
      return new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', (e) => reject(e));
      });
    }),
  );
  // idle workers do not keep the process alive
  for (const w of nodeWorkers) w.unref();
}

/**
 * Starts `count` Web Workers (classic, from a Blob URL of {@link WEB_WORKER_SOURCE}) and sends each
 * its data, pushing each to `started`; resolves when all are ready. A browser starts a worker only
 * once the creating thread returns to its event loop, which the `await` here does.
 */
async function startWebWorkers(
  count: number,
  data: (w: number) => unknown,
  started: ThreadWorker[],
): Promise<void> {
  interface WebWorker extends ThreadWorker {
    postMessage(value: unknown): void;
    addEventListener(
      type: string,
      listener: (event: { message?: string }) => void,
      options?: { once: boolean },
    ): void;
  }
  const web = globalThis as unknown as {
    Worker: new (url: string, options: { name: string }) => WebWorker;
    Blob: new (parts: string[], options: { type: string }) => unknown;
    URL: { createObjectURL(blob: unknown): string; revokeObjectURL(url: string): void };
  };
  const url = web.URL.createObjectURL(new web.Blob([WEB_WORKER_SOURCE], { type: 'text/javascript' }));
  try {
    await Promise.all(
      Array.from({ length: count }, (_, w) => {
        const worker = new web.Worker(url, { name: `gradkit-gemm-${w + 1}` });
        started.push(worker);
        const ready = new Promise<void>((resolve, reject) => {
          worker.addEventListener('message', () => resolve(), { once: true });
          worker.addEventListener(
            'error',
            (e) => reject(new Error(e.message ?? 'the worker reported an error')),
            {
              once: true,
            },
          );
        });
        worker.postMessage(data(w));
        return ready;
      }),
    );
  } finally {
    web.URL.revokeObjectURL(url);
  }
}

/** One GEMM split into bands of rows (or columns) of C over the calling thread and the workers. */
function parallelGemm(
  main: KernelExports,
  pack: { a: number; b: number },
  is64: boolean,
  m: number,
  n: number,
  k: number,
  a: number,
  rsa: number,
  csa: number,
  b: number,
  rsb: number,
  csb: number,
  c: number,
  ldc: number,
  acc: number,
): void {
  const bytes = is64 ? 8 : 4;
  const byRows = m >= n;
  const extent = byRows ? m : n;
  // as many bands as threads, each a multiple of ROW_ALIGN (fewer when the extent is small)
  const band = Math.max(ROW_ALIGN, Math.ceil(extent / threads / ROW_ALIGN) * ROW_ALIGN);
  const bands = Math.ceil(extent / band);
  seq = (seq + 1) & 0x3fffffff;
  for (let t = 1; t < bands; t++) {
    const lo = t * band;
    const len = Math.min(band, extent - lo);
    const o = (t - 1) * MAILBOX;
    mailbox[o + 2] = is64 ? 1 : 0;
    mailbox[o + 3] = byRows ? len : m;
    mailbox[o + 4] = byRows ? n : len;
    mailbox[o + 5] = k;
    mailbox[o + 6] = byRows ? a + lo * rsa * bytes : a;
    mailbox[o + 7] = rsa;
    mailbox[o + 8] = csa;
    mailbox[o + 9] = byRows ? b : b + lo * csb * bytes;
    mailbox[o + 10] = rsb;
    mailbox[o + 11] = csb;
    mailbox[o + 12] = c + (byRows ? lo * ldc : lo) * bytes;
    mailbox[o + 13] = ldc;
    mailbox[o + 14] = acc;
    mailbox[o + 15] = 0;
    Atomics.store(mailbox, o, seq);
    Atomics.notify(mailbox, o);
  }
  const len0 = Math.min(band, extent);
  (is64 ? main.gemmF64 : main.gemmF32)(
    byRows ? len0 : m,
    byRows ? n : len0,
    k,
    a,
    rsa,
    csa,
    b,
    rsb,
    csb,
    c,
    ldc,
    acc,
    pack.a,
    pack.b,
  );
  let failed = false;
  for (let t = 1; t < bands; t++) {
    const o = (t - 1) * MAILBOX;
    const deadline = Date.now() + 120_000;
    while (Atomics.load(mailbox, o + 1) !== seq) {
      Atomics.wait(mailbox, o + 1, Atomics.load(mailbox, o + 1), 1000);
      if (Date.now() > deadline)
        throw new ValueError('gemm', `worker thread ${t} did not finish its band within 120 s`);
    }
    if (mailbox[o + 15]) failed = true;
  }
  if (failed) throw new ValueError('gemm', 'a worker thread failed while computing its band of C');
}

// ---------------------------------------------------------------------------------------------
// Automatic threads (Node's main thread; a dedicated worker of a cross-origin-isolated page)
// ---------------------------------------------------------------------------------------------

/** The most threads the automatic setting starts (more rarely pays for GEMMs of course sizes). */
export const AUTO_MAX_THREADS = 4;

/**
 * Where the automatic threads pay, measured on a 2-core machine (two threads against one, float32):
 * at least 2²² multiply-adds with k and the smaller of m and n at least 64. Thinner products lose:
 * 4000 × 40 · 40 × 100 ran at 0.93x (a `linear` layer at 0.70x: split over threads it loses its
 * fused bias-and-ReLU epilogue), 4000 × 100 · 100 × 10 at 0.93x, 128³ at 1.06x; 256³ gains 1.61x,
 * 100 × 784 · 784 × 100 1.45x, 64 × 1024 · 1024 × 1024 1.83x. Threads set by `setNumThreads` split
 * every product of `PARALLEL_GEMM_MIN_WORK` multiply-adds, as told.
 */
export function automaticPays(m: number, n: number, k: number): boolean {
  return m * n * k >= 1 << 22 && k >= 64 && Math.min(m, n) >= 64;
}

const web = globalThis as {
  process?: { versions?: { node?: string }; env?: Record<string, string | undefined> };
  crossOriginIsolated?: boolean;
  DedicatedWorkerGlobalScope?: new () => unknown;
  Worker?: unknown;
  navigator?: { hardwareConcurrency?: number };
};
const nodeProcess = web.process;
const isNode = typeof nodeProcess?.versions?.node === 'string';
/** Whether this code runs in a dedicated Web Worker (which may block on `Atomics.wait`). */
const inDedicatedWorker =
  typeof web.DedicatedWorkerGlobalScope === 'function' &&
  globalThis instanceof web.DedicatedWorkerGlobalScope;

/**
 * Where worker-thread GEMMs can run here: Node, or a dedicated Web Worker (which may block on
 * `Atomics.wait` and start workers of its own) of a cross-origin-isolated page (which has
 * `SharedArrayBuffer`); null elsewhere (a page's main thread, a page that is not isolated).
 */
function threadHost(): ThreadHost {
  if (isNode) return 'node';
  return inDedicatedWorker && web.crossOriginIsolated === true && typeof web.Worker === 'function'
    ? 'web-worker'
    : null;
}

/** Why {@link threadHost} is null, for setNumThreads' error. */
function whyNoThreads(): string {
  if (!inDedicatedWorker)
    return "worker-thread GEMMs need Node or a dedicated Web Worker (a page's main thread cannot block on Atomics.wait)";
  if (web.crossOriginIsolated !== true)
    return 'worker-thread GEMMs need SharedArrayBuffer, which a browser gives only to a cross-origin-isolated page (crossOriginIsolated is false: serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';
  return 'this browser cannot start Web Workers from a worker';
}

/** `GRADKIT_NUM_THREADS` as a thread count, or null when unset; a typed error when it is not one. */
function threadsFromEnvironment(): number | null {
  const raw = isNode ? nodeProcess?.env?.GRADKIT_NUM_THREADS : undefined;
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new ValueError(
      'GRADKIT_NUM_THREADS',
      `the environment variable must be an integer in [1, 256] (the GEMM threads), received ${show(raw)}`,
    );
  return n;
}

/** The cores the automatic setting may use: Node's `os.availableParallelism()`, a browser's `navigator.hardwareConcurrency`. */
async function cores(): Promise<{ count: number; mainThread: boolean }> {
  if (!isNode) return { count: web.navigator?.hardwareConcurrency ?? 1, mainThread: true };
  // bare specifiers kept out of static analysis, so browser bundles never try to resolve them
  const wtSpec = 'node:worker_threads';
  const osSpec = 'node:os';
  const [wt, os] = (await Promise.all([
    import(/* @vite-ignore */ wtSpec),
    import(/* @vite-ignore */ osSpec),
  ])) as [{ isMainThread: boolean }, { availableParallelism: () => number }];
  return { count: os.availableParallelism(), mainThread: wt.isMainThread };
}

/**
 * Starts `wanted` (default: the cores, at most {@link AUTO_MAX_THREADS}) threads: on Node's main
 * thread, or in a browser's dedicated worker (the program's own thread there).
 */
async function startAutomatic(wanted: number | null): Promise<void> {
  const { count, mainThread } = await cores();
  const n = wanted ?? Math.min(count, AUTO_MAX_THREADS);
  if (!mainThread || n < 2) return;
  const run = pending.then(() => (pinned || threads !== 1 ? undefined : apply(n, true)));
  // a worker that cannot start (a permission model without --allow-worker, say) leaves one thread
  pending = run.catch(() => {});
  await pending;
}

// GRADKIT_NUM_THREADS=n: the automatic setting starts n threads (1: none)
const fromEnvironment = threadsFromEnvironment();
if (threadHost() !== null && fromEnvironment !== 1 && sharedModuleBytes() !== null)
  wasm.largeGemm = (m: number, n: number, k: number) => {
    if (!automaticPays(m, n, k)) return;
    wasm.largeGemm = null;
    void startAutomatic(fromEnvironment);
  };
