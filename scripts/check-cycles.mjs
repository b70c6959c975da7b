#!/usr/bin/env node
// `node scripts/check-cycles.mjs` (part of `pnpm lint`): fails on any import cycle among the
// workspace's TypeScript sources, type-only imports included (dpdm, without its `--transform`),
// dynamic `import()` excluded (they load lazily and are how the course registry defers lessons).
// Prints each cycle as `a.ts -> b.ts -> (a.ts)`; exit status 1 when there is one.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCircular, parseDependencyTree } from 'dpdm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The source globs checked (relative to the repository root). */
export const CYCLE_GLOBS = [
  'packages/*/src/**/*.ts',
  'packages/*/bench/**/*.ts',
  'packages/*/scripts/**/*.ts',
  'packages/course/lessons/**/*.ts',
  'apps/cli/src/**/*.ts',
  'apps/docs/.vitepress/**/*.ts',
  'apps/docs/scripts/**/*.ts',
];

/** The import cycles of the workspace's sources, each a list of repository-relative paths. */
export async function findCycles() {
  const tree = await parseDependencyTree(CYCLE_GLOBS, {
    context: root,
    cwd: root,
    transform: false,
    skipDynamicImports: true,
    include: /\.ts$/,
    exclude: /node_modules|\/dist\//,
    tsconfig: join(root, 'tsconfig.base.json'),
  });
  return parseCircular(tree, true).map((cycle) => cycle.map((f) => relative(root, join(root, f))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cycles = await findCycles();
  if (cycles.length === 0) {
    console.log('import cycles: none');
  } else {
    console.error(`import cycles: ${cycles.length}`);
    for (const c of cycles) console.error(`  ${[...c, `(${c[0]})`].join(' -> ')}`);
    process.exit(1);
  }
}
