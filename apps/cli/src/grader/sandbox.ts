/**
 * The operating-system side of the grader's isolation: the command line of the child process that
 * runs one exercise of a student's code.
 *
 * Always (any OS): Node's permission model (`--experimental-permission`) with read access to
 * exactly two folders, the grader's runtime (`runtime.ts`) and the exercise's own folder — no
 * writes, no child processes, no worker threads, no native addons (`--no-addons`) — plus
 * `--disallow-code-generation-from-strings` (no `eval`, no `new Function`, so no `import()` built
 * at run time), a V8 heap limit, no `fetch`, an empty environment, and a session of its own
 * (`detached`: a signal to "my process group" cannot reach the grader). The child's own lockdown
 * (`worker.ts`) removes signals, IPC, bindings and the stdio sockets before the student's code loads.
 *
 * On Linux, where util-linux's `unshare` can make namespaces (tested once per process), the child
 * also runs in new user, network and PID namespaces: no network interface but a loopback that is
 * down, and no view of any process outside (`process.ppid` is 0, signals cannot reach the grader).
 * `setpriv --pdeathsig KILL` (the child dies with the grader) and `prlimit` (no core files; a
 * CPU-seconds cap as a backstop) are added where they exist. The report says which isolation
 * ran: `namespaces` or `process`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** Which isolation a child runs under. */
export type Isolation = 'namespaces' | 'process';

/** How the grader starts its children on this machine. */
export interface Launcher {
  isolation: Isolation;
  /** `setpriv --pdeathsig KILL --no-new-privs --`, where it works. */
  setpriv: string[] | null;
  /** `prlimit --core=0 --cpu=N --` (N filled in per child), where it exists. */
  prlimit: string | null;
  /** `unshare <namespaces> --`, for `namespaces`. */
  unshare: string[] | null;
}

function findProgram(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const d of dirs) {
    if (!d) continue;
    const p = join(d, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/** `unshare` options that give a user (where needed), network and PID namespace, most isolated first. */
const UNSHARE_VARIANTS = [
  ['--user', '--map-root-user', '--net', '--pid', '--fork', '--kill-child'],
  ['--net', '--pid', '--fork', '--kill-child'],
];

/** The child's probe: no parent in view, and no network interface but loopback. */
const PROBE =
  "const n=Object.keys(require('os').networkInterfaces()).filter((i)=>i!=='lo');process.exit(process.ppid===0&&n.length===0?0:3)";

let detected: Launcher | null = null;

function detect(): Launcher {
  const none: Launcher = { isolation: 'process', setpriv: null, prlimit: null, unshare: null };
  if (process.platform !== 'linux') return none;
  const setpriv = findProgram('setpriv');
  const sp = [setpriv!, '--pdeathsig', 'KILL', '--no-new-privs', '--'];
  const l: Launcher = {
    ...none,
    setpriv:
      setpriv && spawnSync(sp[0]!, [...sp.slice(1), 'true'], { stdio: 'ignore' }).status === 0 ? sp : null,
    prlimit: findProgram('prlimit'),
  };
  const unshare = findProgram('unshare');
  if (unshare)
    for (const variant of UNSHARE_VARIANTS) {
      const r = spawnSync(unshare, [...variant, '--', process.execPath, '-e', PROBE], {
        stdio: 'ignore',
        env: {},
        timeout: 20_000,
      });
      if (r.status === 0) return { ...l, isolation: 'namespaces', unshare: [unshare, ...variant, '--'] };
    }
  return l;
}

/**
 * How children start here: with namespaces where `unshare` works (unless `isolation` is
 * `'process'`, which forces the JS-only isolation, for tests and debugging).
 */
export function launcher(isolation: 'auto' | 'process' = 'auto'): Launcher {
  detected ??= detect();
  if (isolation === 'process' && detected.isolation === 'namespaces')
    return { ...detected, isolation: 'process', unshare: null };
  return detected;
}

/** The command and arguments that run `node <flags> worker job` under `l`. */
export function childCommand(
  l: Launcher,
  options: {
    runtimeDir: string;
    exerciseDir: string;
    worker: string;
    job: string;
    memoryLimitMb: number;
    cpuSeconds: number;
  },
): { command: string; args: string[] } {
  const all = [
    ...(l.setpriv ?? []),
    ...(l.prlimit ? [l.prlimit, '--core=0', `--cpu=${options.cpuSeconds}`, '--'] : []),
    ...(l.unshare ?? []),
    process.execPath,
    '--experimental-permission',
    // Each folder once: Node 20 aborts on the same path given twice.
    ...[...new Set([resolve(options.runtimeDir), resolve(options.exerciseDir)])].map(
      (d) => `--allow-fs-read=${d}`,
    ),
    `--max-old-space-size=${options.memoryLimitMb}`,
    '--disallow-code-generation-from-strings',
    '--no-addons',
    '--no-experimental-fetch',
    // The permission model's ExperimentalWarning is the grader's, not the student's output.
    '--no-warnings',
    options.worker,
    options.job,
  ];
  return { command: all[0]!, args: all.slice(1) };
}

/** Does the node child run one process below the one the grader starts (`unshare --fork`)? */
export function forks(l: Launcher): boolean {
  return l.unshare !== null;
}

/** Resident memory of process `pid` in bytes (Linux `/proc`), or null where it cannot be read. */
export function residentBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The first child of process `pid` (Linux `/proc/<pid>/task/<pid>/children`), or null. */
export function firstChild(pid: number): number | null {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : null;
  } catch {
    return null;
  }
}
