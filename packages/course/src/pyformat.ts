/**
 * Python's `%` string formatting (`"%3.3f" % x`, `"%d/%d" % (a, b)`), so a lesson's report prints
 * what its notebook prints, digit for digit: `f`/`F`, `e`/`E`, `g`/`G`, `d`/`i`, `s`, `r`, `%%`,
 * with the flags `-`, `+`, space, `0` and `#`, a width and a precision. Fixed-point and
 * exponent digits are rounded from the double's exact binary value, half to even on an exact tie
 * (as CPython does: `'%.2f' % 0.125` is `0.12`, where `(0.125).toFixed(2)` is `0.13`).
 *
 * @example
 *   pyFormat('Correct answer = %3.3f, Your answer = %3.3f', 0.119, 0.11932);
 *   // 'Correct answer = 0.119, Your answer = 0.119'
 */

/** Python's `repr`/`str` of a number: `1.0` for integral floats, shortest round-trip digits otherwise. */
export function pyStr(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
    // Shortest round-trip digits (as repr), placed as CPython does: fixed for 1e-4 <= |x| < 1e16.
    const [mant, e] = Math.abs(value).toExponential().split('e') as [string, string];
    const digits = mant.replace('.', '');
    const exp = Number(e);
    const sign = value < 0 ? '-' : '';
    if (exp >= -4 && exp < 16) {
      if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
      const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1);
      return `${sign}${int}.${frac || '0'}`;
    }
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(pyStr).join(', ')}]`;
  return String(value);
}

/** The exact decimal expansion of a finite double >= 0 as digits and a point position: x = 0.d1d2… · 10^point. */
function exactDigits(x: number): { digits: string; point: number } {
  if (x === 0) return { digits: '0', point: 1 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  let e = -1074;
  if (exp !== 0) {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  // x = mant · 2^e = mant · 5^-e / 10^-e when e < 0.
  const int = e >= 0 ? mant << BigInt(e) : mant * 5n ** BigInt(-e);
  const s = int.toString();
  const scale = e >= 0 ? 0 : -e; // digits after the decimal point
  const trimmed = s.replace(/^0+/, '');
  return { digits: trimmed.replace(/0+$/, '') || '0', point: trimmed.length - scale };
}

/**
 * Round x = 0.digits · 10^point to `n` digits after the first kept position, half to even on an
 * exact tie; returns the kept digit string (length `keep`, possibly one longer after a carry).
 */
function roundDigits(digits: string, keep: number): string {
  if (keep < 0) return '';
  if (digits.length <= keep) return digits.padEnd(keep, '0');
  const kept = digits.slice(0, keep);
  const rest = digits.slice(keep);
  const first = rest.charCodeAt(0) - 48;
  const tie = first === 5 && /^50*$/.test(rest);
  const lastEven = keep === 0 || (kept.charCodeAt(keep - 1) - 48) % 2 === 0;
  const up = first > 5 || (first === 5 && !tie) || (tie && !lastEven);
  if (!up) return kept;
  if (keep === 0) return '1';
  return (BigInt(kept) + 1n).toString().padStart(keep, '0');
}

/** `x` (finite, >= 0) with `decimals` digits after the point, rounded from its exact value. */
function fixedDigits(x: number, decimals: number): string {
  if (decimals > 100) throw new RangeError(`pyFormat: precision ${decimals} is above 100`);
  const { digits, point } = exactDigits(x);
  // Keep the digits before the point and `decimals` after it.
  const keep = point + decimals;
  let kept: string;
  if (keep < 0) kept = '0';
  else {
    kept = roundDigits(digits, keep);
    if (kept === '') kept = '0';
  }
  // kept is the integer x·10^decimals, rounded.
  const n = kept.replace(/^0+/, '').padStart(decimals + 1, '0');
  return decimals ? `${n.slice(0, n.length - decimals)}.${n.slice(n.length - decimals)}` : n;
}

/** `d.ddde±XX` with `precision` digits after the point, Python style (at least two exponent digits). */
function expDigits(x: number, precision: number): string {
  let exponent = 0;
  let kept = '0'.repeat(precision + 1);
  if (x !== 0) {
    const { digits, point } = exactDigits(x);
    kept = roundDigits(digits, precision + 1);
    exponent = point - 1;
    if (kept.length > precision + 1) {
      kept = kept.slice(0, precision + 1); // 9.99… rounded up to 10.0…: 1.00… with the next exponent
      exponent++;
    }
  }
  const mant = precision ? `${kept[0]}.${kept.slice(1)}` : kept[0]!;
  const sign = exponent < 0 ? '-' : '+';
  return `${mant}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function general(x: number, precision: number, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return alt ? `0.${'0'.repeat(p - 1)}` : '0';
  const e = expDigits(x, p - 1);
  const exponent = Number(e.slice(e.indexOf('e') + 1));
  let s: string;
  if (exponent >= -4 && exponent < p) s = fixedDigits(x, p - 1 - exponent);
  else s = e;
  const [mant, ex] = s.split('e') as [string, string | undefined];
  const kept = alt
    ? mant.includes('.')
      ? mant
      : `${mant}.`
    : mant.includes('.')
      ? mant.replace(/0+$/, '').replace(/\.$/, '')
      : mant;
  s = ex === undefined ? kept : `${kept}e${ex}`;
  return s;
}

function formatNumber(conv: string, value: number, flags: string, precision: number | undefined): string {
  const alt = flags.includes('#');
  let body: string;
  const neg = value < 0 || Object.is(value, -0);
  const x = Math.abs(value);
  if (Number.isNaN(value)) body = 'nan';
  else if (!Number.isFinite(value)) body = 'inf';
  else if (conv === 'd' || conv === 'i') body = BigInt(Math.trunc(x)).toString();
  else if (conv === 'f' || conv === 'F') {
    body = fixedDigits(x, precision ?? 6);
    if (alt && !body.includes('.')) body += '.';
  } else if (conv === 'e' || conv === 'E') body = expDigits(x, precision ?? 6);
  else body = general(x, precision ?? 6, alt);
  if (conv === 'E' || conv === 'G' || conv === 'F') body = body.toUpperCase();
  const negative = conv === 'd' || conv === 'i' ? Math.trunc(value) < 0 : neg && !Number.isNaN(value);
  const sign = negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + body;
}

/**
 * Format like Python's `format % args`. Throws a `TypeError` naming the conversion when an argument
 * is missing, left over, or of the wrong type for it.
 */
export function pyFormat(format: string, ...args: unknown[]): string {
  let next = 0;
  const out = format.replace(
    /%([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*))?([diouxXeEfFgGcrsa%])/g,
    (_m, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const take = () => {
        if (next >= args.length)
          throw new TypeError(`pyFormat: not enough arguments for format string ${JSON.stringify(format)}`);
        return args[next++];
      };
      const w = width === '*' ? Number(take()) : width === undefined ? 0 : Number(width);
      const p = prec === '*' ? Number(take()) : prec === undefined ? undefined : Number(prec);
      const value = take();
      let body: string;
      if (conv === 's' || conv === 'r' || conv === 'a') {
        body = conv === 's' ? pyStr(value) : typeof value === 'string' ? `'${value}'` : pyStr(value);
        if (p !== undefined) body = body.slice(0, p);
      } else if (conv === 'c') body = typeof value === 'number' ? String.fromCodePoint(value) : String(value);
      else {
        const n = typeof value === 'boolean' ? Number(value) : value;
        if (typeof n !== 'number')
          throw new TypeError(
            `pyFormat: %${conv} format: a real number is required, not ${typeof value} (${String(value)})`,
          );
        if ('oxX'.includes(conv)) {
          const base = conv === 'o' ? 8 : 16;
          body = (n < 0 ? '-' : '') + Math.trunc(Math.abs(n)).toString(base);
          if (conv === 'X') body = body.toUpperCase();
        } else if (conv === 'u') body = formatNumber('d', n, flags, p);
        else body = formatNumber(conv, n, flags, p);
      }
      if (body.length >= w) return body;
      if (flags.includes('-')) return body.padEnd(w);
      if (flags.includes('0') && !'srac'.includes(conv)) {
        const sign = /^[-+ ]/.test(body) ? body[0]! : '';
        return sign + body.slice(sign.length).padStart(w - sign.length, '0');
      }
      return body.padStart(w);
    },
  );
  if (next < args.length)
    throw new TypeError(
      `pyFormat: not all arguments converted during string formatting (${JSON.stringify(format)})`,
    );
  return out;
}
