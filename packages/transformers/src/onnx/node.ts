/**
 * Node-only ONNX pieces re-exported by `@gradkit/transformers/node`: `exportGpt2Onnx` (writes a
 * loadable model directory), the `ort` backend (onnxruntime-node), the `transformers` backend
 * (transformers.js) and execution-provider detection.
 */

export * from '../backends/hf.js';
export * from '../backends/ort.js';
export * from '../providers.js';
export * from './export.js';
export * from './load.js';
