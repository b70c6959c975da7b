/**
 * Notebook 10.4's figures: its small arrays before and after each operation, and its image after
 * each of the three halvings and doublings — drawn as `plt.imshow(a, cmap='gray')` draws them
 * (each image from its own minimum, black, to its maximum, white; pixel indices on the axes). The
 * page's figures use the generated stand-in picture (`standInImage`), in the browser as in Node:
 * the notebook's photograph is not part of this repository. Last, the notebook's bilinear
 * interpolation beside PyTorch's two (`interpolate`, `alignCorners` false and true).
 */
import { interpolate } from '@gradkit/conv';
import { astype, type Tensor } from '@gradkit/core';
import { type Figure, type ImagePanel, imagePlot } from '@gradkit/plot';
import {
  bilinear,
  downsample,
  duplicate,
  type ImageVariable,
  imageCells,
  intArray,
  maxpool,
  maxUnpool,
  meanpool,
  ORIG_2_2,
  ORIG_4_4,
  PLOT_CELLS,
  standInImage,
} from './notebook.js';

const panel = (t: Tensor, title: string, range?: [number, number]): ImagePanel => ({
  data: t.data as ArrayLike<number>,
  height: t.shape[0]!,
  width: t.shape[1]!,
  title,
  ...(range ? { vmin: range[0], vmax: range[1] } : {}),
});

let cells: ({ data: Tensor } & Record<ImageVariable, Tensor>) | undefined;
function stages() {
  if (!cells) {
    const data = standInImage();
    cells = { data, ...imageCells(data) };
  }
  return cells;
}

/** One plotting cell of the notebook: its four images in a 2 × 2 grid. */
function cellFigure(cell: keyof typeof PLOT_CELLS, title: string): Figure {
  const s = stages();
  return imagePlot({
    title,
    columns: 2,
    images: PLOT_CELLS[cell]!.map((name) => panel(s[name], name)),
  });
}

const STAND_IN = '(stand-in picture)';

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Figure> = {
  'downsampling-arrays': () => {
    const a = intArray(ORIG_4_4);
    const b = intArray(ORIG_2_2);
    // every panel on the same gray scale, 0 (black) to 8 (white), so that values compare across panels
    const r: [number, number] = [0, 8];
    return imagePlot({
      title: 'orig_4_4 halved, orig_2_2 doubled (gray levels 0–8)',
      columns: 4,
      images: [
        panel(a, 'orig_4_4', r),
        panel(downsample(a), 'downsample', r),
        panel(maxpool(a), 'maxpool', r),
        panel(meanpool(a), 'meanpool', r),
        panel(b, 'orig_2_2', r),
        panel(duplicate(b), 'duplicate', r),
        panel(maxUnpool(b, a), 'max_unpool', r),
        panel(bilinear(b), 'bilinear', r),
      ],
    });
  },
  'downsampling-subsample': () => cellFigure('downsample', `Subsampling, three times ${STAND_IN}`),
  'downsampling-maxpool': () => cellFigure('maxpool', `Max pooling, three times ${STAND_IN}`),
  // the notebook's code: data_meanpool2 = meanpool(data_maxpool) (the page's caption says so)
  'downsampling-meanpool': () => cellFigure('meanpool', `Mean pooling, three times ${STAND_IN}`),
  'upsampling-duplicate': () => cellFigure('duplicate', `Duplication of data_downsample3 ${STAND_IN}`),
  'upsampling-max-unpool': () => cellFigure('max_unpool', `Max-unpooling of data_maxpool3 ${STAND_IN}`),
  // the notebook's code: data_bilinear3 = duplicate(data_bilinear2)
  'upsampling-bilinear': () => cellFigure('bilinear', `Bilinear twice, then duplication ${STAND_IN}`),
  'upsampling-bilinear-vs-pytorch': () => {
    const b = intArray(ORIG_2_2);
    const x = astype(b, 'float64').reshape([1, 1, 2, 2]);
    const plane = (t: Tensor) => t.reshape([4, 4]);
    const r: [number, number] = [0, 8];
    return imagePlot({
      title: 'orig_2_2 upsampled to 4 × 4 (gray levels 0–8)',
      columns: 3,
      images: [
        panel(bilinear(b), "notebook's bilinear", r),
        panel(plane(interpolate(x, { scaleFactor: 2, mode: 'bilinear' })), 'interpolate (PyTorch)', r),
        panel(
          plane(interpolate(x, { scaleFactor: 2, mode: 'bilinear', alignCorners: true })),
          'alignCorners: true',
          r,
        ),
      ],
    });
  },
};
