/**
 * @gradkit/transformers — GPT-2 and the decoding strategies of the UDL CM20315 "Transformers"
 * practical: tokenizer, a `CausalLM` interface with a key/value cache, a TypeScript GPT-2
 * backend, and backend-agnostic decoding (sampling, greedy, top-k, nucleus, k-th token, beam
 * search), and the `ort` backend for browsers on onnxruntime-web (`loadOrtWebModel`, WebGPU or
 * WebAssembly). File loading and onnxruntime-node live in `@gradkit/transformers/node`.
 */

export * from './backends/ort-core.js';
export * from './backends/ort-web.js';
export * from './backends/ts.js';
export { BytePairEncoding, type TiktokenRanks } from './bpe.js';
export * from './decoding/config.js';
export * from './decoding/generate.js';
export * from './decoding/processors.js';
export * from './gpt2/config.js';
export * from './gpt2/model.js';
export * from './model.js';
export * from './onnx/index.js';
export { isMissingModule, MissingPeerError, OPTIONAL_PEERS, type OptionalPeer } from './optional.js';
export * from './safetensors.js';
export * from './tokenizer.js';
