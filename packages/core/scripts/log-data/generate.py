"""Writes packages/core/src/random/log-data.ts: the constants of gradkit's glibc-compatible log.

numpy's legacy Gaussian (polar Box-Muller) calls the C library's log. On Linux that is glibc's
log (glibc >= 2.28), a table-driven algorithm: x = 2^k z, z in [0x1.6p-1, 0x1.6p0) split into
N = 128 subintervals by the top 7 mantissa bits of x - 0x1.6p-1, and for the subinterval holding z

    log(x) = k ln2 + log(c) + log1p(r),   r = z/c - 1 = z * invc - 1 (one fused multiply-add),

with invc ~ 1/c and logc ~ log(c) from a table and log1p(r) from a polynomial; x within ~1/16 of 1
uses a longer polynomial instead. To return the same double as glibc for every input,
src/random/log.ts repeats that evaluation and needs the same constants. This script derives them:

* the table entry of subinterval i: invc is the double, among the 2^30 + 1 doubles within 2^29
  ulps of RN(1/center_i), for which
    1) logc = RN(log(1/invc)) is a multiple of 2^-43 (so that k*ln2hi + logc is exact),
    2) the rounding error of (z - chi - clo), chi + clo = 1/invc, times invc, stays below 2^-66
       for every z of the subinterval (the non-FMA form of r), and
    3) |log(1/invc) - logc| is smallest (it must be below 2^-66);
  the search walks the multiples M of 2^-43 in range, solves exp(-M) in double-double and takes
  the nearest double, then re-checks the winners with mpmath;
* ln2hi = ln 2 rounded to a multiple of 2^-42 (k * ln2hi is exact for |k| < 2^11),
  ln2lo = RN(ln 2 - ln2hi);
* the polynomials: poly.sollya (run with sollya; about 3 minutes).

Usage: python3 generate.py [--poly sollya-output.txt]   (needs numpy, mpmath and, without
--poly, the `sollya` program; Debian: apt-get install sollya, version 8.0 here; about 4 minutes).
Deterministic: running it again rewrites the same file. Check after regenerating:
`node scripts/test.mjs packages/core/test/random.test.ts` compares the log with the C library's
on the fixture samples (tests/fixtures/gen_random.py).
"""

import math
import os
import struct
import subprocess
import sys
from fractions import Fraction as F

import mpmath as mp
import numpy as np

mp.mp.prec = 200
N = 128
OFF = 0x3FE6000000000000  # bits of 0x1.6p-1: z ranges over [OFF, OFF + 2^52) in bit patterns
GRID = 2.0**-43  # logc must be a multiple of this
SPAN = 2**29  # candidates: RN(1/center) +- SPAN ulps
LIMIT = F(1, 2**66)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "random", "log-data.ts")


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def split(a):
    t = 134217729.0 * a
    hi = t - (t - a)
    return hi, a - hi


def two_prod(a, b):
    """a * b = p + e exactly (elementwise, numpy arrays)."""
    p = a * b
    ah, al = split(a)
    bh, bl = split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def dd(x):
    hi = float(x)
    return hi, float(x - hi)


def subinterval(i):
    lo = F(from_bits(OFF + (i << 45)))
    hi = F(from_bits(OFF + ((i + 1) << 45)))  # exclusive
    return lo, hi


def split_error_ok(invc, zlo, zhi):
    """Criterion 2: |RN((z - chi) - clo) - (z - chi - clo)| * invc < 2^-66 for z in [zlo, zhi)."""
    c = 1 / F(invc)
    chi = F(float(c))
    clo = F(float(c - chi))
    ulp_z = F(math.ulp(float(zlo)))
    worst = F(0)
    for z in (zlo, zhi - ulp_z):  # |z - chi - clo| (hence its rounding grid) is largest at an end
        exact = (z - chi) - clo  # z - chi is exact (Sterbenz)
        worst = max(worst, abs(F(float(exact)) - exact))
    return worst * F(invc) < LIMIT


def table_entry(i):
    zlo, zhi = subinterval(i)
    v0 = float(2 / (zlo + zhi))  # RN(1/center)
    u = math.ulp(v0)
    top = -mp.log(mp.mpf(v0) - SPAN * mp.mpf(u))
    bottom = -mp.log(mp.mpf(v0) + SPAN * mp.mpf(u))
    j0 = int(mp.ceil(bottom / GRID))
    j1 = int(mp.floor(top / GRID))
    block = 1024
    step_hi = np.empty(block)
    step_lo = np.empty(block)
    for b in range(block):
        step_hi[b], step_lo[b] = dd(mp.exp(-b * mp.mpf(GRID)))
    found = []
    for start in range(j0, j1 + 1, block):
        base_hi, base_lo = dd(mp.exp(-start * mp.mpf(GRID)))
        p, e = two_prod(np.full(block, base_hi), step_hi)
        e = e + base_hi * step_lo + base_lo * step_hi
        e_hi = p + e  # exp(-M) = e_hi + e_lo, M = (start + b) * 2^-43
        e_lo = e - (e_hi - p)
        t_hi = (e_hi - v0) / u  # exact: e_hi is within 2^-22 of v0, u is a power of two
        t_lo = e_lo / u
        k = np.rint(t_hi + t_lo)
        err = np.abs((t_hi - k) + t_lo) * u / e_hi  # |log(1/invc_k) - M|, to first order
        for b in np.nonzero((err < 2.0**-65) & (np.abs(k) <= SPAN))[0]:
            j = start + int(b)
            if j <= j1:
                found.append((float(err[b]), j, int(k[b])))
    found.sort()
    for _, j, k in found:
        invc = v0 + k * u
        exact = -mp.log(mp.mpf(invc))
        logc = j * GRID
        if float(exact) != logc or abs(exact - logc) >= mp.mpf(2) ** -66:
            continue
        if split_error_ok(invc, zlo, zhi):
            return invc, logc
    raise SystemExit(f"no table entry satisfies the criteria for subinterval {i}")


def ln2_split():
    q = mp.mpf(2) ** -42
    hi = mp.nint(mp.log(2) / q) * q
    return float(hi), float(mp.log(2) - hi)


def polynomials(path):
    if path:
        text = open(path).read()
    else:
        text = subprocess.run(
            ["sollya", os.path.join(HERE, "poly.sollya")],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    groups, cur = {}, None
    for line in text.splitlines():
        line = line.strip()
        if line in ("A", "B"):
            cur = groups.setdefault(line, [])
        elif cur is not None and (line.startswith("0x") or line.startswith("-0x")):
            cur.append(float.fromhex(line))
    if len(groups.get("A", [])) != 5 or len(groups.get("B", [])) != 11:
        raise SystemExit("unexpected sollya output:\n" + text)
    return groups["A"], groups["B"]


def js(v):
    """Shortest decimal that reads back as the same double, and its hex form."""
    return f"{v!r}", v.hex()


def main():
    poly_path = sys.argv[sys.argv.index("--poly") + 1] if "--poly" in sys.argv else None
    a, b = polynomials(poly_path)
    ln2hi, ln2lo = ln2_split()
    rows = []
    for i in range(N):
        invc, logc = table_entry(i)
        rows.append((invc, logc))
        print(i, invc.hex(), logc.hex(), file=sys.stderr)

    out = [
        "// Generated by packages/core/scripts/log-data/generate.py (see its docstring); do not edit.",
        "// Constants of the glibc-compatible log in ./log.ts.",
        "",
    ]
    for name, v in (("LN2HI", ln2hi), ("LN2LO", ln2lo)):
        d, h = js(v)
        out.append(f"export const {name} = {d}; // {h}")
    out.append("")
    out.append("/** log1p(r) = r + A[0] r^2 + ... + A[4] r^6 for |r| <= 0x1.fp-9. */")
    out.append("export const A = [")
    out += [f"  {js(v)[0]}, // {js(v)[1]}" for v in a]
    out.append("] as const;")
    out.append("")
    out.append("/** log(1 + r) = r + B[0] r^2 + ... + B[10] r^12 for r in [-0x1p-4, 0x1.09p-4]. */")
    out.append("export const B = [")
    out += [f"  {js(v)[0]}, // {js(v)[1]}" for v in b]
    out.append("] as const;")
    out.append("")
    out.append("/** Subinterval i: TABLE[2i] = invc ~ 1/c, TABLE[2i + 1] = logc = RN(log(1/invc)). */")
    out.append("export const TABLE = new Float64Array([")
    for i, (invc, logc) in enumerate(rows):
        out.append(f"  {js(invc)[0]}, // {i}: invc {invc.hex()}")
        out.append(f"  {js(logc)[0]}, // {i}: logc {logc.hex()}")
    out.append("]);")
    with open(OUT, "w") as f:
        f.write("\n".join(out) + "\n")
    print("wrote", os.path.relpath(OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
