// gradkit lesson 11-1-shattered-gradients: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 11-1-shattered-gradients 11-1-shattered-gradients.ts

// --- exercise autocorr: The autocorrelation of the gradients
/** np.correlate(dydx, dydx, mode='same'): N values, lag k = j − floor(N/2) at index j. */
export function autocorr(dydx: number[]): number[] {
  throw new Error("TODO: the autocorrelation, numpy's correlate with mode 'same'");
}

// --- exercise input-output-gradient: The derivative of the output with respect to the input
/** dy/dx at each input x[n]; weights[k] is [D_k+1][D_k], biases[k] is [D_k+1][1], one input and one output. */
export function inputOutputGradient(x: number[], weights: number[][][], biases: number[][][]): number[] {
  throw new Error('TODO: forward pass, then backpropagate from dy/df_K = 1 down to dy/dh_0');
}
