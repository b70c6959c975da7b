// Autograd intro: `gradkit run autograd-intro --scale 0.3` (tufts-intro-autograd-nn-training.md).
// The cells' values (g(0.0), [g(-1.0), g(1.0)], the sum-of-squares and list/dict demos) follow from
// the notebook's code and are asserted as numpy prints them; the training runs are compared with
// tests/fixtures/gradients_autograd_intro.json (numpy, the notebook's code with the gradients
// written by hand: tests/fixtures/gen_gradients_autograd_intro.py) over the iterations a 0.3 run
// makes (every iteration count times 0.3: the first iterations are the full run's first ones).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/gradients_autograd_intro.json', import.meta.url), 'utf8'),
);

function expectRel(actual: number[], expected: number[], rtol = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) =>
    expect(Math.abs(a - expected[i]!), `entry ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(
      rtol * Math.abs(expected[i]!) + 1e-12,
    ),
  );
}
type Layer = { w: number[][]; b: number[] };
const flat = (p: Layer[]) => p.flatMap((l) => [...l.w.flat(), ...l.b]);
const printedLoss = (report: string[], from: number, n: number) =>
  report
    .slice(from)
    .filter((l) => l.startsWith('completed iter'))
    .slice(0, n)
    .map((l) => {
      const m = l.match(/^completed iter +(\d+)\/\d+ after +[\d.]+ sec \| loss (\S+)$/)!;
      return [Number(m[1]), m[2]];
    });

describe('autograd-intro notebook', async () => {
  const { values, report } = await runLesson('autograd-intro', { scale: 0.3 });

  it('parts 1-2: the cells evaluate to numpy values of the gradients', () => {
    expect(report.slice(0, 8)).toEqual([
      '0.0',
      '[-2.0, 2.0]',
      '[0. 0. 0. 0.]',
      '0.0',
      '[0. 0. 0. 0.]',
      '[1. 2. 3. 4.]',
      '30.0',
      '[2. 4. 6. 8.]',
    ]);
    expect(values['f(x_D)']).toEqual([0, 30]);
    expect(values['g(x_D)']).toEqual([
      [0, 0, 0, 0],
      [2, 4, 6, 8],
    ]);
    // exercise 1a: f(x) = exp(-x/10) cos(x) on 500 points, g = exp(-x/10)(-cos(x)/10 - sin(x))
    const [, g500] = values['[g(x_g) for x_g in x_grid_G]'] as number[][];
    const xs = values.x_grid_G as number[];
    expect(xs.length).toBe(500);
    xs.forEach((x, i) =>
      expect(g500![i]).toBeCloseTo(Math.exp(-x / 10) * (-Math.cos(x) / 10 - Math.sin(x)), 12),
    );
  });

  it('part 3: gradient descent on sum(x²) and on the trid function', () => {
    const [square, trid] = values['history#all'] as { f: number[]; x_D: number[][] }[];
    expect(square!.f.length).toBe(300);
    expectRel(
      square!.f.filter((_, i) => i % 100 === 0),
      fx.square.f.slice(0, 3),
    );
    expectRel(
      trid!.f.filter((_, i) => i % 100 === 0),
      fx.trid.f.slice(0, 3),
    );
    // on its way from (1, -1) to the trid minimum (2, 2)
    expect((values.opt_x_D as number[])[0]).toBeGreaterThan(1.8);
  });

  it('part 4: linear regression from w = 0, and with a bias (the TODO)', () => {
    expectRel([values['calc_neg_likelihood_linreg(init_w_D)'] as number], [fx.linreg.f_init]);
    expectRel(values['calc_grad_wrt_w(init_w_D)'] as number[], fx.linreg.g_init);
    const [, , linreg, bias] = values['history#all'] as { f: number[] }[];
    expectRel(linreg!.f, fx.linreg.f.slice(0, 90));
    const [w1, w2, b] = values.opt_wtilde_E as number[];
    expect(w1).toBeCloseTo(4.2, 1);
    expect(w2).toBeCloseTo(-4.2, 1);
    expect(b).toBeCloseTo(0.1, 1);
    expect(bias!.f[89]).toBeLessThan(linreg!.f[89]!);
  });

  it('part 5: the gradients of a list and of a dict, and the list-of-dicts parameters', () => {
    expect(report).toContain('[array([0., 0., 0.]), array([0., 2., 4., 6., 8.])]');
    expect(report).toContain("{'weights': array([0., 2., 4., 6., 8.]), 'bias': 8.4}");
    const ones = report.indexOf('    w | size    (2, 3) | [1. 1. 1. 1. 1. 1.]');
    expect(report.slice(ones - 1, ones + 5)).toEqual([
      'Layer 0',
      '    w | size    (2, 3) | [1. 1. 1. 1. 1. 1.]',
      '    b | size      (3,) | [0. 0. 0.]',
      'Layer 1',
      '    w | size    (3, 1) | [1. 1. 1.]',
      '    b | size      (1,) | [0.]',
    ]);
    expect((values.nn_params as Layer[]).map((l) => l.b.length)).toEqual([3, 4, 5, 6, 5, 4, 3, 1]);
  });

  it('worked exercise 5a and the H = 10, 30 hidden-unit networks print the fixture losses', () => {
    const start = report.findIndex((l) => l.startsWith('completed iter'));
    expect(printedLoss(report, start, 3)).toEqual(fx.nn_fromtrue.printed.slice(0, 3));
    expectRel((values.fromtrue_history as { f: number[] }).f, fx.nn_fromtrue.f.slice(0, 30));
    expectRel((values.fromzero_history as { f: number[] }).f, fx.nn_fromzero.f.slice(0, 30));
    expectRel(flat(values.H10_init_nn_params as Layer[]), flat(fx.H10.init), 1e-14);
    expectRel(flat(values.H30_init_nn_params as Layer[]), flat(fx.H30.init), 1e-14);
    // float64 runs in different summation orders agree to 1e-9 for the first 40 iterations
    expectRel((values.H10_history as { f: number[] }).f.slice(0, 40), fx.H10.f.slice(0, 40));
    expectRel((values.H30_history as { f: number[] }).f.slice(0, 40), fx.H30.f.slice(0, 40));
    const h10 = report.indexOf('completed iter     1/90 after     0.0 sec | loss 1.194972e+07');
    expect(h10).toBeGreaterThan(start);
    expect(printedLoss(report, h10, 3)).toEqual(fx.H10.printed.slice(0, 3));
    const h100 = values.H100_history as { f: number[] };
    expect(h100.f.length).toBe(180);
    expect(h100.f[179]).toBeLessThan(h100.f[0]! / 5);
    expect((values['yhat_N#all'] as number[][]).map((y) => y.length)).toEqual([300, 300, 300, 300, 300]);
  });
});
