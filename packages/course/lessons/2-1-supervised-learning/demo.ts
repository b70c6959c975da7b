/**
 * Notebook 2.1's section of `gradkit demo`: the notebook asks the student to fit the line by hand,
 * changing φ0 with φ1 fixed until the loss stops going down, then φ1, and repeating. The section
 * does it for them and prints the first sweeps: each move lowers the loss, and the moves shrink
 * as the path zig-zags down the loss surface's valley to the least-squares line.
 */
import { defineSection } from '../../src/types.js';

interface Sweep {
  sweep: number;
  phi0: number;
  phi1: number;
  loss: number;
}

export const section = defineSection<{ sweeps: Sweep[]; total: number }>({
  title: 'Supervised learning: fitting a line one parameter at a time',
  async run() {
    const { X, Y, computeLoss, coordinateDescent } = await import('./notebook.js');
    const path = coordinateDescent(X, Y, 1.6, -0.8);
    const sweeps = path.map(([phi0, phi1], sweep) => ({
      sweep,
      phi0,
      phi1,
      loss: computeLoss(X, Y, phi0, phi1),
    }));
    return { sweeps, total: path.length - 1 };
  },
  render({ sweeps, total }) {
    const row = (s: Sweep) =>
      `${String(s.sweep).padStart(5)}  ${s.phi0.toFixed(4).padStart(8)}  ${s.phi1.toFixed(4).padStart(8)}  ${s.loss.toFixed(4).padStart(8)}`;
    return [
      'sweep      φ0        φ1      loss',
      ...sweeps.slice(0, 8).map(row),
      '  ...',
      row(sweeps.at(-1)!),
      `${total} sweeps to converge: the least-squares line y = ${sweeps.at(-1)!.phi0.toFixed(3)} + ${sweeps.at(-1)!.phi1.toFixed(3)} x.`,
    ];
  },
});
