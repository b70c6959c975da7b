/**
 * `gradkit optimize`: run one optimizer on one of the lessons' 2-D loss surfaces (float64) and
 * print its trajectory, as the gradient-descent-variants seed's `train_curve` records it: entry i
 * is the position (and loss) *before* update i. With `--json` the last stdout line is
 * `{"points": [[x, y, loss], ...]}`. `--plot FILE.svg` writes the loss surface (filled levels in
 * the notebooks' brown colormap) with the trajectory on top.
 *
 * Defaults come from the lessons: the surface's start point and learning rate (pathological:
 * [5, 5], lr 10; steep: [0, 0], lr 0.05; ...), momentum 0.9 for momentum/nesterov, and RMSprop's
 * alpha 0.1 as in the seed (PyTorch's default is 0.99).
 */
import { resolve } from 'node:path';
import { writeFileAtomic } from '@gradkit/core/node';
import { minimize, OPTIMIZER_NAMES, type OptimizerName, SURFACES, type Surface } from '@gradkit/optimizers';
import type { Command } from 'commander';
import {
  type CommonOptions,
  checkOutputFile,
  emitResult,
  log,
  parseInteger,
  parseNumber,
  parseNumberList,
  UsageError,
} from '../util.js';

/** Options of `gradkit optimize`. */
export interface OptimizeOptions extends CommonOptions {
  surface: string;
  optimizer: string;
  lr?: number;
  momentum?: number;
  alpha?: number;
  weightDecay?: number;
  steps: number;
  init?: number[];
  plot?: string;
}

/** The `--json` result: the seed's `train_curve` points. */
export interface OptimizeResult {
  points: number[][];
}

/** Run the optimization (the command's action, callable from tests). */
export function runOptimize(opts: OptimizeOptions): {
  result: OptimizeResult;
  final: number[];
  surface: Surface;
  lr: number;
} {
  const surface = (SURFACES as Record<string, Surface>)[opts.surface];
  if (!surface)
    throw new UsageError(
      `--surface expects one of ${Object.keys(SURFACES).join('|')}, received ${JSON.stringify(opts.surface)}`,
    );
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(opts.optimizer))
    throw new UsageError(
      `--optimizer expects one of ${OPTIMIZER_NAMES.join('|')}, received ${JSON.stringify(opts.optimizer)}`,
    );
  const name = opts.optimizer as OptimizerName;
  if (opts.init && opts.init.length !== 2)
    throw new UsageError(`--init expects two numbers x,y, received ${JSON.stringify(opts.init.join(','))}`);
  const init = opts.init ?? [...surface.init];
  const lr = opts.lr ?? surface.lr;
  const alpha = opts.alpha ?? (name === 'rmsprop' ? 0.1 : undefined);
  log(`optimize: ${name} on ${surface.name} from [${init.join(', ')}], lr ${lr}, ${opts.steps} steps`);
  const t = minimize(surface, init, {
    optimizer: name,
    lr,
    steps: opts.steps,
    ...(opts.momentum !== undefined && { momentum: opts.momentum }),
    ...(alpha !== undefined && { alpha }),
    ...(opts.weightDecay !== undefined && { weightDecay: opts.weightDecay }),
  });
  return { result: { points: t.points }, final: t.final, surface, lr };
}

// The notebooks' brown colormap (my_colormap_vals_hex), sampled at 9 anchors.
const BROWN = ['2a0902', '4e201b', '753a2f', '9b5746', 'be7761', 'da987d', 'edb497', 'f9ceb0', 'ffffe0'].map(
  (h) => [
    Number.parseInt(h.slice(0, 2), 16),
    Number.parseInt(h.slice(2, 4), 16),
    Number.parseInt(h.slice(4, 6), 16),
  ],
);
function colour(u: number): string {
  const x = Math.min(1, Math.max(0, u)) * (BROWN.length - 1);
  const i = Math.min(BROWN.length - 2, Math.floor(x));
  const f = x - i;
  const c = BROWN[i]!.map((v, k) => Math.round(v + (BROWN[i + 1]![k]! - v) * f));
  return `rgb(${c.join(',')})`;
}

/**
 * A small SVG: the loss on a 80×80 grid quantized into 20 filled levels, and the trajectory
 * (green circles joined by a line, as the notebooks' `'go-'`).
 */
export function trajectorySvg(surface: Surface, points: number[][], title: string, size = 480): string {
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  const span = (lo: number, hi: number, vals: number[]): [number, number] => {
    const a = Math.min(lo, ...vals);
    const b = Math.max(hi, ...vals);
    const pad = (b - a) * 0.05 || 1;
    return [a - pad, b + pad];
  };
  const [x0, x1] = span(surface.xRange[0], surface.xRange[1], xs);
  const [y0, y1] = span(surface.yRange[0], surface.yRange[1], ys);
  const n = 80;
  const cell = size / n;
  const vals: number[] = [];
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++)
      vals.push(surface.loss([x0 + ((i + 0.5) * (x1 - x0)) / n, y1 - ((j + 0.5) * (y1 - y0)) / n]));
  const finite = vals.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const levels = 20;
  const rects: string[] = [];
  const levelOf = (v: number) =>
    Number.isFinite(v) ? Math.min(levels, Math.floor(((v - lo) / (hi - lo || 1)) * levels)) : levels;
  for (let j = 0; j < n; j++) {
    // one rect per run of equal level along the row
    for (let i = 0; i < n; ) {
      const level = levelOf(vals[j * n + i]!);
      let k = i + 1;
      while (k < n && levelOf(vals[j * n + k]!) === level) k++;
      rects.push(
        `<rect x="${(i * cell).toFixed(1)}" y="${(j * cell).toFixed(1)}" width="${((k - i) * cell + 0.5).toFixed(1)}" height="${(cell + 0.5).toFixed(1)}" fill="${colour(level / levels)}"/>`,
      );
      i = k;
    }
  }
  const px = (x: number) => (((x - x0) / (x1 - x0)) * size).toFixed(2);
  const py = (y: number) => (((y1 - y) / (y1 - y0)) * size).toFixed(2);
  const path = points.map((p) => `${px(p[0]!)},${py(p[1]!)}`).join(' ');
  const dots = points.map((p) => `<circle cx="${px(p[0]!)}" cy="${py(p[1]!)}" r="2.5"/>`).join('');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + 24}" viewBox="0 0 ${size} ${size + 24}" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<g shape-rendering="crispEdges">${rects.join('')}</g>`,
    `<polyline points="${path}" fill="none" stroke="#00c000" stroke-width="1.5"/>`,
    `<g fill="#00c000">${dots}</g>`,
    `<text x="4" y="${size + 17}" font-family="sans-serif" font-size="13">${esc(title)} — x [${x0.toFixed(2)}, ${x1.toFixed(2)}], y [${y0.toFixed(2)}, ${y1.toFixed(2)}]</text>`,
    '</svg>',
    '',
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('optimize')
    .description(
      "run an optimizer on a lesson's loss surface and print its trajectory (points before each update)",
    )
    .option('--surface <name>', `loss surface: ${Object.keys(SURFACES).join('|')}`, 'pathological')
    .option('--optimizer <name>', `optimizer: ${OPTIMIZER_NAMES.join('|')}`, 'gd')
    .option(
      '--lr <x>',
      "learning rate (default: the surface's lesson value)",
      parseNumber('--lr', { min: 0 }),
    )
    .option(
      '--momentum <x>',
      'momentum (momentum/nesterov default 0.9; rmsprop default 0)',
      parseNumber('--momentum', { min: 0 }),
    )
    .option(
      '--alpha <x>',
      "RMSprop smoothing constant (default 0.1, the seed's value)",
      parseNumber('--alpha', { min: 0 }),
    )
    .option(
      '--weight-decay <x>',
      'weight decay (L2; decoupled for adamw)',
      parseNumber('--weight-decay', { min: 0 }),
    )
    .option('--steps <n>', 'number of updates', parseInteger('--steps', { min: 0, max: 1_000_000 }), 100)
    .option('--init <x,y>', "start point (default: the surface's lesson value)", parseNumberList('--init'))
    .option('--plot <file.svg>', 'write the surface and trajectory as SVG')
    .action((opts: OptimizeOptions) => {
      if (opts.plot !== undefined) checkOutputFile('--plot', opts.plot);
      const { result, final, surface, lr } = runOptimize(opts);
      if (opts.plot) {
        const file = resolve(opts.plot);
        writeFileAtomic(
          file,
          trajectorySvg(
            surface,
            [...result.points, [...final, surface.loss(final)]],
            `${opts.optimizer} on ${surface.title}, lr ${lr}`,
          ),
        );
        log(`wrote ${file}`);
      }
      emitResult(result, opts, (r) => {
        const lines = [
          `${opts.optimizer} on ${surface.title} (lr ${lr}), ${r.points.length} updates`,
          'step            x            y         loss',
        ];
        r.points.forEach((p, i) => {
          if (i % 10 === 0 || i === r.points.length - 1)
            lines.push(`${String(i).padStart(4)} ${p.map((v) => v.toPrecision(8).padStart(12)).join(' ')}`);
        });
        lines.push(
          `final [${final.map((v) => v.toPrecision(8)).join(', ')}], loss ${surface.loss(final).toPrecision(8)}`,
        );
        return lines;
      });
    });
}
