/**
 * `gradkit lessons [ID]`: every lesson of the course registry (`@gradkit/course`): id, title,
 * notebook, curricula, graded exercises. `--curriculum <id>` lists one built-in curriculum in its
 * order (`cm20315`, `udl`). With `--json` the last stdout line is a JSON array of
 * `LessonSummary` objects.
 *
 * With a lesson id (or an earlier id, an alias): that lesson in full (summary, goals, each
 * exercise's prompt and the export it is checked on); `--starter FILE` writes the lesson's starter
 * file (its `starter.ts`: typed stubs that throw TODO) for `gradkit grade --lesson ID FILE`.
 * `--json` then prints one object (the summary and the starter text).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@gradkit/core/node';
import type { Command } from 'commander';
import { type CommonOptions, emitResult, formatTable, log, UsageError } from '../util.js';

/** Options of `gradkit lessons`. */
export interface LessonsOptions extends CommonOptions {
  starter?: string;
  force?: boolean;
  curriculum?: string;
}

export function register(program: Command): void {
  program
    .command('lessons')
    .description(
      'list every lesson (id, title, notebook, curricula, exercises), or show one; --json prints a JSON array',
    )
    .argument('[id]', 'a lesson id: show that lesson (summary, goals, exercise prompts)')
    .option('--curriculum <id>', 'list the lessons of one built-in curriculum, in its order (cm20315, udl)')
    .option('--starter <file>', "with a lesson id: write the lesson's starter file (typed stubs) to <file>")
    .option('--force', 'overwrite an existing --starter file')
    .action(async (id: string | undefined, opts: LessonsOptions) => {
      const { curricula, curriculumLessons, findLesson, lessons, summarizeLesson } = await import(
        '@gradkit/course'
      );
      if (id === undefined) {
        if (opts.starter)
          throw new UsageError('--starter needs a lesson id: gradkit lessons <id> --starter <file>');
        let list = lessons;
        if (opts.curriculum !== undefined) {
          const c = curricula[opts.curriculum];
          if (!c)
            throw new UsageError(
              `--curriculum expects one of ${Object.keys(curricula).join('|')}, received ${JSON.stringify(opts.curriculum)}`,
            );
          list = curriculumLessons(c);
        }
        emitResult(list.map(summarizeLesson), opts, (all) => [
          ...formatTable(
            all.map((l) => ({
              id: l.id,
              title: l.title,
              notebook: l.notebook.file,
              curricula: l.curricula.join(','),
              exercises: l.exercises.length,
            })),
          ),
          '',
          `${all.length} lessons, ${all.reduce((n, l) => n + l.exercises.length, 0)} graded exercises; show one with: pnpm gradkit lessons <id>; run its notebook: pnpm gradkit run <id>; grade: pnpm gradkit grade --lesson <id> <file.ts>`,
        ]);
        return;
      }
      const lesson = findLesson(id);
      if (!lesson)
        throw new UsageError(
          `[id] expects one of ${lessons.map((l) => l.id).join('|')}, received ${JSON.stringify(id)}`,
        );
      const { starterSource } = await import('@gradkit/course/node');
      const starter = starterSource(lesson);
      if (opts.starter) {
        if (starter === null)
          throw new UsageError(`lesson ${lesson.id} has no graded exercises (no starter file)`);
        if (existsSync(opts.starter) && !opts.force)
          throw new UsageError(
            `--starter ${JSON.stringify(opts.starter)} exists; pass --force to overwrite it`,
          );
        const folder = dirname(opts.starter);
        if (!existsSync(folder) || !statSync(folder).isDirectory())
          throw new UsageError(
            `--starter ${JSON.stringify(opts.starter)}: the folder ${JSON.stringify(folder)} does not exist`,
          );
        writeFileAtomic(opts.starter, starter);
        log(`wrote ${opts.starter}; grade it with: pnpm gradkit grade --lesson ${lesson.id} ${opts.starter}`);
      }
      const result = { ...summarizeLesson(lesson), starter };
      emitResult(result, opts, (r) => [
        `${r.title} (${r.id}${r.aliases.length ? `; also ${r.aliases.join(', ')}` : ''})`,
        `notebook ${r.notebook.title} (${r.notebook.collection}/${r.notebook.file})${r.book ? ` · UDL ${r.book.section} ${r.book.title}` : ''}`,
        `packages ${r.packages.join(', ')}${r.curricula.length ? ` · curricula ${r.curricula.join(', ')}` : ''}`,
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
        `Run the notebook: pnpm gradkit run ${r.id}`,
        r.exercises.length
          ? `Starter: pnpm gradkit lessons ${r.id} --starter ${r.id}.ts; grade: pnpm gradkit grade --lesson ${r.id} ${r.id}.ts`
          : 'No graded exercises.',
      ]);
    });
}
