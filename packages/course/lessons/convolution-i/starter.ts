// gradkit lesson convolution-i: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson convolution-i convolution-i.ts
// --- exercise conv-loops: The convolution loops
/** 2-D cross-correlation of one channel, stride 1, zero padding `pad`. */
export function conv2d(image: number[][], weights: number[][], pad: number): number[][] {
  throw new Error('TODO: retrieve the image pixel and the weight, and accumulate');
}
