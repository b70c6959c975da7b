/**
 * The list of `gradkit` commands: one `export { register as <name> } from './<name>.js';` line each
 * (`gradkit --help` lists them alphabetically).
 *
 * To add a command `foo`:
 *   1. create `commands/foo.ts` exporting `register(program: Command): void`, which adds
 *      `program.command('foo')` with a description, its options (use the parsers of `../util.js`,
 *      e.g. `parsePositive('--lr')`, so a bad value is reported as
 *      `--lr expects a positive number, received "abc"`) and an action that logs progress with
 *      `log()` (stderr) and ends with `emitResult(result, opts, render)` (stdout);
 *   2. add ONE line below: `export { register as foo } from './foo.js';`
 * Every command automatically gets `--help` and `--json` (don't declare `--json` yourself), and
 * errors thrown by an action (GradkitError, UsageError) are reported by `fail()` (see program.ts).
 * Every command module is loaded on every run (to build `--help`), so keep its top-level imports
 * light: import heavy packages (model runtimes, plotting, large data) inside the action,
 * `const { loadGpt2 } = await import('@gradkit/transformers/node');`, and `import type` for types.
 * The generic CLI tests (apps/cli/test/cli.test.ts) read the command list from `gradkit --help`
 * and check `--help` for each; add a test of the command's own output beside them.
 */

export { register as curriculum } from './curriculum.js';
export { register as decode } from './decode.js';
export { register as demo } from './demo.js';
export { register as doctor } from './doctor.js';
export { register as grade } from './grade.js';
export { register as info } from './info.js';
export { register as lessons } from './lessons.js';
export { register as mnist1d } from './mnist1d.js';
export { register as optimize } from './optimize.js';
export { register as run } from './run.js';
export { register as train } from './train.js';
