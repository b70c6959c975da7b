// Runs one of these tests' TypeScript child scripts in a fresh Node process (tsx, the packages'
// sources), for what a test cannot change in its own process: V8 flags, the environment read at
// load, the threads a process starts.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** What the child did: its exit code and its output. */
export interface ChildRun {
  code: number;
  out: string;
  err: string;
}

/**
 * `node [flags] --conditions=@gradkit/source --import tsx test/<script> [...args]` with `env` as its
 * whole environment; resolves when it exits.
 */
export function runChild(
  script: string,
  args: string[] = [],
  options: { flags?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [
        ...(options.flags ?? []),
        '--conditions=@gradkit/source',
        '--import',
        'tsx',
        join(here, script),
        ...args,
      ],
      { cwd: here, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? 1, out, err }));
  });
}

/** The child's last stdout line as JSON; an error with the end of its stderr when it failed. */
export function lastJsonLine<T>(run: ChildRun): T {
  const line = run.out.trim().split('\n').pop() ?? '';
  if (run.code !== 0 || !line.startsWith('{'))
    throw new Error(`child exited ${run.code}: ${run.err.slice(-2000)}`);
  return JSON.parse(line) as T;
}
