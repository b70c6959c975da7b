/**
 * Node-only entry (`@gradkit/transformers/node`): everything of the main entry, and what needs
 * Node: model folders for the TypeScript backend and the offline default model
 * (`backends/ts-node.ts`), ONNX Runtime for Node and GPU probing (`backends/ort.ts`,
 * `backends/providers.ts`), `@huggingface/transformers` (`backends/hf.ts`), `loadBackend`, the
 * one loader for all three backends (`backends/load.ts`), and the ONNX export (`onnx/export.ts`).
 */
export * from './backends/hf.js';
export * from './backends/load.js';
export * from './backends/ort.js';
export * from './backends/providers.js';
export * from './backends/ts-node.js';
export * from './index.js';
export * from './onnx/export.js';
