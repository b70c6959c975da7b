import { arange, binnedStatistic, RandomState } from '@gradkit/core';

// Notebook 18.2: a diffusion model of a 1-D mixture of four Gaussians, in one screen. The encoder
// adds noise in T steps; the decoder is one lookup table per step (the mean step from z_t to
// z_{t-1} in bins of 0.01), trained on pairs drawn from q(z_{t-1} | z_t, x) (equation 18.15).
const [T, beta, sigmaT, n] = [100, 0.01511, 0.12288, 20000];
const rng = new RandomState(0);
const [mu, sigma] = [
  [1.5, -0.216, 0.45, -1.875],
  [0.3, 0.15, 0.525, 0.075],
];
const k = rng.choice(4, { size: n, p: [0.2, 0.3, 0.35, 0.15] }).data;
const x = Float64Array.from(rng.standardNormal(n).data, (e, i) => mu[k[i]!]! + sigma[k[i]!]! * e);

const alpha = (t: number) => (1 - beta) ** t;
const bins = arange(-3, 3.01, 0.01); // 600 bins on [-3, 3]
const clip = (v: number) => Math.min(Math.max(v, -3), 3);
const tables: Float64Array[] = [];
for (let t = 1; t <= T; t++) {
  const eps = rng.standardNormal(n).data;
  const zt = x.map((xi, i) => eps[i]! * Math.sqrt(1 - alpha(t)) + xi * Math.sqrt(alpha(t)));
  const eps2 = t > 1 ? rng.standardNormal(n).data : null;
  const cStd = Math.sqrt((beta * (1 - alpha(t - 1))) / (1 - alpha(t)));
  const prev = x.map((xi, i) => {
    if (!eps2) return xi; // z_0 is x
    const mean =
      ((1 - alpha(t - 1)) / (1 - alpha(t))) * Math.sqrt(1 - beta) * zt[i]! +
      ((Math.sqrt(alpha(t - 1)) * beta) / (1 - alpha(t))) * xi;
    return eps2[i]! * cStd + mean;
  });
  const z = zt.map(clip);
  const step = prev.map((p, i) => clip(p) - z[i]!);
  const sum = binnedStatistic(z, step, { statistic: 'sum', bins }).statistic.data;
  const count = binnedStatistic(z, step, { statistic: 'count', bins }).statistic.data;
  tables.push(Float64Array.from(sum, (s, b) => s / (count[b]! + 1)));
}

// sampling (equation 18.16): from pure noise at z_T, one table lookup and a little noise per step
let z = rng.standardNormal(n).data as Float64Array;
for (let t = T; t > 0; t--) {
  const noise = rng.standardNormal(n).data;
  z = z.map(
    (v, i) =>
      v + tables[t - 1]![Math.min(Math.max(Math.floor((v + 3) / 0.01), 0), 599)]! + noise[i]! * sigmaT,
  );
}
const share = (v: Float64Array, lo: number, hi: number) =>
  (100 * v.filter((u) => u >= lo && u < hi).length) / n;
for (const [lo, hi] of [
  [-2.2, -1.5],
  [-0.6, 0.1],
  [0.1, 1.1],
  [1.1, 2.4],
] as const)
  console.log(
    `[${lo}, ${hi}): data ${share(x, lo, hi).toFixed(1)} %, samples ${share(z, lo, hi).toFixed(1)} %`,
  );
