/**
 * `gradkit run <lesson>`: run a lesson's notebook headless with the notebook's own seeds and
 * settings, printing what the notebook prints. With `--json` the last stdout line is
 * `{"lesson": "<id>", "values": {...}}`: every quantity the notebook prints, plots or asks the
 * student to compute, keyed by the notebook's own variable names (the contract is `Notebook` of
 * `@gradkit/course`). `--scale <f>` multiplies the notebook's iteration counts (epochs, steps,
 * episodes) by f for quick runs; the JSON then carries `"scale"` and `"seconds"`.
 */
import type { Command } from 'commander';
import { type CommonOptions, log, parseNumber, UsageError } from '../util.js';

interface RunOptions extends CommonOptions {
  scale?: number;
}

export function register(program: Command): void {
  program
    .command('run')
    .description(
      "run a lesson's notebook headless and print what it prints (--json: its values by the notebook's names)",
    )
    .argument('<lesson>', 'a lesson id (see gradkit lessons), e.g. loss-i or 9-2-implicit-regularization')
    .option(
      '--scale <f>',
      "multiply the notebook's iteration counts (epochs, steps, episodes) by f, in (0, 100]",
      parseNumber('--scale', { positive: true, max: 100 }),
    )
    .action(async (id: string, opts: RunOptions) => {
      const { findLesson, lessonIds, runLesson } = await import('@gradkit/course');
      const lesson = findLesson(id);
      if (!lesson)
        throw new UsageError(
          `<lesson> expects one of ${lessonIds().join('|')}, received ${JSON.stringify(id)}`,
        );
      log(
        `[run] ${lesson.id}: ${lesson.title}${opts.scale !== undefined ? ` (scale ${opts.scale})` : ''} ...`,
      );
      const result = await runLesson(lesson, {
        ...(opts.scale !== undefined ? { scale: opts.scale } : {}),
        onPrint: (line) => process.stdout.write(`${line}\n`),
      });
      if (opts.json) {
        const { report: _report, ...json } = result;
        process.stdout.write(`${JSON.stringify(json)}\n`);
      }
    });
}
