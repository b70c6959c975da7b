// Notebook 1.1: `gradkit run 1-1-background-mathematics` (udlbook/1_1_BackgroundMathematics.md).
// The notebook has no recorded outputs and no "true value": it prints the two linear equations of
// its third cell twice, one at a time and in vector/matrix form, and asks that both agree. By hand:
// y1 = 0.5 + (−1.0)(4) + 0.4(−1) + (−0.3)(2) = −4.5 and y2 = 0.2 + 0.1(4) + 0.1(−1) + 1.2(2) = 2.9.
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { linearFunction1D, linearFunction2D, plotGrid2D } from './notebook.js';

describe('1-1-background-mathematics notebook', async () => {
  const { values, report } = await runLesson('1-1-background-mathematics');

  it('prints the two equations, one at a time and in matrix form, equal to three decimals', () => {
    expect(report).toEqual([
      'Individual equations',
      'y1 = -4.500',
      'y2 = 2.900',
      'Matrix/vector form',
      'y1= -4.500',
      'y2 = 2.900',
    ]);
    expect(values.y1).toBeCloseTo(-4.5, 12);
    expect(values.y2).toBeCloseTo(2.9, 12);
    expect(values.y_vec).toHaveLength(2);
    expect((values.y_vec as number[][])[0]![0]).toBeCloseTo(-4.5, 12);
    expect((values.y_vec as number[][])[1]![0]).toBeCloseTo(2.9, 12);
  });

  it('keeps numpy shapes: beta_vec (2,1), omega_mat (2,3), x_vec (3,1)', () => {
    expect(values.beta_vec).toEqual([[0.5], [0.2]]);
    expect(values.omega_mat).toEqual([
      [-1.0, 0.4, -0.3],
      [0.1, 0.1, 1.2],
    ]);
    expect(values.x_vec).toEqual([[4], [-1], [2]]);
  });

  it('ends on the log cell: x = np.arange(0.01, 5.0, 0.01) (499 values), y = np.log(x)', () => {
    const x = values.x as number[];
    const y = values.y as number[];
    expect(x).toHaveLength(499); // numpy 2.4: len(np.arange(0.01, 5.0, 0.01)) == 499, x[-1] == 4.99
    expect(x.at(-1)).toBeCloseTo(4.99, 12);
    expect(y[0]).toBeCloseTo(-4.605170185988091, 12); // np.log(0.01)
    expect(y.at(-1)).toBeCloseTo(1.6074359097634274, 12); // np.log(4.99)
  });

  it('draws the line and the plane the notebook plots', () => {
    // 1-D: the line through y = 10 on the y-axis and x = 5 on the x-axis is beta = 10, omega = -2
    expect(linearFunction1D([0, 5], 10, -2).toList()).toEqual([10, 0]);
    // 2-D: a [100, 100] grid over [0, 10)²; y = x1 − 0.5 x2 ranges over [−4.95, 9.9]
    const [x1, x2] = plotGrid2D();
    expect(x1.shape).toEqual([100, 100]);
    const y = linearFunction2D(x1, x2, 0, 1, -0.5).toList();
    expect(Math.min(...y)).toBeCloseTo(-4.95, 12);
    expect(Math.max(...y)).toBeCloseTo(9.9, 12);
  });
});
