/**
 * The notebook runner behind `gradkit run <lesson>`: a lesson's `notebook.ts` receives a
 * {@link Notebook} and runs the notebook's code headless, printing what the notebook prints and
 * recording its values under the notebook's own names. The contract of the values
 * (`gradkit run <id> --json`, `{"lesson": id, "values": {...}}`):
 *
 * - `values.<name>`: the value bound to the notebook's top-level Python variable `<name>` (spelled
 *   as there) when the notebook finishes — {@link Notebook.set}; for a function the student writes,
 *   the variable holding its result in the notebook's code;
 * - a value the notebook prints without binding it: keyed by the printed expression exactly as
 *   written in the notebook (`distance_ratio(x_2D)`) — {@link Notebook.show}; printed inside a
 *   loop, the list of printed values in order (`{ loop: true }`);
 * - `values["<name>#all"]`: every printed value of a variable printed more than once (in a loop,
 *   or again after rebinding), in order;
 * - numbers as JSON numbers (non-finite ones as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`),
 *   arrays as nested lists with numpy's shapes (a tensor's own shape), strings as they are, dicts
 *   as objects.
 *
 * @example
 *   // lessons/5-1-least-squares-loss/notebook.ts
 *   export function run(nb: Notebook) {
 *     const p = normalPdf(1, -1, 2.3).item();
 *     nb.show('normal_distribution(1,-1,2.3)', p);
 *     nb.print(pyFormat('Correct answer = %3.3f, Your answer = %3.3f', 0.119, p));
 *   }
 */
import { Tensor } from '@gradkit/core';

/** Options of a notebook run. */
export interface NotebookOptions {
  /**
   * Multiplies the notebook's iteration counts (epochs, steps, episodes): 0.1 runs a tenth of
   * them, for quick checks and timing. Default 1 (the notebook's own settings).
   */
  scale?: number;
  /** Called with each printed line as it is printed (the CLI streams the report). */
  onPrint?: (line: string) => void;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * JSON-ready copy of a notebook value: tensors as nested lists of their shape, typed arrays as
 * lists, Maps and plain objects as objects, non-finite numbers as strings, bigints as numbers.
 */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  }
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Tensor) return toJsonValue(value.toArray());
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>, toJsonValue);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = toJsonValue(v);
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonValue(v);
    return out;
  }
  return value === undefined ? null : value;
}

/** What a lesson's `notebook.ts` uses to print and record (see the module comment). */
export class Notebook {
  /** The `--scale` factor (1: the notebook's own settings). */
  readonly scale: number;
  private readonly lines: string[] = [];
  private readonly bound = new Map<string, unknown>();
  private readonly printed = new Map<string, { values: unknown[]; loop: boolean }>();
  private readonly onPrint: ((line: string) => void) | undefined;

  constructor(options: NotebookOptions = {}) {
    const scale = options.scale ?? 1;
    if (!(typeof scale === 'number' && Number.isFinite(scale) && scale > 0))
      throw new RangeError(`Notebook: scale must be a positive number, received ${String(scale)}`);
    this.scale = scale;
    this.onPrint = options.onPrint;
  }

  /**
   * An iteration count of the notebook (epochs, steps, episodes) times the scale, rounded, at
   * least `min` (default 1).
   */
  steps(n: number, min = 1): number {
    if (this.scale === 1) return n;
    return Math.max(min, Math.round(n * this.scale));
  }

  /** Print lines of the report (what the notebook prints; one call may hold several lines). */
  print(...lines: string[]): void {
    for (const text of lines)
      for (const line of text.split('\n')) {
        this.lines.push(line);
        this.onPrint?.(line);
      }
  }

  /** Bind the notebook's top-level variable `name` (the last binding is the value reported). */
  set(name: string, value: unknown): void {
    if (!IDENTIFIER.test(name))
      throw new TypeError(`Notebook.set: name must be a Python identifier, received ${JSON.stringify(name)}`);
    this.bound.set(name, toJsonValue(value));
  }

  /** Bind several variables at once: `nb.setAll({ x_train, y_train })`. */
  setAll(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.set(k, v);
  }

  /**
   * A value the notebook prints: a variable (`key` an identifier; it is bound too) or an
   * expression (`key` the expression's text as written in the notebook). `loop: true` when the
   * notebook prints it inside a loop, so the expression's value is a list even for one pass.
   */
  show(key: string, value: unknown, options: { loop?: boolean } = {}): void {
    const v = toJsonValue(value);
    const entry = this.printed.get(key) ?? { values: [], loop: false };
    entry.values.push(v);
    entry.loop ||= options.loop === true;
    this.printed.set(key, entry);
    if (IDENTIFIER.test(key)) this.bound.set(key, v);
  }

  /** The report and the values, by the contract of the module comment. */
  result(): { report: string[]; values: Record<string, unknown> } {
    const values: Record<string, unknown> = {};
    for (const [k, v] of this.bound) values[k] = v;
    for (const [key, { values: list, loop }] of this.printed) {
      if (IDENTIFIER.test(key)) {
        if (list.length > 1 || loop) values[`${key}#all`] = list;
      } else values[key] = list.length === 1 && !loop ? list[0] : list;
    }
    return { report: [...this.lines], values };
  }
}
