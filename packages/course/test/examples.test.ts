// The code shown on the lesson pages (each lesson folder's example.ts, included in its page.md
// with `<<< ./example.ts`) is type-checked (strict) here and run by the site build, which shows
// its output under it (apps/docs/scripts/course.ts), so it cannot rot; and every page includes its
// example when the folder has one.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
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

  // Running them is the site build's job: apps/docs/scripts/course.ts runs every example.ts and
  // shows its output under its code (a failing example fails the build), and the docs' e2e test
  // checks each lesson page has that output. Here: each example is a file of its own lesson.
  it('each example lives in its lesson folder', () => {
    for (const { id, file } of examples) expect(dirname(file)).toContain(id);
    expect(examples.length).toBeGreaterThan(40);
  });
});
