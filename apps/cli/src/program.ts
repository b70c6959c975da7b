/**
 * Builds the `gradkit` program (commander) and runs it with the shared error handling:
 * every command gets `--help` and `--json`; a thrown `GradkitError`/`UsageError` becomes one clear
 * line on stderr (and `{"error": ...}` as the last stdout line with `--json`), exit status 1.
 */
import { Command, CommanderError } from 'commander';
import * as commands from './commands/index.js';
import { cliPackage, fail } from './util.js';

const JSON_HELP = 'print the result as one JSON object on the last line of stdout (logs go to stderr)';

/** Create the program with every command of `commands/index.ts` registered. */
export function createProgram(): Command {
  const program = new Command('gradkit')
    .description('Run the gradkit course lessons, demos and tools from a terminal.')
    .version(cliPackage.version, '-V, --version', 'print the gradkit CLI version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nOutput: logs and progress go to stderr; with --json the last line of stdout is one JSON object.',
    );
  for (const register of Object.values(commands)) register(program);
  // Every command gets --json (unless it declared its own).
  for (const cmd of program.commands) {
    if (!cmd.options.some((o) => o.long === '--json')) cmd.option('--json', JSON_HELP);
  }
  return program;
}

/** `--json` anywhere before a `--` separator. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * Parse `argv` (as `process.argv`: node, script, ...args) and run the chosen command. Errors end
 * the process through `fail` (exit status 1); `--help` and `--version` exit 0.
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  // `gradkit demo | head` closes stdout early: stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const program = createProgram();
  const json = wantsJson(argv.slice(2));
  // The command named on the line (for error messages raised while its options are parsed).
  let commandName = argv.slice(2).find((a) => program.commands.some((c) => c.name() === a));
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  program.hook('preAction', (_program, action) => {
    commandName =
      action.parent && action.parent !== program ? `${action.parent.name()} ${action.name()}` : action.name();
  });
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (and usage hint) to stderr.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        process.exit(0);
      if (json)
        process.stdout.write(
          `${JSON.stringify({ error: { type: 'UsageError', message: error.message.replace(/^error: /, '') } })}\n`,
        );
      process.exit(error.exitCode || 1);
    }
    fail(error, { json }, commandName);
  }
}
