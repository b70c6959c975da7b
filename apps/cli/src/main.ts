#!/usr/bin/env node
/**
 * The `gradkit` command's entry point. From the repo root: `pnpm gradkit <command>` (runs these
 * sources with tsx); installed: the `gradkit` bin (`dist/main.js`). The program itself is built in
 * `program.ts`; commands live in `commands/` (see `commands/index.ts` to add one).
 */
import { runCli } from './program.js';

await runCli(process.argv);
