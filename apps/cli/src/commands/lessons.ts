/**
 * `gradkit lessons`: every lesson the gradkit packages serve (id, title, package, seed notebook,
 * goals, figures, graded exercises). With `--json` the last stdout line is a JSON array of
 * `LessonSummary` objects (see `summarizeLesson` in `@gradkit/core`).
 */
import type { Command } from 'commander';
import { type CommonOptions, emitResult, formatTable } from '../util.js';

export function register(program: Command): void {
  program
    .command('lessons')
    .description(
      'list every lesson (id, title, package, seed notebook, exercises); --json prints a JSON array',
    )
    .action(async (opts: CommonOptions) => {
      const { summarizeLesson } = await import('@gradkit/core');
      const { loadLessons } = await import('../grader/catalog.js');
      const lessons = (await loadLessons()).map(summarizeLesson);
      emitResult(lessons, opts, (list) => [
        ...formatTable(
          list.map((l) => ({
            id: l.id,
            title: l.title,
            package: l.package,
            seed: l.seed,
            exercises: l.exercises.length,
          })),
        ),
        '',
        `${list.length} lessons, ${list.reduce((n, l) => n + l.exercises.length, 0)} graded exercises; grade one with: pnpm gradkit grade --lesson <id> <file.ts>`,
      ]);
    });
}
