/**
 * The notebooks' small datasets: literal data checked against the numbers the notebooks print
 * (losses computed from it) and against the seed text when present; generated data checked
 * against numpy (tests/fixtures/gen_datasets_toy.py).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  autogradLinearData,
  autogradQuadraticData,
  courseworkIVData,
  highDimData,
  LOSS_X,
  lossIData,
  lossIIData,
  lossIIIData,
  trainingIIData,
  trainingIIIData,
} from '@gradkit/datasets';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const seeds = join(root, '../shared/seeds');
const fx = JSON.parse(readFileSync(join(root, 'tests/fixtures/datasets_toy.json'), 'utf8'));

/** The notebooks' 1-3-K shallow ReLU network (UDL eq. 3.1), for the Loss I-III checks. */
function shallow(x: number, b0: number[], w0: number[], b1: number[], w1: number[][]): number[] {
  const h = b0.map((b, k) => Math.max(0, b + w0[k]! * x));
  return b1.map((b, j) => b + w1[j]!.reduce((s, w, k) => s + w * h[k]!, 0));
}
const B0 = [0.3, -1.0, -0.5];
const W0 = [-1.0, 1.8, 0.65];

/** `name = np.array(...)` from a seed notebook, as numbers (nested for 2-d). */
function seedArray(file: string, name: string): unknown {
  const text = readFileSync(join(seeds, file), 'utf8');
  const start = text.indexOf(`${name} = np.array(`) + `${name} = np.array(`.length;
  let depth = 0;
  let end = start;
  for (; end < text.length; end++) {
    if (text[end] === '[') depth++;
    if (text[end] === ']' && --depth === 0) break;
  }
  return JSON.parse(
    text
      .slice(start, end + 1)
      .replace(/\\\n/g, '')
      .replace(/\s+/g, ''),
  );
}

describe('Loss I-III data reproduce the notebooks’ printed values', () => {
  it('Loss I: Gaussian NLL 11.452419564 and sum of squares 2.020992572 (sigma 0.2)', () => {
    const { x, y } = lossIData();
    expect(x.shape).toEqual([20]);
    let nll = 0;
    let sos = 0;
    x.toList().forEach((xi, i) => {
      const mu = shallow(xi, B0, W0, [0.1], [[-2.0, -1.0, 7.0]])[0]!;
      const r = y.data[i]! - mu;
      nll -= Math.log(Math.exp((-r * r) / (2 * 0.04)) / Math.sqrt(2 * Math.PI * 0.04));
      sos += r * r;
    });
    expect(nll).toBeCloseTo(11.452419564, 9);
    expect(sos).toBeCloseTo(2.020992572, 9);
  });
  it('Loss II: Bernoulli NLL 9.563639387', () => {
    const { x, y } = lossIIData();
    expect(y.dtype).toBe('int32');
    let nll = 0;
    x.toList().forEach((xi, i) => {
      const f = shallow(xi, B0, W0, [2.6], [[-24.0, -8.0, 50.0]])[0]!;
      const lambda = 1 / (1 + Math.exp(-f));
      nll -= Math.log(y.data[i] === 1 ? lambda : 1 - lambda);
    });
    expect(nll).toBeCloseTo(9.563639387, 9);
  });
  it('Loss III: categorical NLL 17.015457867', () => {
    const { x, y } = lossIIIData();
    let nll = 0;
    const W1 = [
      [-24.0, -8.0, 50.0],
      [-2.0, 8.0, -30.0],
      [16.0, -8.0, -8],
    ];
    x.toList().forEach((xi, i) => {
      const f = shallow(xi, B0, W0, [2.0, -2, 0.0], W1);
      const z = f.reduce((s, v) => s + Math.exp(v), 0);
      nll -= Math.log(Math.exp(f[y.data[i]!]!) / z);
    });
    expect(nll).toBeCloseTo(17.015457867, 9);
  });
  it.skipIf(!existsSync(seeds))('equal the arrays in the seed notebooks', () => {
    for (const f of ['udl-cm20315-loss.md', 'udl-cm20315-loss_ii.md', 'udl-cm20315-loss_iii.md'])
      expect(seedArray(f, 'x_train')).toEqual([...LOSS_X]);
    expect(seedArray('udl-cm20315-loss.md', 'y_train')).toEqual(lossIData().y.toList());
    expect(seedArray('udl-cm20315-loss_ii.md', 'y_train')).toEqual(lossIIData().y.toList());
    expect(seedArray('udl-cm20315-loss_iii.md', 'y_train')).toEqual(lossIIIData().y.toList());
    expect(seedArray('udl-cm20315-training_ii.md', 'data')).toEqual(trainingIIData().data.toArray());
    expect(seedArray('udl-cm20315-training_iii.md', 'data')).toEqual(trainingIIIData().data.toArray());
  });
});

describe('Training II/III data reproduce the notebooks’ printed losses at phi = (0.6, -0.2)', () => {
  it('Training II line model: 12.367', () => {
    const { x, y, data } = trainingIIData();
    expect(data.shape).toEqual([2, 12]);
    const loss = x.toList().reduce((s, xi, i) => s + (0.6 - 0.2 * xi - y.data[i]!) ** 2, 0);
    expect(loss).toBeCloseTo(12.367, 3);
  });
  it('Training III Gabor model: 16.419', () => {
    const { x, y, data } = trainingIIIData();
    expect(data.shape).toEqual([2, 30]);
    const model = (xi: number) => {
      const a = 0.6 + 0.06 * -0.2 * xi;
      return Math.sin(a) * Math.exp((-a * a) / 32);
    };
    const loss = x.toList().reduce((s, xi, i) => s + (model(xi) - y.data[i]!) ** 2, 0);
    expect(loss).toBeCloseTo(16.419, 3);
  });
});

describe('generated toy data equal numpy’s', () => {
  const close = (got: ArrayLike<number>, want: number[], tol: number) => {
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(tol);
  };
  it('autograd introduction: linear toy data (RandomState(0): uniform then randn)', () => {
    const d = autogradLinearData();
    expect(d.x.shape).toEqual([300, 2]);
    expect(Array.from(d.x.data)).toEqual(fx.autograd_linear.x.flat());
    close(d.y.data, fx.autograd_linear.y, 1e-12);
  });
  it('autograd introduction: quadratic toy data', () => {
    close(autogradQuadraticData().y.data, fx.autograd_quadratic.y, 1e-12);
  });
  it('D2L 3.7 HighDimData (RandomState(0) in place of torch.randn)', () => {
    const d = highDimData();
    expect(d.train.X.shape).toEqual([20, 200]);
    expect(d.val.y.shape).toEqual([100, 1]);
    close(d.X.data.subarray(0, 400), fx.high_dim.X_first_rows.flat(), 1e-15);
    expect(Array.from(d.X.data).reduce((a, b) => a + b, 0)).toBeCloseTo(fx.high_dim.X_sum, 9);
    close(d.y.data, fx.high_dim.y, 1e-12);
    close(d.train.y.data, fx.high_dim.y.slice(0, 20), 1e-12);
    expect(() => highDimData({ numInputs: 0 })).toThrow(
      /highDimData: options.numInputs must be a positive integer/,
    );
  });
  it('Coursework IV clouds: sum(x1000D) = 1036.321 as the notebook prints, and numpy’s draws', () => {
    const { x2D, x100D, x1000D } = courseworkIVData();
    expect(x1000D.shape).toEqual([1000, 1000]);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
    expect(sum(x1000D.data)).toBeCloseTo(1036.321, 3);
    expect(sum(x1000D.data)).toBeCloseTo(fx.coursework_iv.sum1000, 8);
    expect(sum(x2D.data)).toBeCloseTo(fx.coursework_iv.sum2, 10);
    expect(sum(x100D.data)).toBeCloseTo(fx.coursework_iv.sum100, 9);
    close(
      [...x2D.data.subarray(0, 5), ...x2D.data.subarray(1000, 1005)],
      fx.coursework_iv.x2D_first.flat(),
      1e-15,
    );
    close(x100D.data.subarray(100 * 1000 - 5), fx.coursework_iv.x100D_last, 1e-15);
    close(x1000D.data.subarray(1000 * 1000 - 5), fx.coursework_iv.x1000D_last, 1e-15);
  });
});
