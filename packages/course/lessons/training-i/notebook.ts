/**
 * CM20315 Training I (`udl-training_i.md`), the notebook translated to library calls: bracketing
 * line search on a 1-D loss with two valleys (UDL 6.1). The notebook's `loss_function` is the
 * lesson's {@link lossFunction}; its `line_search`, whose TODOs are the three bracketing rules and
 * the final average of b and c, is `@gradkit/optimizers`' `lineSearch` (threshold 1e-4, at most 10
 * iterations, the bracket [0, 1]).
 */
import { arange } from '@gradkit/core';
import { lineSearch } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { lossFunction } from './harness.js';

export { lossFunction } from './harness.js';

/** Run the notebook top to bottom: the plotted loss, each iteration's bracket, the solution. */
export function run(nb: Notebook): void {
  // draw_function(loss_function): the loss on np.arange(0,1,0.01)
  const phi_plot = arange(0, 1, 0.01);
  nb.show('draw_function(loss_function)', {
    phi_plot,
    'loss_function(phi_plot)': phi_plot.toList().map((p) => lossFunction(p as number)),
  });

  // soln = line_search(loss_function, draw_flag=True): each iteration draws and prints its bracket
  const { soln } = lineSearch(lossFunction, {
    threshold: 0.0001,
    maxIter: 10,
    onIter: ({ nIter, a, b, c, d }) => {
      nb.show('(n_iter, a,b,c,d)', [nIter, a, b, c, d], { loop: true });
      nb.print(pyFormat('Iter %d, a=%3.3f, b=%3.3f, c=%3.3f, d=%3.3f', nIter, a, b, c, d));
    },
  });
  nb.set('soln', soln);
  const loss = lossFunction(soln);
  nb.show('loss_function(soln)', loss);
  nb.print(pyFormat('Soln = %3.3f, loss = %3.3f', soln, loss));
}
