/**
 * @gradkit/transformers — GPT-2 and the decoding strategies of the UDL CM20315 "Transformers"
 * practical: tokenizer, a `CausalLM` interface with a key/value cache, a TypeScript GPT-2
 * backend, and backend-agnostic decoding (sampling, greedy, top-k, nucleus, k-th token, beam
 * search). File loading lives in `@gradkit/transformers/node`.
 */
export * from './tokenizer.js';
export * from './model.js';
export * from './safetensors.js';
export * from './gpt2/config.js';
export * from './gpt2/model.js';
export * from './backends/ts.js';
export * from './decoding/processors.js';
export * from './decoding/config.js';
export * from './decoding/generate.js';
export * from './onnx/index.js';
export * from './lessons.js';
