// gradkit lesson 10-4-downsampling-and-upsampling: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 10-4-downsampling-and-upsampling 10-4-downsampling-and-upsampling.ts
// Every function takes a 2-D array (rows of numbers) and returns a new one.

// --- exercise downsample: Subsampling
/** Every other pixel in each direction, from the first: `ceil(H/2) × ceil(W/2)`. */
export function downsample(xIn: number[][]): number[][] {
  throw new Error('TODO: write the downsampling routine');
}

// --- exercise maxpool: Max pooling
/** The maximum of each 2 × 2 block: `floor(H/2) × floor(W/2)`. */
export function maxpool(xIn: number[][]): number[][] {
  throw new Error('TODO: write the maxpool routine');
}

// --- exercise meanpool: Mean pooling
/** The mean of each 2 × 2 block: `floor(H/2) × floor(W/2)`. */
export function meanpool(xIn: number[][]): number[][] {
  throw new Error('TODO: write the meanpool routine');
}

// --- exercise duplicate: Upsampling by duplication
/** Each pixel copied into a 2 × 2 block: `2H × 2W`. */
export function duplicate(xIn: number[][]): number[][] {
  throw new Error('TODO: write the duplication routine');
}

// --- exercise max-unpool: Max-unpooling
/**
 * `2H × 2W` zeros, each `xIn[i][j]` placed where its 2 × 2 block of `xHighRes` (the image before
 * max pooling) has its maximum (the first one in reading order).
 */
export function maxUnpool(xIn: number[][], xHighRes: number[][]): number[][] {
  throw new Error('TODO: write the unpooling routine');
}

// --- exercise bilinear: Bilinear interpolation (the notebook's version)
/**
 * `2H × 2W`: output pixel (i, j) is the mean of the zero-padded input at rows floor(i/2), ceil(i/2)
 * and columns floor(j/2), ceil(j/2).
 */
export function bilinear(xIn: number[][]): number[][] {
  const xInPad: number[][] = Array.from({ length: xIn.length + 1 }, (_, i) =>
    Array.from({ length: xIn[0]!.length + 1 }, (_, j) => xIn[i]?.[j] ?? 0),
  );
  throw new Error('TODO: write the bilinear interpolation routine');
}
