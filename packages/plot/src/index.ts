/**
 * @gradkit/plot — the course lessons' figures on Observable Plot. Each function takes plain
 * arrays (or typed arrays, e.g. a tensor's `.data`) and returns a {@link Figure}: call
 * `figure.render()` in a browser for an `<svg>` node, or `renderSvg(figure)` /
 * `toPng(figure)` from `@gradkit/plot/node` in Node.
 */
export * from './colormap.js';
export {
  type Figure,
  type FigureKind,
  type FigureOptions,
  PlotInputError,
  type RenderOptions,
  type Series,
} from './figure.js';
export * from './figures.js';
// grayscale images as plt.imshow(a, cmap='gray') draws them (notebook 10.4)
export * from './image-plot.js';
// functionPlot with a legend (matplotlib's ax.legend())
export * from './legend-plot.js';
export * from './semilogy.js';
