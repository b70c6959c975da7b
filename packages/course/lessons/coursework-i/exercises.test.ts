// Coursework I's exercises: the reference solution passes both, the untouched starter is "todo",
// and typical wrong answers fail with the message that names the mistake. The expected parameter
// counts are PyTorch's `sum(p.numel() for p in model.parameters())` for `nn.Linear` layers
// (weight [out, in], bias [out]).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkExercise } from '../../src/check.js';
import type { Exercise } from '../../src/types.js';
import lesson from './index.js';

const solution = (await import(
  join(import.meta.dirname, '..', '..', '..', 'solutions', 'lessons', 'coursework-i.ts')
)) as Record<string, unknown>;
const starter = (await import('./starter.js')) as Record<string, unknown>;
const exercise = (id: string): Exercise => lesson.exercises.find((e) => e.id === id)!;

const tmp = mkdtempSync(join(import.meta.dirname, '.wrong-answers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let counter = 0;
/** The starter with `buildMlp`'s TODO replaced by `body` (a student's answer), imported. */
async function withBuild(body: string): Promise<Record<string, unknown>> {
  const source = readFileSync(join(import.meta.dirname, 'starter.ts'), 'utf8')
    .replace(
      "import type { Module } from '@gradkit/nn';",
      "import { Linear, type Module, ReLU, Sequential, Sigmoid, Tanh } from '@gradkit/nn';",
    )
    .replace("throw new Error('TODO: build the Sequential of Linear layers and activations');", body);
  const file = join(tmp, `m${counter++}.ts`);
  writeFileSync(file, source);
  return (await import(file)) as Record<string, unknown>;
}
/** A `buildMlp` body: `Linear`s between `sizes`, the activation named by `a` between them (and after the last with `last`). */
const layers = (a: string, last: boolean, sizes = 'sizes') => `
  const act = (k: string) => (k === 'relu' ? new ReLU() : k === 'tanh' ? new Tanh() : new Sigmoid());
  const s = ${sizes};
  const out: Module[] = [];
  for (let i = 0; i + 1 < s.length; i++) {
    ${a === 'none' ? '' : `if (i > 0) out.push(act(${a}));`}
    out.push(new Linear(s[i]!, s[i + 1]!));
  }
  ${last ? `out.push(act(${a}));` : ''}
  return new Sequential(...out);`;

describe('coursework-i exercises', () => {
  it('has the goals’ two exercises, graded through parameterCount and runMlp', () => {
    expect(lesson.exercises.map((e) => [e.id, e.check.export])).toEqual([
      ['parameter-count', 'parameterCount'],
      ['build-mlp', 'runMlp'],
    ]);
  });

  it('parameter-count: the library’s count is PyTorch’s, the solution passes, a count without biases fails', () => {
    const ex = exercise('parameter-count');
    const [baseline, single] = ex.check.cases();
    // 40·100 + 100 + 100·100 + 100 + 100·10 + 10 (the page's 15 210) and 40·10 + 10
    expect(baseline!.expected).toBe(15_210);
    expect(single!.expected).toBe(410);
    const good = checkExercise(ex, solution);
    expect(good.status).toBe('pass');
    expect(good.passed).toBe(good.total);
    const noBias = checkExercise(ex, {
      parameterCount: (s: number[]) => s.slice(1).reduce((n, b, i) => n + s[i]! * b, 0),
    });
    expect(noBias.status).toBe('fail');
    expect(noBias.passed).toBe(0);
    expect(noBias.failures[0]!.message).toBe('result: expected 15210, received 15000');
    expect(checkExercise(ex, starter).status).toBe('todo');
  });

  it('build-mlp: the solution passes, the starter is todo', () => {
    const ex = exercise('build-mlp');
    const good = checkExercise(ex, solution);
    expect(good.failures).toEqual([]);
    expect(good.status).toBe('pass');
    expect(good.passed).toBe(good.total);
    expect(checkExercise(ex, starter).status).toBe('todo');
  });

  it('build-mlp: an activation after the last layer fails and says so', async () => {
    const r = checkExercise(exercise('build-mlp'), await withBuild(layers('activation', true)));
    expect(r.status).toBe('fail');
    expect(r.passed).toBe(0);
    expect(r.failures[0]!.message).toMatch(
      /^the output differs from the reference network’s \(output\[.*; it matches the network with a relu after the last Linear layer too: the output layer takes no activation$/,
    );
  });

  it('build-mlp: a wrong activation, or none, fails and says which network it matches', async () => {
    const tanh = checkExercise(exercise('build-mlp'), await withBuild(layers("'tanh'", false)));
    expect(tanh.status).toBe('fail');
    expect(tanh.failures[0]!.message).toContain(
      'it matches the network with tanh between the layers: this case asks for relu',
    );
    const none = checkExercise(exercise('build-mlp'), await withBuild(layers('none', false)));
    expect(none.status).toBe('fail');
    expect(none.failures[0]!.message).toContain('it matches the network without activations');
  });

  it('build-mlp: a missing layer or a wrong width fails on the parameters before any output', async () => {
    const shallow = checkExercise(
      exercise('build-mlp'),
      await withBuild(layers('activation', false, '[sizes[0]!, sizes[sizes.length - 1]!]')),
    );
    expect(shallow.status).toBe('fail');
    expect(shallow.failures[0]!.message).toBe(
      'wrong number of parameters: the network has 2 parameter tensors, expected 6 (a weight and a bias for each of the 3 Linear layers of 40-100-100-10, in order)',
    );
    const narrow = checkExercise(
      exercise('build-mlp'),
      await withBuild(
        'return new Sequential(new Linear(sizes[0]!, 50), new ReLU(), new Linear(50, sizes[2]!), new ReLU(), new Linear(sizes[2]!, sizes[3]!));',
      ),
    );
    expect(narrow.failures[0]!.message).toBe(
      'parameter 0 has shape [50, 40], expected [100, 40] (the weight [out, in] of Linear layer 0, 40 → 100)',
    );
  });
});
