// The root entry is the documented user API: every runtime export is named in the README, and the
// op-authoring helpers live only on `@gradkit/core/extend`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as extend from '../src/extend.js';
import * as root from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const named = (n: string) => new RegExp(`\\b${n}\\b`).test(readme);

describe('@gradkit/core entry points', () => {
  it('documents every runtime export of the root in the README', () => {
    const missing = Object.keys(root).filter((n) => !named(n));
    expect(missing).toEqual([]);
  });

  it('keeps the op-authoring helpers off the root and documents them under /extend', () => {
    const names = Object.keys(extend);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => n in root)).toEqual([]);
    expect(names.filter((n) => !named(n))).toEqual([]);
  });

  it('does not export the engine internals at all', () => {
    for (const n of ['setCloneImpl', 'isTracing', 'mapBinary', 'mapBinaryKernel', 'binaryOperands', 'unbroadcast'])
      expect(n in root || n in extend, n).toBe(false);
  });
});
