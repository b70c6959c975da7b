// No import cycles among the workspace's sources (type-only imports included): the check of
// `pnpm lint` (scripts/check-cycles.mjs, dpdm), run here too so CI fails on a new cycle.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { findCycles } from '../../scripts/check-cycles.mjs';

describe('import cycles', () => {
  it('none in packages, lessons, the CLI and the docs scripts', async () => {
    expect(await findCycles()).toEqual([]);
  }, 60_000);

  it('a type-only cycle is found', async () => {
    const dir = mkdtempSync(
      join(new URL('../../packages/core/src/', import.meta.url).pathname, 'cycle-probe-'),
    );
    try {
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.js';\nexport type A = B;\n");
      writeFileSync(join(dir, 'b.ts'), "import type { A } from './a.js';\nexport type B = A | 1;\n");
      const cycles: string[][] = await findCycles();
      expect(cycles.map((c) => c.map((f) => f.split('/').pop()).sort())).toEqual([['a.ts', 'b.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
