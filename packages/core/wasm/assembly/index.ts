// Entry of @gradkit/core's WebAssembly kernels, compiled into one module by
// packages/core/scripts/build-wasm.mjs. One file per topic, each with its JavaScript side in
// src/kernels/<topic>.ts (which copies operands into linear memory and registers the kernel):
//   gemm.ts         packed, register-blocked GEMMs (f32x4 4×8, f64x2 4×4 micro-tiles)
//   linear.ts       x·Wᵀ + bias (+ ReLU): a linear layer in one call
//   elementwise.ts  ReLU forward/backward, bias rows, column sums (float32)
//   optim.ts        SGD-with-momentum step (float32 parameters)
//   conv.ts         convolution lowered to GEMM (im2col, col2im, rearrangements) in linear memory
//   pool.ts         2×2 max pooling with its argmax and its backward, per-plane scaling (Dropout2d) (float32)
//   reduce.ts       a row's maximum and Σ exp(x − m) (float32 in, float64 sums): log-sum-exp

export * from './conv';
export * from './elementwise';
export * from './gemm';
export * from './linear';
export * from './optim';
export * from './pool';
export * from './reduce';
