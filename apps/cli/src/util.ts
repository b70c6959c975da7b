/**
 * Shared helpers for every `gradkit` command: output (`emitResult`, `log`), errors (`fail`,
 * `UsageError`) and option parsers whose errors name the option.
 *
 * The output contract of every command:
 * - progress and logs go to **stderr** (`log()`), so stdout stays clean for results;
 * - without `--json`, stdout gets a human-readable report;
 * - with `--json`, the **last line of stdout is exactly one JSON object** (the result, or
 *   `{"error": {...}}` when the command fails).
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { GradkitError } from '@gradkit/core';

/** The CLI's own package.json (the same relative path from `src/` and from `dist/`). */
export const cliPackage = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
};

/** Options every command accepts (`--json` is added to each command by `createProgram`). */
export interface CommonOptions {
  /** Print the result as one JSON object on the last line of stdout. */
  json?: boolean;
}

/** Bad command-line input (an option value, a missing argument): reported without a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Write a log/progress line to stderr (never stdout, so `--json` output stays parseable). */
export function log(...parts: unknown[]): void {
  process.stderr.write(`${parts.map((p) => (typeof p === 'string' ? p : String(p))).join(' ')}\n`);
}

/**
 * A result renderer for the human (non-`--json`) output: returns the lines to print.
 * Without one, `emitResult` prints `key: value` lines (and tables for arrays of flat objects).
 */
export type Render<T> = (result: T) => string | string[];

/**
 * Print a command's result. With `--json`: one line `JSON.stringify(result)` on stdout (the last
 * line the command prints there). Without: the lines from `render(result)` (or a generic
 * `key: value` listing).
 *
 * @example
 *   emitResult({ sum: 1036.321 }, opts, (r) => [`sum of the data: ${r.sum.toFixed(3)}`]);
 */
export function emitResult<T extends object>(result: T, opts: CommonOptions, render?: Render<T>): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, jsonReplacer)}\n`);
    return;
  }
  const out = render ? render(result) : renderGeneric(result as Record<string, unknown>);
  const lines = Array.isArray(out) ? out : [out];
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
}

/** JSON replacer: typed arrays become plain arrays, bigint becomes a string. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as Float64Array);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function renderGeneric(result: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (Array.isArray(value) && value.length && value.every((v) => v && typeof v === 'object')) {
      lines.push(`${key}:`);
      lines.push(...formatTable(value as Record<string, unknown>[]).map((l) => `  ${l}`));
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      lines.push(`${key}:`);
      lines.push(...renderGeneric(value as Record<string, unknown>).map((l) => `  ${l}`));
    } else {
      lines.push(`${key}: ${formatValue(value)}`);
    }
  }
  return lines;
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
  return String(value);
}

/**
 * Format rows as an aligned text table (numbers right-aligned). `columns` picks and orders the
 * keys (default: the keys of the first row); `format` formats a cell (default: `String`, with
 * non-integers to 6 significant digits).
 *
 * @example
 *   formatTable([{ dim: 2, volume: 0.785 }, { dim: 3, volume: 0.524 }]);
 *   // ['dim  volume', '  2   0.785', '  3   0.524']
 */
export function formatTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
  format: (value: unknown, column: string) => string = (v) =>
    typeof v === 'number' && !Number.isInteger(v) ? String(Number(v.toPrecision(6))) : String(v),
): string[] {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => cols.map((c) => format(row[c], c)));
  const numeric = cols.map((c) => rows.every((row) => typeof row[c] === 'number'));
  const widths = cols.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j]!.length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(widths[j]!) : s.padEnd(widths[j]!));
  const lines = [cols.map((c, j) => pad(c, j)).join('  '), ...cells.map((r) => r.map(pad).join('  '))];
  return lines.map((l) => l.trimEnd());
}

/**
 * Report an error and exit with status 1. A `GradkitError` (bad input to a library function) or a
 * `UsageError` (bad command-line input) prints one clear line, `gradkit <command>: <message>`,
 * without a stack trace; anything else is a bug and prints its stack. With `--json` the last
 * stdout line is `{"error": {"type": ..., "message": ...}}`.
 */
export function fail(error: unknown, opts: CommonOptions = {}, command?: string): never {
  const environment = isEnvironmentError(error);
  const expected = error instanceof GradkitError || error instanceof UsageError || environment;
  const message =
    error instanceof RangeError && environment
      ? `the request is too large for this machine (${error.message}); ask for smaller sizes`
      : error instanceof Error
        ? error.message
        : String(error);
  const type = error instanceof Error ? error.name : 'Error';
  const prefix = command ? `gradkit ${command}` : 'gradkit';
  if (expected || !(error instanceof Error)) process.stderr.write(`${prefix}: ${message}\n`);
  else process.stderr.write(`${prefix}: unexpected error\n${error.stack ?? message}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify({ error: { type, message } })}\n`);
  process.exit(1);
}

/** Error codes of the file system and the network: the environment said no, not a bug. */
const ENVIRONMENT_CODES = new Set([
  'ENOENT',
  'EACCES',
  'EPERM',
  'EISDIR',
  'ENOTDIR',
  'EEXIST',
  'ENOSPC',
  'EROFS',
  'EMFILE',
  'ENAMETOOLONG',
  'ELOOP',
  'EADDRINUSE',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_SOCKET_BAD_PORT',
]);

/**
 * Errors the user's environment or request causes (a missing folder, a full disk, a port in use,
 * sizes past what the engine can allocate): reported in one line, like a UsageError.
 */
export function isEnvironmentError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (code && ENVIRONMENT_CODES.has(code)) return true;
  return (
    error instanceof RangeError &&
    /Invalid typed array length|Array buffer allocation failed|Invalid array length|Invalid string length/.test(
      error.message,
    )
  );
}

/**
 * Check, before any work starts, that `path` can be written: its folder exists and is writable,
 * and the path is not a folder. Throws a UsageError naming the option (so `--plot` into a missing
 * folder fails at once, not after minutes of training).
 */
export function checkOutputFile(label: string, path: string): string {
  const file = resolve(path);
  const dir = dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`${label}: the folder ${JSON.stringify(dir)} does not exist; create it first`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`${label}: the folder ${JSON.stringify(dir)} is not writable`);
  }
  if (existsSync(file) && statSync(file).isDirectory())
    throw new UsageError(`${label}: ${JSON.stringify(file)} is a folder; expected a file path`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Option parsers. Pass them as commander's argParser: `.option('--lr <x>', 'learning rate',
// parsePositive('--lr'), 0.1)`. They throw a UsageError naming the option, e.g.
// `--lr expects a positive number, received "abc"`.
// ---------------------------------------------------------------------------------------------

/** Constraints for the number parsers. */
export interface NumberConstraints {
  /** Whole numbers only. */
  integer?: boolean;
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Largest accepted value (inclusive). */
  max?: number;
  /** Strictly greater than zero. */
  positive?: boolean;
}

function describe(c: NumberConstraints): string {
  const kind = c.integer ? 'integer' : 'number';
  let what = c.positive ? `a positive ${kind}` : `${c.integer ? 'an' : 'a'} ${kind}`;
  if (c.min !== undefined && c.max !== undefined) what += ` in [${c.min}, ${c.max}]`;
  else if (c.min !== undefined) what += ` >= ${c.min}`;
  else if (c.max !== undefined) what += ` <= ${c.max}`;
  return what;
}

/** Parse one number from an option value; throws a UsageError naming `label` when it is invalid. */
export function toNumber(label: string, raw: string, c: NumberConstraints = {}): number {
  const text = raw.trim();
  const value = text === '' ? Number.NaN : Number(text);
  const ok =
    Number.isFinite(value) &&
    (!c.integer || Number.isInteger(value)) &&
    (!c.positive || value > 0) &&
    (c.min === undefined || value >= c.min) &&
    (c.max === undefined || value <= c.max);
  if (!ok) throw new UsageError(`${label} expects ${describe(c)}, received ${JSON.stringify(raw)}`);
  return value;
}

/** An argParser for a number option, e.g. `parseNumber('--momentum', { min: 0, max: 1 })`. */
export function parseNumber(label: string, c: NumberConstraints = {}): (raw: string) => number {
  return (raw) => toNumber(label, raw, c);
}

/** An argParser for a positive number, e.g. `--lr`. */
export function parsePositive(label: string): (raw: string) => number {
  return parseNumber(label, { positive: true });
}

/** An argParser for an integer option, e.g. `parseInteger('--seed', { min: 0 })`. */
export function parseInteger(
  label: string,
  c: Omit<NumberConstraints, 'integer'> = {},
): (raw: string) => number {
  return parseNumber(label, { ...c, integer: true });
}

/**
 * An argParser for a comma-separated list of numbers, e.g. `--dims 2,100,1000`. Each entry obeys
 * the constraints; the error names the option and the bad entry.
 */
export function parseNumberList(label: string, c: NumberConstraints = {}): (raw: string) => number[] {
  // "a positive integer in [1, 9]" → "positive integers in [1, 9]"
  const each = describe(c)
    .replace(/^an? /, '')
    .replace(/(integer|number)/, '$1s');
  return (raw) => {
    const parts = raw.split(',').map((s) => s.trim());
    if (raw.trim() === '' || parts.some((p) => p === ''))
      throw new UsageError(
        `${label} expects a comma-separated list of ${each}, received ${JSON.stringify(raw)}`,
      );
    return parts.map((p) => {
      try {
        return toNumber(label, p, c);
      } catch {
        throw new UsageError(
          `${label} expects a comma-separated list of ${each}, received ${JSON.stringify(raw)} (bad entry ${JSON.stringify(p)})`,
        );
      }
    });
  };
}

/** An argParser for a comma-separated list of names from a fixed set, e.g. `--only coursework-iv`. */
export function parseChoiceList(label: string, choices: readonly string[]): (raw: string) => string[] {
  return (raw) => {
    const parts = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const bad = parts.filter((p) => !choices.includes(p));
    if (!parts.length || bad.length)
      throw new UsageError(
        `${label} expects a comma-separated list of ${choices.map((c) => JSON.stringify(c)).join(', ')}, received ${JSON.stringify(raw)}`,
      );
    return parts;
  };
}

/** Wall-clock milliseconds since `start` (from `performance.now()`), rounded to 0.1 ms. */
export function elapsedMs(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
