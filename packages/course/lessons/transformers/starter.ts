// gradkit lesson transformers: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson transformers transformers.ts
// --- exercise greedy: Greedy decoding
/** argmax of the next-token probabilities. */
export function greedyToken(probs: number[]): number {
  throw new Error('TODO: find the token index with the maximum probability');
}

// --- exercise top-k: Top-k filtering
/** Zero all but the k largest probabilities, then renormalise. */
export function topKFilter(probs: number[], k: number): number[] {
  throw new Error('TODO');
}
