/**
 * The grader's default limits and the `--time-limit` / `--memory-limit` options that set them,
 * shared by `gradkit grade` and `gradkit curriculum serve`. Kept apart from `./index.js` so the
 * commands can register their options without loading the grader (esbuild, the sandbox).
 */
import type { Command } from 'commander';
import { parseInteger } from '../util.js';

/** Wall-clock limit per exercise (and for loading the module), in ms. */
export const DEFAULT_TIME_LIMIT_MS = 5000;
/** Heap limit of the grading child process (V8 old generation), in MiB. */
export const DEFAULT_MEMORY_LIMIT_MB = 256;

/** Add `--time-limit <ms>` and `--memory-limit <mb>` (parsed as `timeLimit`, `memoryLimit`). */
export function gradingLimitOptions(cmd: Command): Command {
  return cmd
    .option(
      '--time-limit <ms>',
      'wall-clock limit per exercise in milliseconds',
      parseInteger('--time-limit', { min: 100 }),
      DEFAULT_TIME_LIMIT_MS,
    )
    .option(
      '--memory-limit <mb>',
      'heap limit of the grading child process in MiB',
      parseInteger('--memory-limit', { min: 16 }),
      DEFAULT_MEMORY_LIMIT_MB,
    );
}
