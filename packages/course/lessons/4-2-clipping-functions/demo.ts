/**
 * `gradkit demo` section of notebook 4.2 (Clipping functions): the notebook's two-layer network
 * and its three "what would happen if" questions, answered by counting the output's linear
 * regions on a fine grid over [0, 1) (nn's `countLinearRegions`) and its range.
 */
import { arange } from '@gradkit/core';
import { countLinearRegions, relu } from '@gradkit/nn';
import { defineSection } from '../../src/types.js';
import { type ClippingParameters, changedParameters, getParameters, shallow1133 } from './notebook.js';

/** One network of the section: its linear regions on [0, 1) and the range of its output. */
export interface ClippingRow {
  name: string;
  regions: number;
  min: number;
  max: number;
}

/** The output's linear regions and range for the parameters `p`. */
export function describe(name: string, p: ClippingParameters): ClippingRow {
  const x = arange(0, 1, 0.0001);
  const y = shallow1133(x, relu, p.phi, p.psi, p.theta).y;
  const v = y.toList() as number[];
  return { name, regions: countLinearRegions(x, y).count, min: Math.min(...v), max: Math.max(...v) };
}

/** The section (`gradkit demo --only 4-2-clipping-functions`). */
export const section = defineSection<{ rows: ClippingRow[] }>({
  title: 'Clipping functions: what one parameter does to a two-layer network',
  run(ctx) {
    const rows = [
      describe('the notebook’s network', getParameters()),
      describe('ψ10 raised from 0.3 to 0.8', changedParameters('psi10-up')),
      describe('ψ20…ψ23 times −1', changedParameters('psi2-negated')),
      describe('φ3 = −1', changedParameters('phi3-negative')),
    ];
    ctx.log(`${rows.length} networks on x ∈ [0, 1)`);
    return { rows };
  },
  render: ({ rows }) => [
    'Output of the 1-3-3-1 ReLU network (UDL eqs. 4.7–4.9) on x ∈ [0, 1):',
    ...rows.map(
      (r) =>
        `  ${r.name.padEnd(28)} ${String(r.regions).padStart(2)} linear regions, y from ${r.min.toFixed(3)} to ${r.max.toFixed(3)}`,
    ),
  ],
});
