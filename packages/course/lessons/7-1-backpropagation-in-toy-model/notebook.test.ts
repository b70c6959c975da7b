// Notebook 7.1: `gradkit run 7-1-backpropagation-in-toy-model` prints the notebook's checks, each
// "true value" beside ours (udlbook/7_1_Backpropagation_in_Toy_Model.md; its recorded "Output:"
// blocks are of the uncompleted notebook, "your value = 0.000"). Every printed true value is
// asserted at its three decimals; the values equal numpy's (tests/fixtures/udl_training.json,
// `toy_model`, tests/fixtures/gen_udl_training.py) and autograd's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';
import {
  autogradDerivatives,
  backwardPass,
  finiteDifference,
  forwardPass,
  PARAMS,
  type Params,
  parameterDerivatives,
  X,
  Y,
} from './notebook.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_training.json', import.meta.url), 'utf8'),
).toy_model as Record<string, number>;

describe('7-1-backpropagation-in-toy-model notebook', async () => {
  const { values, report } = await runLesson('7-1-backpropagation-in-toy-model');
  const v = values as Record<string, number>;

  it('prints l_i = 0.139 and the closed-form dl/domega0 = 5.246 with its finite difference 5.246', () => {
    expect(report[0]).toBe('l_i=0.139');
    expect(report[1]).toBe('dydomega0: Function value = 5.246, Finite difference value = 5.246');
    for (const k of ['l_i_func', 'dldbeta3_func', 'dldomega0_func', 'dldomega0_fd'])
      expect(v[k]).toBeCloseTo(fx[k]!, 9);
  });

  it('step 1: the forward pass matches every true value the notebook prints', () => {
    const truth: [string, number][] = [
      ['f0', 1.23],
      ['h1', 0.942],
      ['f1', 1.623],
      ['h2', 5.068],
      ['f2', 7.137],
      ['h3', 0.657],
      ['f3', 2.372],
    ];
    truth.forEach(([k, t], i) => {
      expect(v[k]!.toFixed(3)).toBe(t.toFixed(3));
      expect(v[k]).toBeCloseTo(fx[k]!, 13);
      expect(report[2 + i]).toBe(pyFormat(`${k}: true value = %3.3f, your value = %3.3f`, t, t));
    });
    expect(report[9]).toBe('l_i original = 0.139, l_i from forward pass = 0.139');
    expect(v.l_i).toBeCloseTo(v.l_i_func!, 15);
  });

  it('step 2: the backward pass matches every true value the notebook prints', () => {
    const truth: [string, number][] = [
      ['dldf3', 0.745],
      ['dldh3', 2.234],
      ['dldf2', -1.683],
      ['dldh2', -3.366],
      ['dldf1', -17.06],
      ['dldh1', 6.824],
      ['dldf0', 2.281],
    ];
    truth.forEach(([k, t], i) => {
      expect(v[k]!.toFixed(3)).toBe(t.toFixed(3));
      expect(v[k]).toBeCloseTo(fx[k]!, 12);
      expect(report[10 + i]).toBe(pyFormat(`${k}: true value = %3.3f, your value = %3.3f`, t, t));
    });
  });

  it('step 3: the parameter derivatives match the true values, the closed form and finite differences', () => {
    const truth: [string, number][] = [
      ['dldbeta3', 0.745],
      ['dldomega3', 0.489],
      ['dldbeta2', -1.683],
      ['dldomega2', -8.53],
      ['dldbeta1', -17.06],
      ['dldomega1', -16.079],
      ['dldbeta0', 2.281],
    ];
    truth.forEach(([k, t], i) => {
      expect(v[k]!.toFixed(3)).toBe(t.toFixed(3));
      expect(v[k]).toBeCloseTo(fx[k]!, 12);
      expect(report[17 + i]).toBe(pyFormat(`${k}: Your value = %3.3f, True value = %3.3f`, t, t));
    });
    expect(report[24]).toBe(
      'dldomega0: Your value = 5.246, Function value = 5.246, Finite difference value = 5.246',
    );
    expect(v.dldomega0).toBeCloseTo(v.dldomega0_func!, 12);
    expect(v.dldbeta3).toBeCloseTo(v.dldbeta3_func!, 14);
    expect(report).toHaveLength(25);
  });

  it('the backward pass equals autograd and central finite differences for every parameter', () => {
    const fwd = forwardPass(X, Y, PARAMS);
    const d = parameterDerivatives(X, fwd, backwardPass(Y, PARAMS, fwd));
    const auto = autogradDerivatives(X, Y, PARAMS);
    for (const k of Object.keys(PARAMS) as (keyof Params)[]) {
      const name = `dld${k}` as keyof typeof d;
      expect(d[name]).toBeCloseTo(auto[name], 12);
      const central =
        (finiteDifference(X, Y, PARAMS, k, 1e-6) + finiteDifference(X, Y, PARAMS, k, -1e-6)) / 2;
      expect(Math.abs(d[name] - central)).toBeLessThan(1e-5 * Math.max(1, Math.abs(d[name])));
    }
  });
});
