/**
 * Misuse of the CLI as a hostile user tries it: arguments past any sensible bound, output paths
 * into missing folders, bad hosts. Each is refused at once, in one line naming the option, exit
 * code 1, no stack trace — never minutes of work first, a hang, or a heap exhaustion. The option
 * parsers are fuzzed in-process (fast-check, fixed seed): every string gives a value within the
 * constraints or a UsageError.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkOutputFile,
  isEnvironmentError,
  parseInteger,
  parseNumber,
  parseNumberList,
  UsageError,
} from '../src/util.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');
const tmp = mkdtempSync(join(tmpdir(), 'gradkit-misuse-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function gradkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@gradkit/source', '--import', 'tsx', main, ...args],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr, ms: performance.now() - t0 });
      },
    );
  });
}

describe('gradkit misuse', () => {
  it('refuses sizes past the bounds, bad output paths and hosts in one line, before any work', async () => {
    const missing = join(tmp, 'no-such-folder', 'curves.svg');
    const cases: [string[], RegExp][] = [
      [['train', '--epochs', '0'], /--epochs expects an integer in \[1, 100000\], received "0"/],
      [
        ['train', '--hidden', '1000000'],
        /--hidden expects a comma-separated list of integers in \[1, 65536\]/,
      ],
      [['train', '--plot', missing], /--plot: the folder ".*no-such-folder" does not exist; create it first/],
      [
        ['mnist1d', '--out', join(tmp, 'm'), '--padding', '1000000000,1000000001'],
        /--padding expects a comma-separated list of integers in \[0, 10000\]/,
      ],
      [
        ['optimize', '--steps', '1000000000'],
        /--steps expects an integer in \[0, 1000000\], received "1000000000"/,
      ],
      [['optimize', '--plot', tmp], /--plot: ".*" is a folder; expected a file path/],
      [
        ['curriculum', 'serve', tmp, '--host', '256.1.1.1'],
        /--host expects an IP address or a host name, received "256\.1\.1\.1"/,
      ],
    ];
    const runs = await Promise.all(cases.map(([args]) => gradkit(...args)));
    runs.forEach((run, i) => {
      const [args, message] = cases[i]!;
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr, args.join(' ')).not.toMatch(/unexpected error|\n\s+at /);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    });
  }, 120_000);
});

describe('the option parsers (fast-check, fixed seed)', () => {
  const runs = { seed: 20261206, numRuns: 2000 };
  it('parseInteger / parseNumber: any string gives a number within the constraints or a UsageError naming the option', () => {
    const int = parseInteger('--n', { min: 1, max: 1000 });
    const num = parseNumber('--x', { min: 0, max: 1 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String)), (raw) => {
        for (const [parse, lo, hi, integer] of [
          [int, 1, 1000, true],
          [num, 0, 1, false],
        ] as const) {
          try {
            const v = parse(raw);
            expect(v >= lo && v <= hi && (!integer || Number.isInteger(v))).toBe(true);
          } catch (err) {
            expect(err).toBeInstanceOf(UsageError);
            expect((err as Error).message).toMatch(/^--(n|x) expects /);
          }
        }
      }),
      runs,
    );
  });

  it('parseNumberList: any string gives entries within the constraints or a UsageError naming the bad entry', () => {
    const list = parseNumberList('--hidden', { integer: true, min: 1, max: 65_536 });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer().map(String), fc.string()), { maxLength: 5 }).map((a) => a.join(',')),
        (raw) => {
          try {
            for (const v of list(raw)) expect(Number.isInteger(v) && v >= 1 && v <= 65_536).toBe(true);
          } catch (err) {
            expect(err).toBeInstanceOf(UsageError);
          }
        },
      ),
      runs,
    );
  });

  it('checkOutputFile and isEnvironmentError classify what the environment refuses', () => {
    expect(checkOutputFile('--plot', join(tmp, 'x.svg'))).toBe(join(tmp, 'x.svg'));
    expect(() => checkOutputFile('--plot', join(tmp, 'a', 'b.svg'))).toThrow(UsageError);
    const enoent = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
    expect(isEnvironmentError(enoent)).toBe(true);
    expect(isEnvironmentError(new RangeError('Invalid typed array length: 1e12'))).toBe(true);
    expect(isEnvironmentError(new TypeError('x is undefined'))).toBe(false);
  });
});
