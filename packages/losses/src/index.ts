/**
 * @gradkit/losses: likelihoods and negative log-likelihoods (normal, Bernoulli, categorical),
 * least squares, sigmoid/softmax with stable and book ("naive") forms, and PyTorch-style
 * training losses (cross-entropy, NLL, BCE, MSE) with L1/L2 penalties. Serves the UDL
 * CM20315 Loss I, II and III notebooks. All functions compose differentiable core ops.
 */

export * from './classification.js';
export * from './distributions.js';
export * from './softmax.js';
