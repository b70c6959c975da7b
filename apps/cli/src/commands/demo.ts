/**
 * `gradkit demo` (`pnpm demo`): the main job. Runs the demo section of every lesson that has one
 * (its `demo.ts` in `@gradkit/course`, in registry order) and prints a readable report; `--only`
 * picks sections by lesson id (or an earlier section name); `--json` gives
 * `{"sections": {"<lesson id>": {...numbers}}, "timingsMs": {...}}` as the last stdout line.
 */
import type { Command } from 'commander';
import { type CommonOptions, elapsedMs, emitResult, log, UsageError } from '../util.js';

interface DemoOptions extends CommonOptions {
  only?: string;
  list?: boolean;
}

/** What `gradkit demo --json` prints. */
export interface DemoResult {
  sections: Record<string, object>;
  timingsMs: Record<string, number>;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('run the course demo: each lesson section reproduces its notebook and prints the numbers')
    .option('--only <sections>', 'comma-separated lesson ids to run (see --list)')
    .option('--list', 'list the sections (one per lesson with a demo) and exit')
    .action(async (opts: DemoOptions) => {
      const { demoSections } = await import('@gradkit/course');
      const entries = await demoSections();
      const listing = entries.map(({ lesson, section }) => ({
        id: lesson.id,
        title: section.title,
        lesson: lesson.title,
        aliases: section.aliases ?? [],
      }));
      if (opts.list) {
        emitResult({ sections: listing }, opts, (r) =>
          r.sections.map((s) => `${s.id.padEnd(16)} ${s.title} (${s.lesson})`),
        );
        return;
      }
      let chosen = entries;
      if (opts.only !== undefined) {
        const names = opts.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const find = (name: string) =>
          entries.find(
            (e) =>
              e.lesson.id === name || e.lesson.aliases.includes(name) || e.section.aliases?.includes(name),
          );
        const bad = names.filter((n) => !find(n));
        if (!names.length || bad.length)
          throw new UsageError(
            `--only expects a comma-separated list of ${listing.map((s) => JSON.stringify(s.id)).join(', ')}, received ${JSON.stringify(opts.only)}`,
          );
        const picked = new Set(names.map((n) => find(n)!.lesson.id));
        chosen = entries.filter((e) => picked.has(e.lesson.id));
      }
      const result: DemoResult = { sections: {}, timingsMs: {} };
      const reports: string[] = [];
      for (const { lesson, section } of chosen) {
        log(`[demo] ${lesson.id}: ${section.title} ...`);
        const start = performance.now();
        const out = await section.run({ log: (...parts) => log(`[demo] ${lesson.id}:`, ...parts) });
        result.timingsMs[lesson.id] = elapsedMs(start);
        result.sections[lesson.id] = out;
        log(`[demo] ${lesson.id}: done in ${(result.timingsMs[lesson.id]! / 1000).toFixed(2)} s`);
        const heading = `${section.title}  (lesson: ${lesson.id})`;
        reports.push(heading, '='.repeat(heading.length), ...section.render(out), '');
      }
      emitResult(result, opts, () => reports);
    });
}
