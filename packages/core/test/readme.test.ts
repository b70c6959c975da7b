// The README's code blocks, run as written (so they cannot rot): each ```ts block is transpiled
// with TypeScript, run with `@gradkit/core` bound to this package's sources, and every
// `console.log(...); // <expected>` line must print what its comment says (whitespace ignored).
// The printed claims are then checked against closed forms computed here, independently of the
// library, and the numpy draws quoted in the issue (np.random.seed(0); np.random.randn).
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import { Tensor } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The ```ts blocks under a `## heading` of the README. */
function blocks(heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "## ${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

function show(v: unknown): string {
  if (v instanceof Tensor) return JSON.stringify(v.toArray());
  if (Array.isArray(v)) return `[${v.map(show).join(',')}]`;
  return String(v);
}

interface Printed {
  line: string;
  printed: string;
  expected: string;
}

/** Run one block; returns each console.log with the comment on its line. */
function run(code: string): Printed[] {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const lines = code.split('\n').filter((l) => l.startsWith('console.log('));
  const out: string[] = [];
  const fakeConsole = { log: (...args: unknown[]) => out.push(args.map(show).join(' ')) };
  const require = (name: string) => {
    if (name !== '@gradkit/core') throw new Error(`README imports ${name}`);
    return core;
  };
  new Function('require', 'exports', 'console', js)(require, {}, fakeConsole);
  expect(out.length, 'one printed line per console.log line').toBe(lines.length);
  return lines.map((line, i) => ({
    line,
    printed: out[i]!,
    expected: line.slice(line.lastIndexOf('// ') + 3),
  }));
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('README', () => {
  it('Example: prints what its comments say, and that equals numpy / the closed forms', () => {
    const [example] = blocks('Example');
    const printed = run(example!);
    for (const p of printed) expect(squash(p.printed), p.line).toBe(squash(p.expected));
    // np.random.seed(0); np.random.randn(3, 2) (the values quoted in the issue)
    const X = [
      [1.764052345967664, 0.4001572083672233],
      [0.9787379841057392, 2.240893199201458],
      [1.8675579901499675, -0.977277879876411],
    ];
    const w = [0.5, -1.0];
    const r = X.map((row) => row[0]! * w[0]! + row[1]! * w[1]!);
    const loss = r.reduce((s, v) => s + v * v, 0) / 3;
    const gw = [0, 1].map((j) => (2 / 3) * r.reduce((s, v, i) => s + v * X[i]![j]!, 0));
    const [lossOut, gradOut] = printed[0]!.printed.split(' [');
    expect(Number(lossOut)).toBeCloseTo(loss, 13);
    const g = JSON.parse(`[${gradOut}`) as number[][];
    expect(g[0]![0]).toBeCloseTo(gw[0]!, 13);
    expect(g[1]![0]).toBeCloseTo(gw[1]!, 13);
    // grad of sum(a * b) with respect to a is b, and to b is a
    expect(squash(printed[1]!.printed)).toBe('[3,4][1,2]');
  });

  it('Autograd: prints what its comments say, and that equals the closed forms', () => {
    const [autograd] = blocks('Autograd');
    const printed = run(autograd!);
    expect(printed).toHaveLength(7);
    for (const p of printed) expect(squash(p.printed), p.line).toBe(squash(p.expected));
    const values = printed.map((p) => p.printed);
    const x = [1, 2, 3];
    expect(values[0]).toBe(JSON.stringify(x.map((v) => 2 * v))); // d/dx sum x^2 = 2x
    expect(values[1]).toBe(JSON.stringify(x.map((v) => 4 * v))); // accumulated twice
    expect(values[2]).toBe('null'); // zeroGrad
    const [w, b] = [1, 2];
    expect(values[3]).toBe(`${(3 * w + b) ** 2} ${6 * (3 * w + b)} ${2 * (3 * w + b)}`);
    expect(values[4]).toBe(String(6 * 2)); // d²t³/dt² = 6t at t = 2
    expect(values[5]).toBe(
      `${JSON.stringify([Math.sin(0), Math.sin(1)])} [${JSON.stringify([Math.cos(0), Math.cos(1)])}]`,
    );
    expect(values[6]).toBe('true');
  });
});
