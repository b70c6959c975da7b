/** The CLI's option parsers and output helpers, in-process. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  emitResult,
  formatTable,
  parseChoiceList,
  parseInteger,
  parseNumber,
  parseNumberList,
  parsePositive,
  UsageError,
} from '../src/util.js';

describe('option parsers name the option, the value received and what was expected', () => {
  it('parsePositive', () => {
    expect(parsePositive('--lr')('0.25')).toBe(0.25);
    expect(parsePositive('--lr')('1e-3')).toBe(0.001);
    expect(() => parsePositive('--lr')('abc')).toThrow(
      new UsageError('--lr expects a positive number, received "abc"'),
    );
    expect(() => parsePositive('--lr')('0')).toThrow('--lr expects a positive number, received "0"');
    expect(() => parsePositive('--lr')('')).toThrow('--lr expects a positive number, received ""');
    expect(() => parsePositive('--lr')('Infinity')).toThrow(UsageError);
  });

  it('parseInteger with a range', () => {
    const steps = parseInteger('--steps', { min: 1, max: 1000 });
    expect(steps('20')).toBe(20);
    expect(() => steps('2.5')).toThrow('--steps expects an integer in [1, 1000], received "2.5"');
    expect(() => steps('0')).toThrow('--steps expects an integer in [1, 1000], received "0"');
    expect(() => parseInteger('--seed', { min: 0 })('-1')).toThrow(
      '--seed expects an integer >= 0, received "-1"',
    );
  });

  it('parseNumber with bounds', () => {
    const momentum = parseNumber('--momentum', { min: 0, max: 1 });
    expect(momentum('0.9')).toBe(0.9);
    expect(() => momentum('1.5')).toThrow('--momentum expects a number in [0, 1], received "1.5"');
  });

  it('parseNumberList', () => {
    const dims = parseNumberList('--dims', { integer: true, positive: true });
    expect(dims('2, 100,1000')).toEqual([2, 100, 1000]);
    expect(() => dims('2,x')).toThrow(
      '--dims expects a comma-separated list of positive integers, received "2,x" (bad entry "x")',
    );
    expect(() => dims('2,,3')).toThrow('--dims expects a comma-separated list of positive integers');
  });

  it('parseChoiceList', () => {
    const only = parseChoiceList('--only', ['a', 'b']);
    expect(only('b,a')).toEqual(['b', 'a']);
    expect(() => only('c')).toThrow('--only expects a comma-separated list of "a", "b", received "c"');
  });
});

describe('output helpers', () => {
  afterEach(() => vi.restoreAllMocks());

  function capture(fn: () => void): string {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    fn();
    vi.restoreAllMocks();
    return out;
  }

  it('emitResult prints one JSON line with --json (typed arrays as arrays)', () => {
    const out = capture(() => emitResult({ a: 1, v: new Float64Array([0.5, 2]) }, { json: true }));
    expect(out).toBe('{"a":1,"v":[0.5,2]}\n');
  });

  it('emitResult uses the renderer without --json', () => {
    const out = capture(() => emitResult({ a: 1.5 }, {}, (r) => [`a is ${r.a}`, 'done']));
    expect(out).toBe('a is 1.5\ndone\n');
  });

  it('formatTable aligns columns, numbers to the right', () => {
    expect(
      formatTable([
        { dims: 2, volume: 0.7853981633974483 },
        { dims: 10, volume: 0.0024903945701927 },
      ]),
    ).toEqual(['dims      volume', '   2    0.785398', '  10  0.00249039']);
  });
});
