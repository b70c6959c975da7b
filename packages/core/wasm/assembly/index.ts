// Entry of @gradkit/core's WebAssembly kernels (compiled by packages/core/scripts/build-wasm.mjs):
// the packed SIMD GEMMs and element-wise training kernels (./gemm.ts) and the convolution
// lowered to GEMM in linear memory (./conv.ts).

export * from './conv';
export * from './gemm';
