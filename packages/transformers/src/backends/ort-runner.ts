/**
 * Where an ONNX Runtime session runs for the `ort` backend: in this thread (`InProcessRunner`,
 * onnxruntime-node's `session.run`, which in onnxruntime-node 1.30 executes the graph on the
 * JavaScript thread after a `setImmediate`, so the event loop waits for each step) or in a worker
 * thread (`WorkerRunner`, the default: the event loop stays free while the graph runs).
 *
 * The worker keeps the `present.*` tensors of its last {@link WORKER_KEEPS_RUNS} runs and sends
 * this thread a copy of each (its buffer transferred, not cloned). When a later run's feed is one
 * of those copies (a decoding step feeds the previous step's `present` back as `past`), only its
 * run and name travel and the worker feeds its own tensor: no copy in either direction. Any other
 * array (a reordered beam cache, a cache kept from an older run) is cloned into the message. So a
 * cache is read-only once returned: writing into it does not reach the worker's copy. Logits come
 * back transferred.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { InferenceSession } from 'onnxruntime-node';
import { importFailed, importOptional, resolveOptional } from '../optional.js';
import type { OnnxValueInfo, RunnerOutput, RunnerTensor, SessionRunner } from './ort-core.js';

type OrtModule = typeof import('onnxruntime-node');

/** Run on this thread with onnxruntime-node's asynchronous `session.run`. */
export class InProcessRunner implements SessionRunner {
  readonly onThisThread = true;

  private constructor(
    private readonly ort: OrtModule,
    private readonly session: InferenceSession,
    readonly provider: string,
    readonly failures: { provider: string; reason: string }[],
  ) {}

  get inputMetadata(): readonly OnnxValueInfo[] {
    return this.session.inputMetadata as unknown as OnnxValueInfo[];
  }

  get outputMetadata(): readonly OnnxValueInfo[] {
    return this.session.outputMetadata as unknown as OnnxValueInfo[];
  }

  /** Try `providers` in order; the first whose session starts wins. Throws when none starts, with every failure. */
  static async create(
    file: string,
    providers: readonly string[],
    sessionOptions: object = {},
  ): Promise<InProcessRunner> {
    const ort = await importOptional('onnxruntime-node', 'the ort backend', 'loadOrtModel', () =>
      import('onnxruntime-node').catch(importFailed),
    );
    const failures: { provider: string; reason: string }[] = [];
    for (const p of providers) {
      try {
        const session = await ort.InferenceSession.create(file, {
          ...sessionOptions,
          executionProviders: [p],
        });
        return new InProcessRunner(ort, session, p, failures);
      } catch (e) {
        failures.push({
          provider: p,
          reason: `the session failed to start: ${(e as Error).message.split('\n')[0]}`,
        });
      }
    }
    throw Object.assign(new Error('no provider started'), { failures });
  }

  async run(feeds: Record<string, RunnerTensor>): Promise<Record<string, RunnerOutput>> {
    const ortFeeds: Record<string, InstanceType<OrtModule['Tensor']>> = {};
    for (const [name, t] of Object.entries(feeds))
      ortFeeds[name] = new this.ort.Tensor(t.type, t.data as Float32Array, t.dims);
    const out = await this.session.run(ortFeeds);
    const result: Record<string, RunnerOutput> = {};
    for (const [name, t] of Object.entries(out))
      result[name] = { data: t.data as Float32Array, dims: t.dims };
    return result;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** How many of its latest runs' `present.*` tensors the worker keeps for feeding back as `past`. */
export const WORKER_KEEPS_RUNS = 2;

/** The worker's code (CommonJS, run with `eval: true` so it needs no build step or loader). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const KEEP = workerData.keepRuns;
let session = null;
// run id -> { output name -> ort.Tensor } for the latest KEEP runs' present.* outputs
const kept = new Map();
const plain = (data) => (typeof SharedArrayBuffer !== 'undefined' && data.buffer instanceof SharedArrayBuffer ? data.slice() : data);
const whole = (a) => (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice());
parentPort.on('message', async (msg) => {
  if (msg.type === 'init') {
    const failures = [];
    for (const p of msg.providers) {
      try {
        session = await ort.InferenceSession.create(msg.file, { ...msg.sessionOptions, executionProviders: [p] });
        parentPort.postMessage({ type: 'ready', provider: p, failures, inputMetadata: session.inputMetadata, outputMetadata: session.outputMetadata });
        return;
      } catch (e) {
        failures.push({ provider: p, reason: 'the session failed to start: ' + String(e && e.message || e).split('\\n')[0] });
      }
    }
    parentPort.postMessage({ type: 'failed', failures });
  } else if (msg.type === 'run') {
    for (const id of kept.keys()) if (id < msg.id - KEEP) kept.delete(id);
    try {
      const feeds = {};
      for (const [name, t] of Object.entries(msg.feeds)) {
        const own = t.kept && kept.get(t.kept.run);
        const tensor = own && own[t.kept.name];
        if (t.kept && !tensor) throw new Error('the worker no longer holds ' + t.kept.name + ' of run ' + t.kept.run);
        feeds[name] = tensor || new ort.Tensor(t.type, plain(t.data), t.dims);
      }
      const out = await session.run(feeds);
      const outputs = {};
      const transfer = [];
      const keep = {};
      for (const [name, t] of Object.entries(out)) {
        const isPresent = name.startsWith('present');
        if (isPresent) keep[name] = t;
        const data = isPresent ? t.data.slice() : whole(t.data);
        outputs[name] = { data, dims: t.dims };
        transfer.push(data.buffer);
      }
      kept.set(msg.id, keep);
      parentPort.postMessage({ type: 'result', id: msg.id, outputs }, transfer);
    } catch (e) {
      parentPort.postMessage({ type: 'error', id: msg.id, message: String(e && e.message || e) });
    }
  } else if (msg.type === 'release') {
    kept.clear();
    if (session) await session.release();
    session = null;
    parentPort.postMessage({ type: 'released' });
  }
});
`;

/**
 * Run the session in a worker thread: `run` posts the feeds and resolves when the worker answers,
 * so the JavaScript thread keeps serving timers, I/O and UI while the graph runs.
 */
export class WorkerRunner implements SessionRunner {
  readonly onThisThread = false;
  private nextId = 0;
  /** The worker's copy of each `present.*` array it sent: run id and output name. */
  private readonly origin = new WeakMap<object, { run: number; name: string }>();
  private readonly pending = new Map<
    number,
    { resolve: (o: Record<string, RunnerOutput>) => void; reject: (e: Error) => void }
  >();
  private released: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly provider: string,
    readonly failures: { provider: string; reason: string }[],
    readonly inputMetadata: readonly OnnxValueInfo[],
    readonly outputMetadata: readonly OnnxValueInfo[],
  ) {
    worker.on(
      'message',
      (msg: { type: string; id: number; outputs?: Record<string, RunnerOutput>; message?: string }) => {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (this.pending.size === 0) worker.unref();
        if (msg.type === 'result') {
          for (const [name, o] of Object.entries(msg.outputs!))
            if (name.startsWith('present')) this.origin.set(o.data, { run: msg.id, name });
          p.resolve(msg.outputs!);
        } else p.reject(new Error(msg.message));
      },
    );
    worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
    worker.unref();
  }

  /** Start a worker and try `providers` in order in it. Throws when none starts, with every failure. */
  static async create(
    file: string,
    providers: readonly string[],
    sessionOptions: object = {},
  ): Promise<WorkerRunner> {
    const ortPath = await resolveOptional('onnxruntime-node', 'the ort backend', 'loadOrtModel', () =>
      createRequire(import.meta.url).resolve('onnxruntime-node'),
    );
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ortPath, keepRuns: WORKER_KEEPS_RUNS },
    });
    type Ready = {
      type: 'ready' | 'failed';
      provider: string;
      failures: { provider: string; reason: string }[];
      inputMetadata: OnnxValueInfo[];
      outputMetadata: OnnxValueInfo[];
    };
    const msg = await new Promise<Ready>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage({ type: 'init', file, providers: [...providers], sessionOptions });
    });
    if (msg.type !== 'ready') {
      await worker.terminate();
      throw Object.assign(new Error('no provider started'), { failures: msg.failures });
    }
    return new WorkerRunner(worker, msg.provider, msg.failures, msg.inputMetadata, msg.outputMetadata);
  }

  run(feeds: Record<string, RunnerTensor>): Promise<Record<string, RunnerOutput>> {
    if (this.released) return Promise.reject(new Error('the session was released'));
    const id = this.nextId++;
    // an array the worker still holds travels as its run and name
    const sent: Record<string, RunnerTensor | { kept: { run: number; name: string } }> = {};
    for (const [name, t] of Object.entries(feeds)) {
      const o = this.origin.get(t.data);
      sent[name] = o && o.run >= id - WORKER_KEEPS_RUNS ? { kept: o } : t;
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ type: 'run', id, feeds: sent });
    });
  }

  release(): Promise<void> {
    this.released ??= (async () => {
      this.worker.ref();
      await new Promise<void>((resolve) => {
        this.worker.once('message', () => resolve());
        this.worker.postMessage({ type: 'release' });
      });
      await this.worker.terminate();
    })();
    return this.released;
  }
}
