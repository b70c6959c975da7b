// `gradkit lessons`: the registry's lessons (id, notebook, curricula, exercises), one lesson in
// full (by id or by an earlier id), a curriculum in its order, and the starter file written for
// `gradkit grade` — the lesson folder's own starter.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { curricula, lessons } from '@gradkit/course';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');
const tmp = mkdtempSync(join(tmpdir(), 'gradkit-lessons-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function gradkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@gradkit/source', '--import', 'tsx', main, ...args],
      { cwd: root, maxBuffer: 64 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
const last = (r: { stdout: string }) => JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);

describe('gradkit lessons', () => {
  it('lists every lesson with its notebook and curricula; --curriculum keeps that order', async () => {
    const [all, text, udl] = await Promise.all([
      gradkit('lessons', '--json'),
      gradkit('lessons'),
      gradkit('lessons', '--curriculum', 'udl', '--json'),
    ]);
    expect(all.code, all.stderr).toBe(0);
    const list = last(all);
    expect(list.map((l: { id: string }) => l.id)).toEqual(lessons.map((l) => l.id));
    const ir = list.find((l: { id: string }) => l.id === '9-2-implicit-regularization');
    expect(ir.aliases).toEqual(['implicit-regularization']);
    expect(ir.notebook.file).toBe('9_2_Implicit_Regularization.md');
    expect(ir.curricula).toEqual(['cm20315', 'udl']);
    expect(text.stdout).toMatch(new RegExp(`${lessons.length} lessons, \\d+ graded exercises`));
    expect(last(udl).map((l: { id: string }) => l.id)).toEqual(curricula.udl!.lessons);
    const bad = await gradkit('lessons', '--curriculum', 'cs231n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--curriculum expects one of cm20315|udl, received "cs231n"');
  });

  it('shows one lesson by an earlier id and writes its starter, refusing to overwrite', async () => {
    const file = join(tmp, 'loss-i.ts');
    const r = await gradkit('lessons', 'loss', '--starter', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const shown = last(r);
    expect(shown.id).toBe('5-1-least-squares-loss');
    expect(shown.exercises.map((e: { export: string }) => e.export)).toEqual([
      'normalPdf',
      'normalLikelihood',
      'normalNll',
      'sumOfSquares',
    ]);
    const starter = readFileSync(file, 'utf8');
    expect(starter).toBe(
      readFileSync(join(root, 'packages/course/lessons/5-1-least-squares-loss/starter.ts'), 'utf8'),
    );
    expect(shown.starter).toBe(starter);
    writeFileSync(file, 'mine');
    const again = await gradkit('lessons', 'loss-i', '--starter', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists; pass --force to overwrite it');
    expect(readFileSync(file, 'utf8')).toBe('mine');
    const nowhere = await gradkit('lessons', 'loss-i', '--starter', join(tmp, 'no', 'such', 'x.ts'));
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('does not exist');
    // every lesson has graded exercises now: the CM20315 Shallow practical's are notebook 3.1's
    const shallow = await gradkit('lessons', 'shallow', '--starter', join(tmp, 'shallow.ts'));
    expect(shallow.code).toBe(0);
    expect(readFileSync(join(tmp, 'shallow.ts'), 'utf8')).toBe(
      readFileSync(join(root, 'packages/course/lessons/shallow/starter.ts'), 'utf8'),
    );
  });
});
