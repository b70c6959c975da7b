/**
 * The CM20315 coursework data (Coursework I–III): MNIST-1D train and validation sets stored the
 * book's way, examples as columns — `train_data_x.npy` `[40, N]`, `train_data_y.npy` `[N]`,
 * `val_data_x.npy` `[40, M]`, `val_data_y.npy` `[M]` (github.com/udlbook/udlbook, `practicals/`).
 * `loadCourseworkData(dir)` in `@gradkit/datasets/node` reads the files; this module validates them.
 */
import { fromData, ShapeError, type Tensor } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { checkLabels } from './mnist1d.js';

/** One split of the coursework data. */
export interface CourseworkSplit {
  /** `[D, N]` float: one example per column (the book's convention), as stored in the file. */
  x: Tensor;
  /** `[N]` int32 labels in [0, 9]. */
  y: Tensor;
  /** The same examples as rows `[N, D]` (a fresh copy, for PyTorch-style `[batch, features]` input). */
  xRows(): Tensor;
}

/** Both splits of the coursework data. */
export interface CourseworkData {
  train: CourseworkSplit;
  val: CourseworkSplit;
}

function transpose2d(x: Tensor): Tensor {
  const [r, c] = x.shape as [number, number];
  const out = new (x.data.constructor as new (n: number) => typeof x.data)(x.size);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x.data[i * c + j]!;
  return fromData(out, [c, r]);
}

function split(x: Tensor, y: Tensor): CourseworkSplit {
  return { x, y, xRows: () => transpose2d(x) };
}

/**
 * Validate the four coursework arrays and pair them up. Errors name the file and the shapes:
 * x must be a 2-d float array `[D, N]` (same D for both splits), y integer labels `[N]` in [0, 9].
 *
 * @example
 *   const d = courseworkFromArrays({ trainX, trainY, valX, valY });
 *   d.train.xRows().shape; // [4000, 40]
 */
export function courseworkFromArrays(
  a: { trainX: Tensor; trainY: Tensor; valX: Tensor; valY: Tensor },
  options: { op?: string; names?: Record<string, string>; classes?: number } = {},
): CourseworkData {
  const op = options.op ?? 'courseworkFromArrays';
  const name = (f: string) => show(options.names?.[f] ?? f);
  const classes = options.classes ?? 10;
  const checkX = (f: string, x: Tensor) => {
    if (x.ndim !== 2 || (x.dtype !== 'float64' && x.dtype !== 'float32'))
      throw new ShapeError(
        op,
        `${name(f)} holds ${x.dtype} of shape ${showShape(x.shape)}; expected a 2-d float array [D, N] (examples as columns)`,
      );
  };
  checkX('train_data_x.npy', a.trainX);
  checkX('val_data_x.npy', a.valX);
  if (a.trainX.shape[0] !== a.valX.shape[0])
    throw new ShapeError(
      op,
      `${name('train_data_x.npy')} has shape ${showShape(a.trainX.shape)} but ${name('val_data_x.npy')} has ${showShape(a.valX.shape)}; expected the same number of rows D (examples are columns)`,
    );
  checkLabels(
    op,
    name('train_data_y.npy'),
    a.trainY,
    a.trainX.shape[1]!,
    classes,
    `${name('train_data_x.npy')} (columns)`,
  );
  checkLabels(
    op,
    name('val_data_y.npy'),
    a.valY,
    a.valX.shape[1]!,
    classes,
    `${name('val_data_x.npy')} (columns)`,
  );
  return { train: split(a.trainX, a.trainY), val: split(a.valX, a.valY) };
}
