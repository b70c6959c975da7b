// `gradkit run <lesson>`: prints the notebook's report and, with --json, ends with
// {"lesson", "values"} — the notebook's printed numbers under the notebook's own names (here
// Loss I's "Correct answer" values from udl-cm20315-loss.md); --scale adds "scale" and "seconds";
// earlier ids resolve, unknown ones are usage errors.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');

function gradkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@gradkit/source', '--import', 'tsx', main, ...args],
      { cwd: root, maxBuffer: 256 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('gradkit run', () => {
  it('prints the notebook report, then the values by the notebook names (an alias works)', async () => {
    const r = await gradkit('run', 'loss', '--json');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Correct answer = 0.119, Your answer = 0.119');
    expect(lines).toContain('Correct answer = 11.452419564, Your answer = 11.452419564');
    const json = JSON.parse(lines.at(-1)!);
    expect(Object.keys(json)).toEqual(['lesson', 'values']);
    expect(json.lesson).toBe('5-1-least-squares-loss');
    expect(json.values['normal_distribution(1,-1,2.3)'].toFixed(3)).toBe('0.119');
    expect(json.values.likelihood.toFixed(9)).toBe('0.000010624');
    expect(json.values.sum_of_squares.toFixed(9)).toBe('2.020992572');
    expect(json.values.beta_0).toEqual([[0.3], [-1.0], [-0.5]]);
    // printed twice (once per sweep): the list of both values
    expect(json.values['likelihoods[np.argmax(likelihoods)]']).toHaveLength(2);
    expect(r.stderr).toContain('[run] 5-1-least-squares-loss');
  });

  it('--scale multiplies the iteration counts and reports scale and seconds', async () => {
    const r = await gradkit('run', 'coursework-ii', '--scale', '0.1', '--json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
    expect(json.scale).toBe(0.1);
    expect(json.seconds).toBeGreaterThan(0);
    expect(json.values.n_epoch).toBe(5); // the notebook's 50 epochs × 0.1
    expect(json.values.errors_val).toHaveLength(5);
  });

  it('refuses an unknown lesson and a bad scale, naming the argument', async () => {
    const bad = await gradkit('run', 'loss-iv', '--json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /gradkit run: <lesson> expects one of autograd-intro\|.*5-1-least-squares-loss\|.*, received "loss-iv"/,
    );
    expect(JSON.parse(bad.stdout.trimEnd().split('\n').at(-1)!).error.type).toBe('UsageError');
    const scale = await gradkit('run', 'loss-i', '--scale', '0');
    expect(scale.code).toBe(1);
    expect(scale.stderr).toContain('--scale expects a positive number <= 100, received "0"');
  });
});
