// CM20315 Gradients I (../shared/seeds/udl-cm20315-gradients_i.md): every number the notebook
// prints as a "true value", asserted to the 3 decimals it prints (|error| < 5e-4), by the manual
// chain rule and by autograd.
import * as gradientsI from '@gradkit/course/lessons/gradients-i/notebook';
import { describe, expect, it } from 'vitest';

const { PARAMS, X } = gradientsI;

// The notebook's "true value" prints (%3.3f).
const FORWARD = { f0: 1.23, h1: 0.942, f1: 1.623, h2: 5.068, f2: 7.137, h3: 0.657, f3: 2.372, h4: 0.864 };
const BACKWARD = { dydh3: -0.632, dydf2: 0.476, dydh2: 0.953, dydf1: 4.83, dydh1: -1.932, dydf0: -0.646 };
const PARAM_TRUE = {
  dydomega4: 0.864,
  dydbeta3: -0.211,
  dydomega3: -0.139,
  dydbeta2: 0.476,
  dydomega2: 2.415,
  dydbeta1: 4.83,
  dydomega1: 4.552,
  dydbeta0: -0.646,
};

describe('Gradients I', () => {
  it('forward pass f0..h4 and y = fn(x, ...)', () => {
    const fwd = gradientsI.forwardPass(X, PARAMS);
    for (const [k, v] of Object.entries(FORWARD)) expect(fwd[k as keyof typeof fwd], k).toBeCloseTo(v, 3);
    expect(fwd.y).toBe(gradientsI.fnParams(X, PARAMS));
  });

  it('backward pass dydh3..dydf0', () => {
    const fwd = gradientsI.forwardPass(X, PARAMS);
    const bwd = gradientsI.backwardPass(PARAMS, fwd);
    expect(bwd.dydh4).toBe(PARAMS.omega4);
    expect(bwd.dydf3).toBe(PARAMS.omega4 / fwd.f3);
    for (const [k, v] of Object.entries(BACKWARD)) expect(bwd[k as keyof typeof bwd], k).toBeCloseTo(v, 3);
  });

  for (const [method, derivs] of [
    ['manual chain rule', () => gradientsI.chainRuleDerivatives(X, PARAMS)],
    ['autograd', () => gradientsI.autogradDerivatives(X, PARAMS)],
  ] as const) {
    it(`all ten dy/dbeta, dy/domega by the ${method}`, () => {
      const d = derivs();
      for (const [k, v] of Object.entries(PARAM_TRUE)) expect(d[k as keyof typeof d], k).toBeCloseTo(v, 3);
      // dydbeta4 and dydomega0 are checked against the notebook's function value and finite difference
      expect(d.dydbeta4).toBe(1);
      expect(d.dydomega0).toBeCloseTo(gradientsI.dydomega0Func(X, PARAMS), 12);
      // the notebook's forward difference (δ = 1e-4) carries an O(δ) error of ~1e-3 here
      expect(d.dydomega0).toBeCloseTo(gradientsI.finiteDifference(X, PARAMS, 'omega0'), 2);
      expect(d.dydbeta4).toBeCloseTo(gradientsI.finiteDifference(X, PARAMS, 'beta4'), 3);
    });
  }

  it('autograd equals the chain rule to rounding and every parameter matches finite differences', () => {
    const manual = gradientsI.chainRuleDerivatives(X, PARAMS);
    const auto = gradientsI.autogradDerivatives(X, PARAMS);
    for (const k of Object.keys(manual) as (keyof typeof manual)[]) {
      expect(auto[k], k).toBeCloseTo(manual[k], 12);
      const name = k.slice(3) as keyof typeof PARAMS;
      const central =
        (gradientsI.fnParams(X, { ...PARAMS, [name]: PARAMS[name] + 1e-6 }) -
          gradientsI.fnParams(X, { ...PARAMS, [name]: PARAMS[name] - 1e-6 })) /
        2e-6;
      expect(manual[k], k).toBeCloseTo(central, 7);
    }
  });
});
