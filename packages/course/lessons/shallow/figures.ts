/** Shallow networks' figure: the notebook's 3×3 grid of the network's intermediates. */
import { arange } from '@gradkit/core';
import { shallowNetworkParts } from '@gradkit/nn';
import { type Figure, shallowNetworkGrid } from '@gradkit/plot';
import { SHALLOW_DEFAULTS } from './notebook.js';

const list = (t: { toList(): number[] }) => t.toList();

export const figures: Record<string, () => Figure> = {
  'shallow-grid': () => {
    const x = arange(0, 1.001, 0.01);
    const r = shallowNetworkParts(x, SHALLOW_DEFAULTS);
    return shallowNetworkGrid({
      x: list(x),
      preActivations: [r.pre1, r.pre2, r.pre3].map(list),
      activations: [r.act1, r.act2, r.act3].map(list),
      weighted: [r.wAct1, r.wAct2, r.wAct3].map(list),
      yDomain: [-1, 1],
    });
  },
};
