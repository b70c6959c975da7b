/**
 * `gradkit lessons [ID]`: every lesson the gradkit packages serve (id, title, package, seed
 * notebook, goals, figures, graded exercises). With `--json` the last stdout line is a JSON array
 * of `LessonSummary` objects (see `summarizeLesson` in `@gradkit/core`).
 *
 * With a lesson id: that lesson in full (summary, goals, each exercise's prompt and the export it
 * is checked on); `--starter FILE` writes the lesson's starter file (typed stubs that throw TODO)
 * for `gradkit grade --lesson ID FILE`. `--json` then prints one object (the summary plus the
 * prompts and the starter text).
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type CommonOptions, emitResult, formatTable, log, UsageError } from '../util.js';

/** Options of `gradkit lessons`. */
export interface LessonsOptions extends CommonOptions {
  starter?: string;
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command('lessons')
    .description(
      'list every lesson (id, title, package, seed notebook, exercises), or show one; --json prints a JSON array',
    )
    .argument('[id]', 'a lesson id: show that lesson (summary, goals, exercise prompts)')
    .option('--starter <file>', "with a lesson id: write the lesson's starter file (typed stubs) to <file>")
    .option('--force', 'overwrite an existing --starter file')
    .action(async (id: string | undefined, opts: LessonsOptions) => {
      const { lessonStarter, summarizeLesson } = await import('@gradkit/core');
      const { loadLessons } = await import('../grader/catalog.js');
      const lessons = await loadLessons();
      if (id === undefined) {
        if (opts.starter)
          throw new UsageError('--starter needs a lesson id: gradkit lessons <id> --starter <file>');
        const list = lessons.map(summarizeLesson);
        emitResult(list, opts, (all) => [
          ...formatTable(
            all.map((l) => ({
              id: l.id,
              title: l.title,
              package: l.package,
              seed: l.seed,
              exercises: l.exercises.length,
            })),
          ),
          '',
          `${all.length} lessons, ${all.reduce((n, l) => n + l.exercises.length, 0)} graded exercises; show one with: pnpm gradkit lessons <id>; grade with: pnpm gradkit grade --lesson <id> <file.ts>`,
        ]);
        return;
      }
      const lesson = lessons.find((l) => l.id === id);
      if (!lesson)
        throw new UsageError(
          `[id] expects one of ${lessons.map((l) => l.id).join('|')}, received ${JSON.stringify(id)}`,
        );
      const starter = lessonStarter(lesson);
      if (opts.starter) {
        if (!lesson.exercises.length)
          throw new UsageError(`lesson ${lesson.id} has no graded exercises (no starter file)`);
        if (existsSync(opts.starter) && !opts.force)
          throw new UsageError(
            `--starter ${JSON.stringify(opts.starter)} exists; pass --force to overwrite it`,
          );
        const tmp = `${opts.starter}.tmp-${process.pid}`;
        writeFileSync(tmp, starter);
        renameSync(tmp, opts.starter);
        log(`wrote ${opts.starter}; grade it with: pnpm gradkit grade --lesson ${lesson.id} ${opts.starter}`);
      }
      const result = {
        ...summarizeLesson(lesson),
        summary: lesson.summary,
        exercises: lesson.exercises.map((e) => ({
          id: e.id,
          title: e.title,
          export: e.check.export,
          prompt: e.prompt,
          hint: e.check.hint,
        })),
        starter,
      };
      emitResult(result, opts, (r) => [
        `${r.title} (${r.id})`,
        `package ${r.package} · seed notebook ${r.seed}`,
        '',
        r.summary,
        '',
        'Goals:',
        ...r.goals.map((g) => `  - ${g}`),
        '',
        `Exercises (${r.exercises.length}):`,
        ...r.exercises.flatMap((e, i) => [
          `  ${i + 1}. ${e.id}: ${e.title} (export ${e.export})`,
          `     ${e.prompt}`,
        ]),
        '',
        r.exercises.length
          ? `Starter: pnpm gradkit lessons ${r.id} --starter ${r.id}.ts; grade: pnpm gradkit grade --lesson ${r.id} ${r.id}.ts`
          : 'No graded exercises.',
      ]);
    });
}
