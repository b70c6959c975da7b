/**
 * Notebook 1.1's section of `gradkit demo`: the notebook asks the student to change β and ω and
 * predict the result. The section answers with numbers: where each line crosses the axes (the
 * line through y = 10 and x = 5 is β = 10, ω = −2), and how the plane y = β + ω1 x1 + ω2 x2 over
 * [0, 10)² changes when ω1 = 0, ω2 = 0 or β = −5 (the notebook's three predictions).
 */
import { defineSection } from '../../src/types.js';

interface Line {
  beta: number;
  omega: number;
  /** Where y = 0 (null for a flat line). */
  xIntercept: number | null;
}
interface Plane {
  label: string;
  beta: number;
  omega1: number;
  omega2: number;
  /** y at the corners (0,0), (10,0), (0,10), (10,10). */
  corners: [number, number, number, number];
  /** The direction the contour lines run in. */
  contours: string;
}

export const section = defineSection<{ lines: Line[]; planes: Plane[] }>({
  title: 'Background mathematics: change β and ω',
  async run() {
    const { linearFunction2D } = await import('./notebook.js');
    const lines = [
      [0, 1],
      [2, 1],
      [0, 0.5],
      [10, -2],
    ].map(([beta, omega]) => ({
      beta: beta!,
      omega: omega!,
      xIntercept: omega === 0 ? null : -beta! / omega!,
    }));
    const planes = (
      [
        ['the notebook', 0, 1, -0.5],
        ['ω1 = 0', 0, 0, -0.5],
        ['ω2 = 0', 0, 1, 0],
        ['β = −5', -5, 1, -0.5],
      ] as const
    ).map(([label, beta, omega1, omega2]) => ({
      label,
      beta,
      omega1,
      omega2,
      corners: linearFunction2D([0, 10, 0, 10], [0, 0, 10, 10], beta, omega1, omega2).toList() as [
        number,
        number,
        number,
        number,
      ],
      contours:
        omega1 === 0
          ? 'horizontal (y changes with x2 only)'
          : omega2 === 0
            ? 'vertical (y changes with x1 only)'
            : `slanted, slope dx2/dx1 = ${-omega1 / omega2}`,
    }));
    return { lines, planes };
  },
  render({ lines, planes }) {
    return [
      'Lines y = β + ωx: β is where the line meets the y-axis, −β/ω where it meets the x-axis.',
      ...lines.map(
        (l) =>
          `  β = ${l.beta}, ω = ${l.omega}: crosses the y-axis at y = ${l.beta}, the x-axis at ${l.xIntercept === null ? 'nowhere' : `x = ${l.xIntercept}`}`,
      ),
      'Planes y = β + ω1·x1 + ω2·x2 over [0, 10)², y at the corners (0,0) (10,0) (0,10) (10,10):',
      ...planes.map(
        (p) =>
          `  ${p.label.padEnd(12)} ${p.corners.map((c) => String(c).padStart(5)).join(' ')}  contours ${p.contours}`,
      ),
    ];
  },
});
