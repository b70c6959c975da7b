/**
 * The whole command line fuzzed (fast-check, fixed seed): every command and subcommand of the
 * program, a random subset of its options with hostile values (huge, negative, non-finite, empty,
 * Unicode digits, paths into missing folders or onto folders), random positional arguments, and
 * one value that must be refused: an option value its parser rejects (checked against the parser
 * itself), or an unknown option where a command parses none. Every such invocation must end at
 * once with exit status 1, a short message on stderr naming the command or option (no stack
 * trace, no "unexpected error"), and with `--json` one `{"error": …}` object as the last stdout
 * line — never start work, hang or crash.
 *
 * The options are read from the program itself (`createProgram`), so a new command or option is
 * fuzzed without touching this file. Most invocations run in this process (`runCli` with
 * `process.exit` and the output streams captured); a sample is also spawned as real processes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, Option } from 'commander';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgram, runCli } from '../src/program.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');
const tmp = mkdtempSync(join(tmpdir(), 'gradkit-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Values no sensible option accepts as given, and some it does (they must not matter). Not `--`,
 * which ends the options: what follows it is positional by design.
 */
const HOSTILE = [
  '0',
  '-1',
  '1e400',
  '-1e400',
  'NaN',
  'Infinity',
  '1000000000000',
  '9007199254740993',
  '0x10',
  '1_000',
  '٣',
  '',
  ' ',
  '-',
  ',',
  '1,,2',
  '1,2,3,4,5,6,7,8,9,10',
  'a'.repeat(300),
  '\u0000',
  '\u{1F600}',
  '../../etc/passwd',
  '/dev/null',
  join(tmp, 'missing', 'deeper', 'file.svg'),
  tmp,
];
/** Candidates for the refused value, each checked against the option's own parser. */
const POISON = ['abc', 'NaN', '1e400', '', '1.2.3', '٣', '-1e400', '256.1.1.1', 'a b', '-5', '99999999999'];

interface Target {
  path: string[];
  cmd: Command;
  options: readonly Option[];
  /** Options with a parser, and the values it refuses. */
  parsed: { option: Option; refused: string[] }[];
}

function refusedBy(option: Option): string[] {
  return POISON.filter((p) => {
    try {
      option.parseArg!(p, option.defaultValue);
      return false;
    } catch {
      return true;
    }
  });
}

function targets(): Target[] {
  const out: Target[] = [];
  const visit = (cmd: Command, path: string[]) => {
    if (cmd.commands.length) for (const sub of cmd.commands) visit(sub, [...path, sub.name()]);
    else {
      const options = cmd.options.filter((o) => o.long && o.long !== '--json' && o.long !== '--help');
      const parsed = options
        .filter((o) => o.parseArg && (o.required || o.optional))
        .map((option) => ({ option, refused: refusedBy(option) }))
        .filter((p) => p.refused.length);
      out.push({ path, cmd, options, parsed });
    }
  };
  for (const cmd of createProgram().commands) visit(cmd, [cmd.name()]);
  return out;
}

const TARGETS = targets();

const value = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
  fc.double().map(String),
);

/** One invocation: the command path, its positionals, random options, the refused value, maybe --json. */
const invocation = fc
  .record({
    t: fc.integer({ min: 0, max: TARGETS.length - 1 }),
    // a positional starting with '-' is an option by design (`-V` prints the version)
    positionals: fc.array(
      value.filter((v) => !v.startsWith('-')),
      { maxLength: 2 },
    ),
    picks: fc.array(fc.tuple(fc.nat(), value), { maxLength: 4 }),
    poison: fc.tuple(fc.nat(), fc.nat(), fc.nat()),
    json: fc.boolean(),
    poisonFirst: fc.boolean(),
  })
  .map(({ t, positionals, picks, poison, json, poisonFirst }) => {
    const target = TARGETS[t]!;
    const args: string[] = [...positionals];
    for (const [i, v] of picks) {
      const o = target.options[i % Math.max(target.options.length, 1)];
      if (!o) break;
      if (o.required || o.optional) args.push(o.long!, v);
      else args.push(o.long!);
    }
    let bad: string[];
    if (target.parsed.length) {
      const { option, refused } = target.parsed[poison[0] % target.parsed.length]!;
      bad = [option.long!, refused[poison[1] % refused.length]!];
    } else bad = [`--no-such-option-${poison[2] % 1000}`];
    const rest = poisonFirst ? [...bad, ...args] : [...args, ...bad];
    return { path: target.path, args: [...target.path, ...rest, ...(json ? ['--json'] : [])], json };
  });

class Exit extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

/** Run the program in this process; `process.exit` and the output streams are captured. */
async function inProcess(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { write: stdoutWrite } = process.stdout;
  const { write: stderrWrite } = process.stderr;
  const exit = process.exit;
  const listeners = process.stdout.listeners('error');
  process.stdout.write = ((chunk: unknown) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  process.exit = ((code?: number) => {
    throw new Exit(code ?? 0);
  }) as typeof process.exit;
  let code: number;
  try {
    await runCli(['node', 'gradkit', ...args]);
    code = 0;
  } catch (error) {
    if (error instanceof Exit) code = error.code;
    else {
      code = -1;
      err.push(`thrown out of runCli: ${(error as Error)?.stack ?? String(error)}`);
    }
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    process.exit = exit;
    for (const l of process.stdout.listeners('error'))
      if (!listeners.includes(l)) process.stdout.off('error', l as (...a: unknown[]) => void);
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function expectRefused(
  run: { code: number; stdout: string; stderr: string },
  inv: { path: string[]; args: string[]; json: boolean },
): void {
  const what = `gradkit ${inv.args.map((a) => JSON.stringify(a)).join(' ')}`;
  expect(run.code, what).toBe(1);
  expect(run.stderr, what).not.toMatch(/unexpected error|\n\s+at |thrown out of runCli/);
  const lines = run.stderr.split('\n').filter((l) => l.trim());
  // one message line (commander adds its "(run with --help for usage)" hint to its own errors)
  expect(lines.length, what).toBeGreaterThanOrEqual(1);
  expect(lines.length, what).toBeLessThanOrEqual(2);
  expect(lines[0], what).toMatch(/^(gradkit [a-z0-9 -]+: |error: )\S/);
  if (inv.json) {
    const last = run.stdout.trimEnd().split('\n').at(-1)!;
    const parsed = JSON.parse(last) as { error?: { type?: unknown; message?: unknown } };
    expect(typeof parsed.error?.type, what).toBe('string');
    expect(typeof parsed.error?.message, what).toBe('string');
  }
}

describe('gradkit, fuzzed', () => {
  it('reads every command and its parsed options from the program', () => {
    const names = TARGETS.map((t) => t.path.join(' '));
    expect(names).toEqual(
      expect.arrayContaining(['train', 'mnist1d', 'optimize', 'decode', 'curriculum serve']),
    );
    // every option with a parser refuses at least one candidate (else it would never be fuzzed)
    for (const t of TARGETS)
      for (const o of t.options.filter((x) => x.parseArg && (x.required || x.optional)))
        expect(
          t.parsed.some((p) => p.option === o),
          `${t.path.join(' ')} ${o.long}`,
        ).toBe(true);
  });

  it('refuses 600 random invocations carrying one bad value, each in one line, at once (in process)', async () => {
    const t0 = performance.now();
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(invocation, async (inv) => {
        const t = performance.now();
        const run = await inProcess(inv.args);
        slowest = Math.max(slowest, performance.now() - t);
        expectRefused(run, inv);
      }),
      { seed: 20261206, numRuns: 600 },
    );
    // nothing started work: each invocation ended in the argument parser
    expect(slowest).toBeLessThan(5_000);
    expect(performance.now() - t0).toBeLessThan(60_000);
  }, 120_000);

  it('refuses a sample of them as real processes: exit status 1, one line, the JSON error last', async () => {
    const sample = fc.sample(invocation, { seed: 1206, numRuns: 6 });
    const spawn = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--conditions=@gradkit/source', '--import', 'tsx', main, ...args],
          { cwd: root, timeout: 60_000 },
          (error, stdout, stderr) =>
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
        );
      });
    const runs = await Promise.all(sample.map((inv) => spawn(inv.args)));
    runs.forEach((run, i) => expectRefused(run, sample[i]!));
  }, 120_000);
});
