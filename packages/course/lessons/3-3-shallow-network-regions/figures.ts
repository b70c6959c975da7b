/**
 * Notebook 3.3's figures (UDL figure 3.9): the maximum number of linear regions of a shallow
 * network against the number of hidden units D (a) and against the number of parameters (b), for
 * D_i = 1, 5, 10, 50 and 100 inputs, on a log scale from 1e1 to 1e150 as the notebook draws them.
 */
import { type Figure, semilogyPlot } from '@gradkit/plot';
import { DIMS, regionsByHiddenUnits, regionsByParameters } from './notebook.js';

const COLORS = ['#000000', '#1f3fd6', '#c71fc7', '#17a5b8', '#c9b000']; // the notebook's k, b, m, c, y

export const figures: Record<string, () => Figure> = {
  'regions-by-hidden-units': () => {
    const regions = regionsByHiddenUnits();
    const D = Array.from({ length: 1000 }, (_, i) => i);
    return semilogyPlot({
      series: DIMS.map((Di, c) => ({ name: `D_i=${Di}`, x: D, y: regions[c]!, color: COLORS[c] })),
      xLabel: 'Number of hidden units, D',
      yLabel: 'Number of regions, N',
      xDomain: [0, 1000],
      yDomain: [1e1, 1e150],
    });
  },
  'regions-by-parameters': () => {
    const { regions, params } = regionsByParameters();
    return semilogyPlot({
      series: DIMS.map((Di, c) => ({ name: `D_i=${Di}`, x: params[c]!, y: regions[c]!, color: COLORS[c] })),
      xLabel: 'Number of parameters',
      yLabel: 'Number of regions, N',
      xDomain: [0, 100000],
      yDomain: [1e1, 1e150],
    });
  },
};
