/**
 * numpy's `str` and `repr` of a float array (`print(a)`, a cell that evaluates to `a`), digit for
 * digit, so that a lesson's report prints what its notebook prints: numpy ≥ 1.14's defaults
 * (`floatmode='maxprec'`, `linewidth=75`, `suppress=False`, sign `'-'`) with the precision of
 * `np.set_printoptions(precision=…)` (default 8). Values are rounded from the double's exact
 * binary value, half to even (numpy's Dragon4, as `pyFormat`); scientific notation when the
 * largest magnitude is ≥ 1e8, the smallest non-zero one < 1e-4 or their ratio > 1000 (numpy's
 * rule); rows wrap at the line width as numpy wraps them. Arrays are printed in full (numpy
 * summarizes arrays of more than 1000 elements with `...`; this does not).
 *
 * @example
 *   numpyStr(tensor([0, 0, 0, 0]));                       // '[0. 0. 0. 0.]'
 *   numpyStr(tensor([[1.23456], [-0.5]]), { precision: 3 }); // '[[ 1.235]\n [-0.5  ]]'
 *   numpyRepr(tensor([0, 2, 4]));                          // 'array([0., 2., 4.])'
 */
import { type Tensor, ValueError } from '@gradkit/core';
import { pyFormat } from './pyformat.js';

/** Print options (numpy's `np.set_printoptions`). */
export interface NumpyPrintOptions {
  /** Digits after the decimal point at most (numpy's `precision`, default 8). */
  precision?: number;
  /** Characters per line before a row wraps (numpy's `linewidth`, default 75). */
  linewidth?: number;
  /**
   * numpy's `floatmode`: `'maxprec'` (default) prints the fewest digits that identify each value,
   * at most `precision`; `'fixed'` always prints exactly `precision` digits.
   */
  floatmode?: 'maxprec' | 'fixed';
}

/** The shortest round-trip digits of x > 0: x = d1.d2d3… × 10^exp. */
function shortest(x: number): { digits: string; exp: number } {
  const [mant, e] = x.toExponential().split('e') as [string, string];
  return { digits: mant.replace('.', ''), exp: Number(e) };
}

/** Dragon4 positional (unique digits, at most `p` after the point, trailing zeros trimmed, keep '.'). */
function positional(x: number, p: number): string {
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  let int: string;
  let frac: string;
  if (ax === 0) {
    int = '0';
    frac = '';
  } else {
    const { digits, exp } = shortest(ax);
    if (digits.length - 1 - exp <= p) {
      if (exp >= 0) {
        int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
        frac = digits.slice(exp + 1);
      } else {
        int = '0';
        frac = '0'.repeat(-exp - 1) + digits;
      }
    } else {
      [int, frac = ''] = pyFormat(`%.${p}f`, ax).split('.') as [string, string?];
    }
    frac = frac.replace(/0+$/, '');
  }
  return `${neg ? '-' : ''}${int}.${frac}`;
}

/** Dragon4 scientific (unique digits, at most `p` after the point): mantissa and exponent. */
function scientific(x: number, p: number): { int: string; frac: string; exp: number } {
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  if (ax === 0) return { int: neg ? '-0' : '0', frac: '', exp: 0 };
  let { digits, exp } = shortest(ax);
  if (digits.length - 1 > p) {
    const [m, e] = pyFormat(`%.${p}e`, ax).split('e') as [string, string];
    digits = m.replace('.', '');
    exp = Number(e);
  }
  return { int: (neg ? '-' : '') + digits[0], frac: digits.slice(1).replace(/0+$/, ''), exp };
}

/** `%.pf` / `%.pe` split as positional/scientific give them (numpy's `floatmode='fixed'`). */
function fixedPositional(x: number, p: number): string {
  const s = pyFormat(`%.${p}f`, x);
  return s.includes('.') ? s : `${s}.`;
}
function fixedScientific(x: number, p: number): { int: string; frac: string; exp: number } {
  const [m, e] = pyFormat(`%.${p}e`, x).split('e') as [string, string];
  const [int, frac = ''] = m.split('.') as [string, string?];
  return { int, frac, exp: Number(e) };
}

/** The element formatter numpy's `FloatingFormat` builds for these values. */

/** The largest of `xs` (-Infinity when empty), in a loop: `Math.max(...xs)` overflows the stack on large arrays. */
function maxOf(xs: readonly number[]): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > m) m = x;
  return m;
}

function floatFormatter(
  values: readonly number[],
  precision: number,
  floatmode: 'maxprec' | 'fixed' = 'maxprec',
): (x: number) => string {
  const fixed = floatmode === 'fixed';
  const sci = fixed ? fixedScientific : scientific;
  const pos = fixed ? fixedPositional : positional;
  for (const v of values)
    if (!Number.isFinite(v))
      throw new ValueError('numpyStr', `only finite values are supported, received ${String(v)}`);
  const nonZero = values.filter((v) => v !== 0).map(Math.abs);
  let expFormat = false;
  if (nonZero.length > 0) {
    const max = maxOf(nonZero);
    const min = -maxOf(nonZero.map((v) => -v));
    expFormat = max >= 1e8 || min < 0.0001 || max / min > 1000;
  }
  if (expFormat) {
    const parts = values.map((v) => sci(v, precision));
    const padLeft = maxOf(parts.map((s) => s.int.length));
    const digits = maxOf(parts.map((s) => s.frac.length));
    const expSize = Math.max(2, maxOf(parts.map((s) => String(Math.abs(s.exp)).length)));
    return (x) => {
      const s = sci(x, fixed ? precision : digits);
      const sign = s.exp < 0 ? '-' : '+';
      return `${s.int.padStart(padLeft)}.${s.frac.padEnd(digits, '0')}e${sign}${String(Math.abs(s.exp)).padStart(expSize, '0')}`;
    };
  }
  const parts = values.map((v) => pos(v, precision).split('.') as [string, string]);
  const padLeft = maxOf(parts.map((s) => s[0].length));
  const padRight = maxOf(parts.map((s) => s[1].length));
  return (x) => {
    const [int, frac] = pos(x, precision).split('.') as [string, string];
    return `${int.padStart(padLeft)}.${frac.padEnd(padRight)}`;
  };
}

/** numpy's `_formatArray`: nested brackets, rows wrapped at `lineWidth`. */
function formatArray(
  data: ArrayLike<number>,
  shape: readonly number[],
  fmt: (x: number) => string,
  lineWidth: number,
  nextLinePrefix: string,
  separator: string,
): string {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const recurse = (offset: number, axis: number, hangingIndent: string, currWidth: number): string => {
    if (axis === shape.length) return fmt(data[offset]!);
    const nextIndent = `${hangingIndent} `;
    const nextWidth = currWidth - 1;
    const n = shape[axis]!;
    let s = '';
    if (axis === shape.length - 1) {
      const elemWidth = currWidth - Math.max(separator.trimEnd().length, 1);
      let line = hangingIndent;
      const extend = (word: string, width: number) => {
        if (line.length + word.length > width && line.length > hangingIndent.length) {
          s += `${line.trimEnd()}\n`;
          line = hangingIndent;
        }
        line += word;
      };
      for (let i = 0; i < n - 1; i++) {
        extend(recurse(offset + i * strides[axis]!, axis + 1, nextIndent, nextWidth), elemWidth);
        line += separator;
      }
      if (n > 0)
        extend(recurse(offset + (n - 1) * strides[axis]!, axis + 1, nextIndent, nextWidth), elemWidth);
      s += line;
    } else {
      const lineSep = `${separator.trimEnd()}${'\n'.repeat(shape.length - axis - 1)}`;
      for (let i = 0; i < n; i++) {
        s += hangingIndent + recurse(offset + i * strides[axis]!, axis + 1, nextIndent, nextWidth);
        if (i < n - 1) s += lineSep;
      }
    }
    return `[${s.slice(hangingIndent.length)}]`;
  };
  return recurse(0, 0, nextLinePrefix, lineWidth);
}

function values(a: Tensor | readonly number[]): { data: number[]; shape: number[]; integer: boolean } {
  if (Array.isArray(a)) return { data: [...(a as number[])], shape: [a.length], integer: false };
  const t = a as Tensor;
  return {
    data: Array.from(t.data as ArrayLike<number>, Number),
    shape: [...t.shape],
    integer: t.dtype === 'int32',
  };
}

/** numpy's `IntegerFormat`: each integer right-aligned to the widest one, sign included. */
function intFormatter(values: readonly number[]): (x: number) => string {
  let width = 0;
  for (const v of values) width = Math.max(width, String(v).length);
  return (x) => String(x).padStart(width);
}

/** The element formatter of an array: integers for an int32 tensor, else numpy's float format. */
function formatter(
  v: { data: number[]; integer: boolean },
  options: NumpyPrintOptions,
): (x: number) => string {
  return v.integer ? intFormatter(v.data) : floatFormatter(v.data, options.precision ?? 8, options.floatmode);
}

/**
 * numpy's `str(a)` (what `print(a)` shows) of a float array or a 0-d array; an int32 tensor
 * prints as numpy prints an integer array (`[[1 3]\n [6 2]]`).
 */
export function numpyStr(a: Tensor | readonly number[], options: NumpyPrintOptions = {}): string {
  const v = values(a);
  const { data, shape } = v;
  const fmt = formatter(v, options);
  if (shape.length === 0) return fmt(data[0]!).trim();
  return formatArray(data, shape, fmt, options.linewidth ?? 75, ' ', ' ');
}

/**
 * numpy's `repr(a)` (what a cell that evaluates to `a` shows): `array([0., 2., 4.])`; an int32
 * tensor as numpy's default integer array, `array([0, 2, 4])` (no `dtype=` suffix).
 */
export function numpyRepr(a: Tensor | readonly number[], options: NumpyPrintOptions = {}): string {
  const v = values(a);
  const { data, shape } = v;
  const fmt = formatter(v, options);
  const prefix = 'array(';
  const body = formatArray(
    data,
    shape,
    fmt,
    (options.linewidth ?? 75) - 1,
    ' '.repeat(prefix.length + 1),
    ', ',
  );
  return `${prefix}${body})`;
}
