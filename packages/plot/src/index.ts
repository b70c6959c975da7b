/**
 * @gradkit/plot — the course lessons' figures on Observable Plot. Each function takes plain
 * arrays (or typed arrays, e.g. a tensor's `.data`) and returns a {@link Figure}: call
 * `figure.render()` in a browser for an `<svg>` node, or `renderSvg(figure)` /
 * `toPng(figure)` from `@gradkit/plot/node` in Node.
 */
export * from './colormap.js';
// a classifier's decision regions with its training points (TensorFlow Playground's picture)
export * from './decision-plot.js';
// several training runs' error curves on one plot (the coursework playground's run history)
export * from './error-runs.js';
export {
  type Figure,
  type FigureKind,
  type FigureOptions,
  type FigureSpec,
  PlotInputError,
  type RenderOptions,
  type Series,
} from './figure.js';
export * from './figures.js';
// a matrix as coloured cells with their values (a confusion matrix)
export * from './heatmap.js';
// grayscale images as plt.imshow(a, cmap='gray') draws them (notebook 10.4)
export * from './image-plot.js';
// functionPlot with a legend (matplotlib's ax.legend())
export * from './legend-plot.js';
export * from './semilogy.js';
// a figure as data (JSON) and back: computed once, laid out at any width
export * from './spec.js';
