/**
 * The grader's default limits and the `--time-limit` / `--memory-limit` options that set them,
 * shared by `gradkit grade` and `gradkit curriculum serve`. Kept apart from `./index.js` so the
 * commands can register their options without loading the grader (esbuild, the sandbox).
 *
 * Both limits are bounded to what the machinery can express: a time limit becomes a Node timer,
 * whose delay is a signed 32-bit number of milliseconds (a longer one silently fires after 1 ms),
 * and a memory limit becomes V8's `--max-old-space-size`.
 */
import type { Command } from 'commander';
import { UsageError } from '../util.js';

/** Wall-clock limit per exercise (and for loading the module), in ms. */
export const DEFAULT_TIME_LIMIT_MS = 5000;
/** Heap limit of the grading child process (V8 old generation), in MiB. */
export const DEFAULT_MEMORY_LIMIT_MB = 256;

/** Smallest and largest accepted time limit, in ms (the largest is the longest Node timer: 2^31 − 1 ms, about 24.8 days). */
export const TIME_LIMIT_RANGE = [100, 2 ** 31 - 1] as const;
/** Smallest and largest accepted heap limit, in MiB (1 TiB: far above any machine, well inside what V8 takes). */
export const MEMORY_LIMIT_RANGE = [16, 2 ** 20] as const;

function bounded(label: string, [min, max]: readonly [number, number], why: string): (raw: string) => number {
  return (raw) => {
    const text = raw.trim();
    const value = text === '' ? Number.NaN : Number(text);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new UsageError(
        `${label} expects an integer in [${min}, ${max}] (${why}), received ${JSON.stringify(raw)}`,
      );
    return value;
  };
}

/**
 * Check limits given through the module API (`gradeFile`): whole numbers in the ranges above.
 * Throws a RangeError naming the option otherwise.
 */
export function checkLimits(timeLimitMs: number, memoryLimitMb: number): void {
  const check = (name: string, v: number, [min, max]: readonly [number, number]) => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw new RangeError(`${name} must be an integer in [${min}, ${max}], received ${String(v)}`);
  };
  check('timeLimitMs', timeLimitMs, TIME_LIMIT_RANGE);
  check('memoryLimitMb', memoryLimitMb, MEMORY_LIMIT_RANGE);
}

/** Add `--time-limit <ms>` and `--memory-limit <mb>` (parsed as `timeLimit`, `memoryLimit`). */
export function gradingLimitOptions(cmd: Command): Command {
  return cmd
    .option(
      '--time-limit <ms>',
      'wall-clock limit per exercise in milliseconds (at most 2147483647, the longest Node timer)',
      bounded(
        '--time-limit',
        TIME_LIMIT_RANGE,
        'milliseconds; 2147483647 = 2^31 - 1 is the longest delay a Node timer can express',
      ),
      DEFAULT_TIME_LIMIT_MS,
    )
    .option(
      '--memory-limit <mb>',
      'heap limit of each grading child process in MiB',
      bounded('--memory-limit', MEMORY_LIMIT_RANGE, "MiB of V8 heap per exercise's child process"),
      DEFAULT_MEMORY_LIMIT_MB,
    );
}
