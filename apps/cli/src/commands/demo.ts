/**
 * `gradkit demo` (`pnpm demo`): the main job. Runs every demo section (one per lesson, see
 * `demo/index.ts`) and prints a readable report; `--only` picks sections; `--json` gives
 * `{"sections": {"<id>": {...numbers}}, "timingsMs": {...}}` as the last stdout line.
 */
import type { Command } from 'commander';
import { sections } from '../demo/index.js';
import { type CommonOptions, elapsedMs, emitResult, log, parseChoiceList } from '../util.js';

interface DemoOptions extends CommonOptions {
  only?: string[];
  list?: boolean;
}

/** What `gradkit demo --json` prints. */
export interface DemoResult {
  sections: Record<string, object>;
  timingsMs: Record<string, number>;
}

export function register(program: Command): void {
  const ids = sections.map((s) => s.id);
  program
    .command('demo')
    .description('run the course demo: each lesson section reproduces its notebook and prints the numbers')
    .option(
      '--only <sections>',
      `comma-separated sections to run (${ids.join(', ')})`,
      parseChoiceList('--only', ids),
    )
    .option('--list', 'list the sections and exit')
    .addHelpText(
      'after',
      `\nSections:\n${sections.map((s) => `  ${s.id.padEnd(16)} ${s.title} (${s.lesson})`).join('\n')}`,
    )
    .action(async (opts: DemoOptions) => {
      if (opts.list) {
        emitResult(
          { sections: sections.map(({ id, title, lesson }) => ({ id, title, lesson })) },
          opts,
          (r) => r.sections.map((s) => `${s.id.padEnd(16)} ${s.title} (${s.lesson})`),
        );
        return;
      }
      const chosen = sections.filter((s) => !opts.only || opts.only.includes(s.id));
      const result: DemoResult = { sections: {}, timingsMs: {} };
      const reports: string[] = [];
      for (const section of chosen) {
        log(`[demo] ${section.id}: ${section.title} ...`);
        const start = performance.now();
        const out = await section.run({ log: (...parts) => log(`[demo] ${section.id}:`, ...parts) });
        result.timingsMs[section.id] = elapsedMs(start);
        result.sections[section.id] = out;
        log(`[demo] ${section.id}: done in ${(result.timingsMs[section.id]! / 1000).toFixed(2)} s`);
        const heading = `${section.title}  (lesson: ${section.lesson})`;
        reports.push(heading, '='.repeat(heading.length), ...section.render(out), '');
      }
      emitResult(result, opts, () => reports);
    });
}
