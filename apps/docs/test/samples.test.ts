// The code samples shown on the lesson pages (apps/docs/samples/*.ts, included in the pages with
// `<<< @/samples/x.ts`) are type-checked with the docs tsconfig and then run, so they cannot rot.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = join(docs, 'samples');
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const lessonsDir = join(docs, 'lessons');
const pages = readdirSync(lessonsDir).filter((f) => f.endsWith('.md'));

describe('lesson code samples', () => {
  it('every sample is shown on a lesson page and every included sample exists', () => {
    const included = new Set<string>();
    for (const page of pages)
      for (const m of readFileSync(join(lessonsDir, page), 'utf8').matchAll(/^<<< @\/samples\/([\w.-]+)/gm))
        included.add(m[1] as string);
    expect([...included].sort()).toEqual(samples);
  });

  it('type-check with the docs tsconfig (strict)', () => {
    const configPath = join(docs, 'tsconfig.json');
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, docs);
    const program = ts.createProgram({
      rootNames: samples.map((f) => join(samplesDir, f)),
      options: { ...parsed.options, noEmit: true },
    });
    // Only the samples' own diagnostics: the packages are type-checked by their own owners' tests.
    const mine = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => !d.file || d.file.fileName.startsWith(samplesDir))
      .map(
        (d) =>
          `${d.file ? relative(docs, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(mine).toEqual([]);
  }, 300_000); // type-checks the packages' sources the samples import: slow on a loaded machine

  for (const file of samples) {
    it(`runs ${file}`, async () => {
      const lines: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
      try {
        await import(pathToFileURL(join(samplesDir, file)).href);
      } finally {
        spy.mockRestore();
      }
      expect(lines.length, `${file} prints its results`).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toMatch(/NaN|undefined/);
    });
  }
});
