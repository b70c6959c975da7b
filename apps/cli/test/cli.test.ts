/**
 * The `gradkit` CLI as a user runs it: spawned as a process (node + tsx, workspace packages
 * resolved to their sources), checking `--help` for every command, the `--json` contract (the
 * last stdout line is one JSON object, logs on stderr) and the error messages for bad input.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/program.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const main = join(root, 'apps', 'cli', 'src', 'main.ts');
const NODE_ARGS = ['--conditions=@gradkit/source', '--import', 'tsx'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `gradkit ...args` from the repo root. */
function gradkit(...args: string[]): Promise<Run> {
  return runNode([...NODE_ARGS, main, ...args]);
}

function runNode(args: string[], cwd = root, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The last line of stdout parsed as JSON (the `--json` contract). */
function lastJson(run: Run): Record<string, any> {
  const lines = run.stdout.trimEnd().split('\n');
  const last = lines[lines.length - 1]!;
  const value = JSON.parse(last);
  expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
  return value;
}

/** Command names from the "Commands:" section of `gradkit --help`. */
function commandNames(help: string): string[] {
  const section = help.split('Commands:')[1] ?? '';
  return section
    .split('\n')
    .map((l) => /^ {2}([a-z][\w-]*)/.exec(l)?.[1])
    .filter((n): n is string => !!n && n !== 'help');
}

describe('gradkit --help', () => {
  it('lists the commands and every command has --help with --json', async () => {
    const top = await gradkit('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: gradkit');
    const names = commandNames(top.stdout);
    expect(names).toEqual(expect.arrayContaining(['info']));
    // each command's help as `gradkit <command> --help` prints it, from the program in this
    // process (a process per command cost about 30 s of CPU on CI's two cores); one of them as a
    // process, for the exit status
    const program = createProgram();
    expect(program.commands.map((c) => c.name()).filter((n) => n !== 'help')).toEqual(names);
    for (const cmd of program.commands) {
      const help = cmd.helpInformation();
      expect(help, `${cmd.name()} --help`).toContain(`Usage: gradkit ${cmd.name()}`);
      expect(help, `${cmd.name()} --help`).toContain('--json');
    }
    const info = await gradkit('info', '--help');
    expect(info.code).toBe(0);
    expect(info.stdout.startsWith(program.commands.find((c) => c.name() === 'info')!.helpInformation())).toBe(
      true,
    );
  });

  it('without a command prints the usage to stderr and exits 1', async () => {
    const r = await gradkit();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Usage: gradkit');
  });
});

describe('gradkit info', () => {
  it('--json prints one JSON object as the last stdout line', async () => {
    const r = await gradkit('info', '--json');
    expect(r.code).toBe(0);
    const info = lastJson(r);
    expect(info.node).toBe(process.versions.node);
    expect(info.cli.name).toBe('@gradkit/cli');
    const core = info.packages.find((p: { name: string }) => p.name === '@gradkit/core');
    expect(core.version).toMatch(/^\d+\.\d+\.\d+/);
    // the test run pins the plain SIMD build (vitest.config.ts: GRADKIT_WASM_FMA=0)
    expect(info.kernels).toEqual({ backend: 'wasm', wasm: 'loaded', fma: false, threads: 1 });
  });

  it("uses core's relaxed-SIMD (FMA) build unless GRADKIT_WASM_FMA=0: on Node 20 the CLI turns it on for itself", async () => {
    const { GRADKIT_WASM_FMA: _, ...env } = process.env;
    const r = await runNode([...NODE_ARGS, main, 'info', '--json'], root, env);
    expect(lastJson(r).kernels.fma).toBe(true);
    const readable = await runNode([...NODE_ARGS, main, 'info'], root, env);
    expect(readable.stdout).toMatch(/kernels: wasm \(WebAssembly loaded, relaxed SIMD: FMA\), 1 GEMM thread/);
  });

  it('prints a readable report without --json', async () => {
    const r = await gradkit('info');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/@gradkit\/core\s+\d+\.\d+\.\d+/);
    expect(r.stdout).toContain(`node ${process.versions.node}`);
    expect(() => JSON.parse(r.stdout.trim().split('\n').pop()!)).toThrow();
  });
});

describe('errors', () => {
  it('an unknown option exits 1 with a message on stderr and {"error"} with --json', async () => {
    const r = await gradkit('info', '--bogus', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(lastJson(r).error.message).toContain("unknown option '--bogus'");
  });

  it('an unknown command exits 1', async () => {
    const r = await gradkit('no-such-command');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown command 'no-such-command'");
  });

  it('fail() reports a GradkitError in one line without a stack trace', async () => {
    const script = [
      `import { ValueError } from '@gradkit/core';`,
      `import { fail } from ${JSON.stringify(join(root, 'apps/cli/src/util.ts'))};`,
      `fail(new ValueError('hypersphereVolume', 'dimensions must be a positive integer, received -1'), { json: true }, 'demo');`,
    ].join('\n');
    const r = await runNode([...NODE_ARGS, '--input-type=module', '-e', script], join(root, 'apps', 'cli'));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'gradkit demo: hypersphereVolume: dimensions must be a positive integer, received -1',
    );
    expect(lastJson(r)).toEqual({
      error: {
        type: 'ValueError',
        message: 'hypersphereVolume: dimensions must be a positive integer, received -1',
      },
    });
  });

  it('fail() prints the stack of an unexpected error', async () => {
    const script = [
      `import { fail } from ${JSON.stringify(join(root, 'apps/cli/src/util.ts'))};`,
      `fail(new TypeError('boom'), {}, 'demo');`,
    ].join('\n');
    const r = await runNode([...NODE_ARGS, '--input-type=module', '-e', script], join(root, 'apps', 'cli'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gradkit demo: unexpected error');
    expect(r.stderr).toContain('TypeError: boom');
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});
