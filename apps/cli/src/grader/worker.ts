/**
 * The grader's child process: runs ONE exercise of a student's submission and reports what the
 * student's function returned. Bundled by `runtime.ts` into the grader's runtime folder (never
 * loaded by the grader itself); started by `index.ts` under `sandbox.ts`'s command line.
 *
 * It knows nothing of the course: no lesson, no expected value, no checker. It reads its
 * {@link Job} (file path in argv), imports the lesson's harness module (library code only) and
 * rebuilds the harness and tensor arguments, preloads the library packages the submission uses,
 * then locks itself down ({@link lockdown}) and only then imports the submission's module,
 * calls the export on each case and writes the outcomes, as plain data, to file descriptor 3
 * (frames of `v8.serialize`, see `protocol.ts`). The parent judges them against cases it built
 * itself; nothing here can change the verdict except by returning the right values.
 */

import { readFileSync, writeSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { Tensor } from '@gradkit/core';
import { type ChildMessage, frame, type Job, TENSOR_MARK } from './protocol.js';

// What this module needs after the student's code has run, taken before it runs (the student may
// replace globals and prototype methods; these references stay the originals).
const { isArray } = Array;
const { isView } = ArrayBuffer;
const { defineProperty, keys: objectKeys, getOwnPropertyDescriptor, create: objectCreate } = Object;
const { apply } = Reflect;
const PromiseCtor = Promise;
const ErrorCtor = Error;
const DataViewCtor = DataView;
const TensorCtor = Tensor;
const StringCtor = String;
const arrayFrom = Array.from;
const regexExec = RegExp.prototype.exec;
const TODO = /^TODO\b/;
const write = writeSync;
const toSerialized = serialize;
const makeFrame = frame;
const processExit = process.exit.bind(process);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const waitOn = Atomics.wait;

/** Write `bytes` to descriptor `fd`, whole, waiting out a full non-blocking pipe. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) {
    try {
      at += write(fd, bytes, at, bytes.length - at);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EAGAIN') throw e;
      apply(waitOn, Atomics, [sleeper, 0, 0, 1]);
    }
  }
}

function post(m: ChildMessage): void {
  writeAll(3, makeFrame(toSerialized(m)));
}

function describeError(e: unknown): string {
  try {
    if (e instanceof ErrorCtor) return `${StringCtor(e.name)}: ${StringCtor(e.message)}`;
    return `threw ${StringCtor(e)}`;
  } catch {
    return 'threw a value that cannot be shown';
  }
}

function isTodo(e: unknown): boolean {
  try {
    return e instanceof ErrorCtor && apply(regexExec, TODO, [StringCtor(e.message)]) !== null;
  } catch {
    return false;
  }
}

function own(v: object, k: string): unknown {
  return getOwnPropertyDescriptor(v, k)?.value;
}

/** Rebuild tensor records (see `encodeArgs` in `runtime.ts`) inside an argument. */
function decode(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || isView(v)) return v;
  if (isArray(v)) return v.map(decode);
  const t = own(v, TENSOR_MARK) as
    | { data: Float64Array; shape: number[]; dtype: string; requiresGrad: boolean }
    | undefined;
  if (t) {
    const out = new TensorCtor(t.data, t.shape, t.dtype as Tensor['dtype']);
    return t.requiresGrad ? out.requiresGrad_(true) : out;
  }
  const out: Record<string, unknown> = {};
  for (const k of objectKeys(v))
    defineProperty(out, k, {
      value: decode((v as Record<string, unknown>)[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** A case's arguments as the student's function receives them (harness markers called). */
function materialize(args: unknown[], harness: Record<string, unknown> | null): unknown[] {
  return args.map((a) => {
    if (a && typeof a === 'object' && !isArray(a) && typeof own(a, '$harness') === 'string') {
      const name = own(a, '$harness') as string;
      const factory = harness && objectKeys(harness).includes(name) ? harness[name] : undefined;
      if (typeof factory !== 'function') throw new ErrorCtor(`the lesson has no harness function "${name}"`);
      const params = own(a, 'params');
      return apply(
        factory as (...p: unknown[]) => unknown,
        undefined,
        isArray(params) ? params.map(decode) : [],
      );
    }
    return decode(a);
  });
}

const LIMIT_DEPTH = 64;

/**
 * A returned value as plain data: tensors as nested lists (a number for 0-d), typed arrays as
 * arrays, other objects as their own enumerable fields; functions and symbols as strings.
 */
function plain(v: unknown, depth = 0): unknown {
  switch (typeof v) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return v;
    case 'function':
      return '[function]';
    case 'symbol':
      return '[symbol]';
    default:
      break;
  }
  if (v === null) return null;
  if (depth >= LIMIT_DEPTH) return `[nested deeper than ${LIMIT_DEPTH} levels]`;
  if (v instanceof TensorCtor) return plain(v.ndim === 0 ? v.item() : v.toList(), depth + 1);
  if (isView(v)) return v instanceof DataViewCtor ? '[DataView]' : arrayFrom(v as Float64Array);
  if (isArray(v)) {
    const n = v.length;
    const out = new Array<unknown>(n);
    // (An index setter the student put on Array.prototype sees only the student's own values.)
    for (let i = 0; i < n; i++) out[i] = plain(v[i], depth + 1);
    return out;
  }
  // No prototype: a key "__proto__" is a plain property (v8 sends it as one).
  const out = objectCreate(null) as Record<string, unknown>;
  const keys = objectKeys(v as object);
  for (let i = 0; i < keys.length; i++)
    out[keys[i]!] = plain((v as Record<string, unknown>)[keys[i]!], depth + 1);
  return out;
}

/**
 * Take away what the student's code must not reach, before it loads: signals (`process.kill`),
 * IPC, the built-in module loader (`process.getBuiltinModule`), native bindings and addons,
 * the process report, `chdir`, the handles list, the debugger's signal (`_debugProcess`), the
 * network (`fetch`, `WebSocket`, `EventSource`) and the stdio streams (replaced by writers that
 * hold no socket: `process.stdout.constructor` would otherwise be `net.Socket`). Throws when a
 * property could not be removed (then no student code runs).
 */
export function lockdown(): void {
  const p = process as unknown as Record<string, unknown>;
  const gone = [
    'kill',
    '_kill',
    'send',
    'channel',
    'connected',
    'disconnect',
    '_channel',
    'getBuiltinModule',
    'binding',
    '_linkedBinding',
    'dlopen',
    'report',
    'chdir',
    '_getActiveHandles',
    '_getActiveRequests',
    '_debugProcess',
    '_debugEnd',
    '_startProfilerIdleNotifier',
    '_stopProfilerIdleNotifier',
    'setuid',
    'setgid',
    'seteuid',
    'setegid',
    'setgroups',
    'initgroups',
    'abort',
    'loadEnvFile',
    'execve',
    'openStdin',
    'stdin',
    'mainModule',
  ];
  for (const name of gone) {
    delete p[name];
    if (name in p) defineProperty(p, name, { value: undefined, writable: false, configurable: false });
    if (p[name] !== undefined) throw new ErrorCtor(`process.${name} could not be removed`);
  }
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of ['fetch', 'WebSocket', 'EventSource']) {
    delete g[name];
    if (g[name] !== undefined) throw new ErrorCtor(`${name} could not be removed`);
  }
  const writer = (fd: number) =>
    Object.freeze({
      fd,
      isTTY: false,
      writable: true,
      columns: 80,
      write(chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
        const text = typeof chunk === 'string' ? chunk : isView(chunk) ? chunk : StringCtor(chunk);
        try {
          writeAll(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : (text as Uint8Array));
        } catch {
          // The parent stopped reading: drop the output.
        }
        const done = typeof encoding === 'function' ? encoding : cb;
        if (typeof done === 'function') done();
        return true;
      },
      on() {
        return this;
      },
      once() {
        return this;
      },
      off() {
        return this;
      },
      removeListener() {
        return this;
      },
      emit: () => false,
      listenerCount: () => 0,
      end() {},
    });
  const stdout = writer(1);
  const stderr = writer(2);
  for (const [name, stream] of [
    ['stdout', stdout],
    ['stderr', stderr],
  ] as const) {
    defineProperty(p, name, { value: stream, writable: false, configurable: false, enumerable: true });
    if (p[name] !== stream) throw new ErrorCtor(`process.${name} could not be replaced`);
  }
  const { Console } = console as unknown as {
    Console: new (o: { stdout: unknown; stderr: unknown }) => Console;
  };
  const safe = new Console({ stdout, stderr });
  defineProperty(globalThis, 'console', {
    value: safe,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  if (globalThis.console !== safe) throw new ErrorCtor('console could not be replaced');
}

async function main(jobFile: string): Promise<void> {
  const job = deserialize(readFileSync(jobFile)) as Job;
  let argsList: unknown[][];
  try {
    const harness = job.harness ? ((await import(job.harness)) as Record<string, unknown>) : null;
    for (const url of job.preload) await import(url);
    argsList = job.args.map((args) => materialize(args, harness));
    lockdown();
  } catch (e) {
    post({ t: 'load-error', message: `internal error of the grader's worker: ${describeError(e)}` });
    processExit(0);
    return;
  }
  post({ t: 'ready' });
  let mod: Record<string, unknown>;
  try {
    mod = (await import(job.module)) as Record<string, unknown>;
  } catch (e) {
    post({ t: 'load-error', message: `loading the solution file threw ${describeError(e)}` });
    processExit(0);
    return;
  }
  post({ t: 'loaded' });
  const fn = mod[job.exportName];
  let outcomes: ChildMessage & { t: 'result' };
  if (typeof fn !== 'function') {
    outcomes = {
      t: 'result',
      outcomes: [{ kind: 'missing', received: fn === undefined ? 'nothing' : typeof fn }],
    };
  } else {
    const list = new Array(argsList.length);
    // The results' size so far: past the parent's limit, stop calling and say so (the parent
    // would refuse the frame, after this process spent its time building and sending it).
    let bytes = 0;
    for (let i = 0; i < argsList.length; i++) {
      let value: unknown;
      let outcome: unknown;
      try {
        value = apply(fn as (...a: unknown[]) => unknown, undefined, argsList[i]!);
        if (value instanceof PromiseCtor) {
          apply(PromiseCtor.prototype.catch, value, [() => undefined]);
          outcome = { kind: 'promise' };
        } else outcome = { kind: 'value', value: plain(value) };
      } catch (e) {
        outcome = { kind: 'threw', message: describeError(e), todo: isTodo(e) };
      }
      defineProperty(list, i, { value: outcome, enumerable: true, writable: true, configurable: true });
      try {
        bytes += toSerialized(outcome).length;
      } catch {
        // Not serializable: the fallback below sends its kind only.
      }
      if (bytes > job.maxBytes) {
        post({ t: 'too-large', bytes });
        processExit(0);
        return;
      }
    }
    outcomes = { t: 'result', outcomes: list };
  }
  try {
    post(outcomes);
  } catch {
    // A value v8 cannot serialize (it was plain data, so this is rare): send each outcome's kind.
    post({
      t: 'result',
      outcomes: outcomes.outcomes.map((o) =>
        o.kind === 'value' ? { kind: 'value', value: '[a value that cannot be sent]' } : o,
      ),
    });
  }
  processExit(0);
}

const jobFile = process.argv[2];
if (jobFile) {
  main(jobFile).catch((e: unknown) => {
    try {
      post({ t: 'load-error', message: `the grader's worker failed: ${describeError(e)}` });
    } catch {
      // Nothing more to do: the parent sees the exit.
    }
    processExit(1);
  });
}
