/**
 * `gradkit curriculum build curriculum.json --out DIR`: turn a curriculum (title, ordered lesson
 * ids, optional extra pages) into the course site restricted to it (the docs app's build: the same
 * lesson pages, figures, demos, in-page exercises and search) plus a starter-exercise folder
 * (`DIR/starter/`); `--no-site` writes only the starter folder and `curriculum.json`; `--json`
 * prints the list of lessons, pages and files written.
 *
 * `gradkit curriculum serve DIR [--port N] [--records FILE]`: serve a built site and grade the
 * solutions students submit from the lesson pages' exercise editor ("Submit to your instructor",
 * `POST /api/grade`, the `gradkit grade` grader); `--records` appends each graded submission to
 * FILE (one JSON line, with the student's name). Prints `serving DIR at URL` on stderr (and
 * `{"url": ...}` on stdout with `--json`) and runs until interrupted.
 */
import { isIP } from 'node:net';
import type { Command } from 'commander';
import type { CurriculumBuildResult } from '../curriculum/index.js';
import { gradingLimitOptions } from '../grader/limits.js';
import { type CommonOptions, emitResult, log, parseInteger, UsageError } from '../util.js';

const JSON_HELP = 'print the result as one JSON object on the last line of stdout (logs go to stderr)';

/** `--json` given before or after the subcommand (commander may hand it to `curriculum`). */
function withJson(opts: CommonOptions, cmd: Command): void {
  if (cmd.optsWithGlobals<CommonOptions>().json) opts.json = true;
}

function renderBuild(r: CurriculumBuildResult): string[] {
  return [
    `${r.title}: ${r.lessons.length} lessons, ${r.pages.length} extra pages, ${r.files.length} files in ${r.out}${r.siteSeconds ? ` (site built in ${r.siteSeconds.toFixed(0)} s)` : ''}`,
    ...r.lessons.map(
      (l, i) => `  ${i + 1}. ${l.id.padEnd(24)} ${l.page ?? ''}${l.starter ? `  ${l.starter}` : ''}`,
    ),
    ...r.pages.map((p) => `     ${p.title.padEnd(24)} ${p.page ?? ''}`),
    r.lessons[0]?.page
      ? `serve it with the grader: pnpm gradkit curriculum serve ${r.out} (or put it on any static host, without the grader)`
      : `the starter folder: ${r.out}/starter`,
  ];
}

export function register(program: Command): void {
  const curriculum = program
    .command('curriculum')
    .description(
      "build a course (the course site restricted to a curriculum.json's lessons + starter exercises), and serve it with the grader",
    );
  curriculum
    .command('build')
    .exitOverride() // usage errors reach runCli's handler (the {"error"} line with --json)
    .description(
      "build a curriculum's site (the course site's pages for its lessons, in its order) and its starter-exercise folder",
    )
    .argument(
      '<curriculum>',
      'a curriculum.json file ({"title", "lessons": [ids], "pages"?}) or a built-in curriculum (cm20315, udl)',
    )
    .requiredOption('--out <dir>', 'output folder (created; an earlier build there is replaced)')
    .option('--no-site', 'write only curriculum.json and the starter folder (no site build)')
    .option('--json', JSON_HELP)
    .action(async (file: string, opts: CommonOptions & { out: string; site: boolean }, cmd: Command) => {
      withJson(opts, cmd);
      const { buildCurriculum } = await import('../curriculum/index.js');
      const result = await buildCurriculum(file, opts.out, { site: opts.site });
      log(`built ${result.files.length} files into ${result.out}`);
      emitResult(result, opts, renderBuild);
    });
  const serve = curriculum
    .command('serve')
    .exitOverride()
    .description(
      "serve a built curriculum site and grade the solutions submitted from its lessons' exercise editors",
    )
    .argument('<dir>', 'a folder written by gradkit curriculum build')
    .option('--port <n>', 'TCP port (0: any free port)', parseInteger('--port', { min: 0, max: 65535 }), 8080)
    .option('--host <host>', 'interface to listen on (an IP address or a host name)', parseHost, '127.0.0.1')
    .option(
      '--records <file>',
      "append each graded submission to this file (one JSON line: time, student, lesson, score, exercises' statuses, source); students then give their name",
    )
    .option('--json', JSON_HELP);
  gradingLimitOptions(serve).action(
    async (
      dir: string,
      opts: CommonOptions & {
        port: number;
        host: string;
        records?: string;
        timeLimit: number;
        memoryLimit: number;
      },
      cmd: Command,
    ) => {
      withJson(opts, cmd);
      const { serveCurriculum } = await import('../curriculum/serve.js');
      const served = await serveCurriculum(dir, {
        port: opts.port,
        host: opts.host,
        timeLimitMs: opts.timeLimit,
        memoryLimitMb: opts.memoryLimit,
        ...(opts.records !== undefined && { records: opts.records }),
      });
      log(
        `serving ${dir} at ${served.url}${opts.records ? `, recording submissions in ${opts.records}` : ''} (Ctrl-C to stop)`,
      );
      emitResult({ url: served.url }, opts, (r) => [r.url]);
      await new Promise<void>((done) => {
        const stop = () => void served.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    },
  );
}

/** `--host`: an IPv4/IPv6 address or an RFC 1123 host name; a UsageError naming the option otherwise. */
function parseHost(raw: string): string {
  const host = raw.trim();
  const name =
    /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
  // a dotted quad that is not a valid IPv4 address (256.1.1.1) is not a host name either
  if (isIP(host) || (name.test(host) && !/^[\d.]+$/.test(host))) return host;
  throw new UsageError(`--host expects an IP address or a host name, received ${JSON.stringify(raw)}`);
}
