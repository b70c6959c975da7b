/**
 * What the grader (the trusted parent) and its child process exchange, and the parent's checks on
 * what comes back.
 *
 * - Parent → child: one {@link Job} per exercise, written with `v8.serialize` to `job.bin` in the
 *   exercise's folder (the child's only readable folder besides the runtime): which module to
 *   load, which export to call, and every case's arguments as data (harness markers and tensors as
 *   {@link TENSOR_MARK} records; never the expected values).
 * - Child → parent: {@link ChildMessage}s on file descriptor 3, each a frame of a 4-byte
 *   big-endian length and a `v8.serialize` payload (so NaN, ±Infinity and typed arrays survive).
 *
 * The parent trusts nothing that comes back: the child's process is the student's after its
 * module loads, and it may write any bytes to that descriptor. {@link FrameReader} caps the bytes,
 * the parent deserializes inside `try`, {@link readChildMessage} keeps only the fields it asked
 * for, and {@link cleanValue} copies a received value into plain data of bounded depth and size.
 * No message can carry a status: the verdict is `judge`'s, in the parent, on the parent's cases.
 */
import type { CallOutcome } from '@gradkit/course';

/** One exercise's work for the child. */
export interface Job {
  /** File URL of the submission's module, linked to this exercise's facades. */
  module: string;
  /** The function to call (the exercise's `check.export`). */
  exportName: string;
  /** File URL of the lesson's harness module in the runtime, or null. */
  harness: string | null;
  /** File URLs of the library modules the submission imports, loaded before the lockdown. */
  preload: string[];
  /** Each case's arguments (see {@link encodeArgs}). */
  args: unknown[][];
  /**
   * The most bytes the results may take (the parent refuses a larger frame anyway): the child
   * stops calling the solution once its results pass this and says so, instead of building and
   * sending a frame the parent would only refuse.
   */
  maxBytes: number;
}

/** Messages the child sends, in this order (`load-error` ends the exercise). */
export type ChildMessage =
  | { t: 'ready' }
  | { t: 'loaded' }
  | { t: 'load-error'; message: string }
  | { t: 'result'; outcomes: CallOutcome[] }
  | { t: 'too-large'; bytes: number };

/** The key of a tensor argument's record: `{ [TENSOR_MARK]: { data, shape, dtype, requiresGrad } }`. */
export const TENSOR_MARK = '$gradkitTensor';

/** Largest frame the parent accepts, in bytes. */
export const MAX_FRAME_BYTES = 64 * 2 ** 20;
/** Largest total the parent reads from one child, in bytes. */
export const MAX_TOTAL_BYTES = 80 * 2 ** 20;
/** Deepest nesting of a received value (deeper parts become a string saying so). */
export const MAX_DEPTH = 64;
/** Most numbers, strings and containers a received outcome list may hold in all. */
export const MAX_NODES = 8_000_000;
/** Longest received string kept, in characters. */
export const MAX_STRING = 100_000;
/** Longest message string (an exception's message, a load error) kept, in characters. */
export const MAX_MESSAGE = 4000;

/** A frame: 4-byte big-endian length, then the payload. */
export function frame(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(4 + payload.length);
  out.writeUInt32BE(payload.length, 0);
  out.set(payload, 4);
  return out;
}

/**
 * Splits the child's byte stream into frames, refusing (with `error` set, after which it takes
 * nothing more) a frame larger than `maxFrame` (default {@link MAX_FRAME_BYTES}) or more than
 * `maxTotal` bytes in all, before buffering them.
 */
export class FrameReader {
  error: string | null = null;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private total = 0;

  constructor(
    private readonly maxFrame = MAX_FRAME_BYTES,
    private readonly maxTotal = MAX_TOTAL_BYTES,
  ) {}

  /** Add bytes; returns the frames completed by them. */
  push(chunk: Buffer): Buffer[] {
    if (this.error) return [];
    this.total += chunk.length;
    if (this.total > this.maxTotal) {
      this.fail(`the solution's results take more than ${this.maxTotal} bytes`);
      return [];
    }
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const head = this.peek(4);
      const size = head.readUInt32BE(0);
      if (size > this.maxFrame) {
        this.fail(
          `the solution's results take ${size} bytes, more than the ${this.maxFrame} bytes the grader accepts`,
        );
        return frames;
      }
      if (this.buffered < 4 + size) break;
      const all = Buffer.concat(this.chunks, this.buffered);
      frames.push(all.subarray(4, 4 + size));
      const rest = all.subarray(4 + size);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
    }
    return frames;
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    return first.length >= n ? first : Buffer.concat(this.chunks, this.buffered).subarray(0, n);
  }

  private fail(message: string): void {
    this.error = message;
    this.chunks = [];
    this.buffered = 0;
  }
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 3)}...` : s);

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A received value as plain data the judge can compare: numbers, strings (at most
 * {@link MAX_STRING} characters), booleans, null, undefined, bigints, arrays and plain objects
 * (fresh copies, keys as own data properties), typed arrays as arrays. Anything else, or anything
 * nested deeper than {@link MAX_DEPTH}, becomes a string saying what it was. `budget.nodes`
 * counts down; at zero the rest is cut.
 */
export function cleanValue(v: unknown, budget: { nodes: number }, depth = 0): unknown {
  if (--budget.nodes < 0) return '[value too large]';
  switch (typeof v) {
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return v;
    case 'string':
      return clip(v, MAX_STRING);
    case 'object':
      break;
    default:
      return `[${typeof v}]`;
  }
  if (v === null) return null;
  if (depth >= MAX_DEPTH) return `[nested deeper than ${MAX_DEPTH} levels]`;
  if (ArrayBuffer.isView(v)) {
    if (v instanceof DataView) return '[DataView]';
    const n = (v as Float64Array).length;
    if (n > budget.nodes) return '[value too large]';
    budget.nodes -= n;
    return Array.from(v as Float64Array, (x) => (typeof x === 'bigint' ? x : Number(x)));
  }
  if (Array.isArray(v)) {
    const n = v.length;
    if (n > budget.nodes) return '[value too large]';
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = cleanValue(v[i], budget, depth + 1);
    return out;
  }
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v))
      Object.defineProperty(out, k, {
        value: cleanValue((v as Record<string, unknown>)[k], budget, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return `[${Object.prototype.toString.call(v).slice(8, -1)}]`;
}

/** A message string from the child: a string, clipped; anything else a placeholder. */
export function cleanMessage(v: unknown): string {
  return typeof v === 'string' ? clip(v, MAX_MESSAGE) : '(no message)';
}

const MISSING_KINDS = new Set([
  'nothing',
  'undefined',
  'object',
  'number',
  'string',
  'boolean',
  'bigint',
  'symbol',
]);

/**
 * The outcome list of a `result` message, validated: at most `cases` outcomes, each rebuilt from
 * its known fields only. Returns null when the list is not one the child could have sent.
 */
export function cleanOutcomes(raw: unknown, cases: number): CallOutcome[] | null {
  if (!Array.isArray(raw) || raw.length > Math.max(cases, 1)) return null;
  const budget = { nodes: MAX_NODES };
  const out: CallOutcome[] = [];
  for (let i = 0; i < raw.length; i++) {
    const o = raw[i] as Record<string, unknown> | null;
    if (!o || typeof o !== 'object' || !isPlainObject(o)) return null;
    switch (o.kind) {
      case 'value':
        out.push({ kind: 'value', value: cleanValue(o.value, budget) });
        break;
      case 'threw':
        out.push({ kind: 'threw', message: cleanMessage(o.message), todo: o.todo === true });
        break;
      case 'promise':
        out.push({ kind: 'promise' });
        break;
      case 'missing':
        // Only as the single outcome: the module has no such function.
        if (raw.length !== 1) return null;
        out.push({
          kind: 'missing',
          received: typeof o.received === 'string' && MISSING_KINDS.has(o.received) ? o.received : 'nothing',
        });
        break;
      default:
        return null;
    }
  }
  return out;
}

/**
 * A deserialized frame as a {@link ChildMessage} with only the fields the parent reads, or null
 * for anything else (ignored).
 */
export function readChildMessage(
  raw: unknown,
): { t: string; message?: string; outcomes?: unknown; bytes?: number } | null {
  if (!raw || typeof raw !== 'object' || !isPlainObject(raw)) return null;
  const m = raw as Record<string, unknown>;
  switch (m.t) {
    case 'ready':
    case 'loaded':
      return { t: m.t };
    case 'load-error':
      return { t: m.t, message: cleanMessage(m.message) };
    case 'result':
      return { t: m.t, outcomes: m.outcomes };
    case 'too-large':
      return typeof m.bytes === 'number' && Number.isFinite(m.bytes) ? { t: m.t, bytes: m.bytes } : null;
    default:
      return null;
  }
}
