/**
 * Random numbers (part of `node scripts/bench.mjs core`): the cost of reproducing numpy's
 * Gaussians to the last bit.
 * - log on r² = x1² + x2² inputs (what the polar method feeds it): `glibcLog` (plain operations,
 *   exact fallback when the last bit is in doubt) and `glibcLogExact` (every fused multiply-add
 *   emulated) against V8's `Math.log`, ns per call and ratio;
 * - `randn(10^6)`: RandomState vs numpy's `RandomState(0).randn(10**6)` (when python3 with numpy is
 *   available), ms and ratio.
 */
import { spawnSync } from 'node:child_process';
import { RandomState } from '../src/index.js';
import { glibcLog, glibcLogExact } from '../src/random/log.js';
import { bestSeconds } from './timing.js';

const n = 1 << 16;
const inputs = new Float64Array(n);
const u = new RandomState(3).rand(2 * n).data as Float64Array;
for (let i = 0; i < n; i++) inputs[i] = ((2 * u[2 * i]! - 1) ** 2 + (2 * u[2 * i + 1]! - 1) ** 2) / 2;

let sink = 0;
const perCallNs = (f: (x: number) => number): number =>
  (bestSeconds(
    () => {
      let s = 0;
      for (let i = 0; i < n; i++) s += f(inputs[i]!);
      sink += s;
    },
    150,
    5,
  ) /
    n) *
  1e9;

const mathNs = perCallNs(Math.log);
const fastNs = perCallNs(glibcLog);
const exactNs = perCallNs(glibcLogExact);

function numpyRandnMs(): number | null {
  const py = `
import numpy as np, time
best = 1e9
for r in range(5):
    rs = np.random.RandomState(0); t0 = time.perf_counter(); rs.randn(10**6); best = min(best, time.perf_counter() - t0)
print('%.4f' % (best * 1e3))
`;
  const r = spawnSync('python3', ['-c', py], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}
const oursMs = bestSeconds(() => void new RandomState(0).randn(1_000_000), 200, 5) * 1e3;
const npMs = numpyRandnMs();

console.log('\n## Random numbers: numpy-exact Gaussians');
console.log(`log on r² inputs       ns/call   ÷ Math.log`);
console.log(`Math.log (V8)       ${mathNs.toFixed(1).padStart(9)}   ${(1).toFixed(2).padStart(9)}`);
console.log(
  `glibcLog            ${fastNs.toFixed(1).padStart(9)}   ${(fastNs / mathNs).toFixed(2).padStart(9)}`,
);
console.log(
  `glibcLogExact       ${exactNs.toFixed(1).padStart(9)}   ${(exactNs / mathNs).toFixed(2).padStart(9)}`,
);
console.log(
  `randn(10^6): ${oursMs.toFixed(1)} ms` +
    (npMs === null
      ? ' (numpy not available)'
      : `, numpy ${npMs.toFixed(1)} ms, ratio ${(oursMs / npMs).toFixed(2)}`),
);
if (sink === 42) console.log('');
