/**
 * ONNX export (runs anywhere): the ONNX protobuf schema subset, a graph builder, and GPT-2 →
 * ONNX decoder-with-past (`gpt2ToOnnx`). File writing is `exportGpt2Onnx` in the `/node` entry.
 */

export * from './gpt2.js';
export * from './graph.js';
export * from './schema.js';
