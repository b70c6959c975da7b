// The code shown on the lesson pages (each lesson folder's example.ts, included in its page.md
// with `<<< ./example.ts`) is type-checked (strict) and run, so it cannot rot; and every page
// includes its example when the folder has one.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { courseRoot, lessonFile } from '../src/node.js';
import { lessons } from '../src/registry.js';

const examples = lessons.flatMap((l) => {
  const file = lessonFile(l, 'example.ts');
  return file ? [{ id: l.id, file }] : [];
});

describe('lesson code examples', () => {
  it('every page includes its example, and only then', () => {
    for (const l of lessons) {
      const page = readFileSync(lessonFile(l, 'page.md')!, 'utf8');
      const includes = /^<<< \.\/example\.ts\s*$/m.test(page);
      expect(includes, `${l.id}/page.md includes ./example.ts`).toBe(lessonFile(l, 'example.ts') !== null);
    }
  });

  it('type-check (strict, the package tsconfig)', () => {
    const root = courseRoot();
    const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
    const program = ts.createProgram({
      rootNames: examples.map((e) => e.file),
      options: { ...parsed.options, noEmit: true },
    });
    const files = new Set(examples.map((e) => e.file));
    const mine = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => !d.file || files.has(d.file.fileName))
      .map(
        (d) =>
          `${d.file ? relative(root, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(mine).toEqual([]);
  }, 300_000); // type-checks the packages' sources the examples import: slow on a loaded machine

  for (const { id, file } of examples) {
    it(`runs ${id}/example.ts`, async () => {
      const lines: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
      try {
        await import(pathToFileURL(file).href);
      } finally {
        spy.mockRestore();
      }
      expect(lines.length, `${id}/example.ts prints its results`).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toMatch(/NaN|undefined/);
      expect(dirname(file)).toContain(id);
    });
  }
});
