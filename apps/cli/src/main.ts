#!/usr/bin/env node
/**
 * The `gradkit` command's entry point. From the repo root: `pnpm gradkit <command>` (runs these
 * sources with tsx); installed: the `gradkit` bin (`dist/main.js`). The program itself is built in
 * `program.ts`; commands live in `commands/` (see `commands/index.ts` to add one).
 *
 * On Node 20 the command first turns on V8's WebAssembly relaxed SIMD for its own process (shipped
 * on by default from Node 22, and in Chromium), before `@gradkit/core` loads its kernels: core
 * then picks its FMA build, whose float32 GEMM runs about 1.6x faster (the coursework MLP's 50
 * epochs: about 0.3 s less). Results differ from the plain build in the last bits of float32
 * products, as they do on Node 22; `GRADKIT_WASM_FMA=0` keeps the plain build.
 */
import { setFlagsFromString } from 'node:v8';

if (process.versions.node.split('.')[0] === '20') setFlagsFromString('--experimental-wasm-relaxed-simd');
const { runCli } = await import('./program.js');
await runCli(process.argv);
