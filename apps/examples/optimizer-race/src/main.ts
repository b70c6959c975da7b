/**
 * The page: pick a surface, press Play and watch the six optimizers race down it. Each runner is
 * an SVG polyline (its trajectory so far) and a dot (its position now); the legend shows each
 * loss at the current step. The step slider scrubs through the 100 updates.
 */

import type { SurfaceName } from '@gradkit/optimizers';
import { type Lane, lossGrid, race, SURFACE_NAMES, toPixels } from './race.js';

const SIZE = 480;
const STEPS = 100;
const SVG = 'http://www.w3.org/2000/svg';

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const select = $<HTMLSelectElement>('#surface');
const slider = $<HTMLInputElement>('#step');
const play = $<HTMLButtonElement>('#play');
const svg = $<SVGSVGElement>('#plot');
const legend = $<HTMLTableSectionElement>('#legend tbody');
const caption = $<HTMLElement>('#caption');

let current: { surface: ReturnType<typeof race>['surface']; lanes: Lane[] } | null = null;
let timer: number | null = null;

/** Brown (low) to cream (high), after the UDL figures' loss colour map. */
function colour(t: number): [number, number, number] {
  const a = [84, 48, 5];
  const b = [246, 232, 195];
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as [number, number, number];
}

function heatmap(): string {
  const n = 96;
  const { surface } = current!;
  const { values, min, max } = lossGrid(surface, n);
  const canvas = document.createElement('canvas');
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const t = max > min ? Math.sqrt((values[i]! - min) / (max - min)) : 0;
    const [r, g, b] = colour(Number.isFinite(t) ? t : 1);
    img.data.set([r, g, b, 255], 4 * i);
  }
  ctx.putImageData(img, 0, 0);
  return canvas.toDataURL();
}

function el(name: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function load(name: SurfaceName): void {
  stop();
  current = race(name, STEPS);
  const { surface, lanes } = current;
  svg.replaceChildren();
  svg.setAttribute('aria-label', `${surface.title}: loss surface with the six optimizers' trajectories`);
  svg.append(
    el('image', { href: heatmap(), x: 0, y: 0, width: SIZE, height: SIZE, preserveAspectRatio: 'none' }),
  );
  const [sx, sy] = toPixels(surface, [surface.init[0], surface.init[1]], SIZE, SIZE);
  svg.append(el('rect', { class: 'start', x: sx - 5, y: sy - 5, width: 10, height: 10 }));
  for (const lane of lanes) {
    const g = el('g', { class: 'lane', 'data-runner': lane.runner.name });
    g.append(el('polyline', { fill: 'none', stroke: lane.runner.color, 'stroke-width': 2, points: '' }));
    g.append(el('circle', { r: 5, fill: lane.runner.color, stroke: 'white', 'stroke-width': 1.5 }));
    svg.append(g);
  }
  caption.textContent = `${surface.title} — start (${surface.init.join(', ')}), learning rate ${surface.lr}, ${STEPS} updates. Source: ${surface.source}`;
  legend.replaceChildren(
    ...lanes.map((lane) => {
      const tr = document.createElement('tr');
      tr.dataset.runner = lane.runner.name;
      tr.innerHTML = `<td><span class="swatch" style="background:${lane.runner.color}"></span>${lane.runner.label}</td><td class="loss"></td><td class="pos"></td>`;
      return tr;
    }),
  );
  show(0);
}

/** Draw every runner's trajectory up to `step` (0 = the start). */
function show(step: number): void {
  if (!current) return;
  const { surface, lanes } = current;
  slider.value = String(step);
  $('#step-label').textContent = `step ${step} / ${STEPS}`;
  lanes.forEach((lane, i) => {
    const g = svg.querySelectorAll('g.lane')[i]!;
    const pts = lane.path.slice(0, step + 1).map((w) => toPixels(surface, w, SIZE, SIZE));
    g.querySelector('polyline')!.setAttribute(
      'points',
      pts.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' '),
    );
    const [cx, cy] = pts[pts.length - 1]!;
    const dot = g.querySelector('circle')!;
    dot.setAttribute('cx', cx.toFixed(2));
    dot.setAttribute('cy', cy.toFixed(2));
    const row = legend.rows[i]!;
    row.querySelector('.loss')!.textContent = lane.loss[step]!.toPrecision(5);
    row.querySelector('.pos')!.textContent =
      `(${lane.path[step]![0].toFixed(3)}, ${lane.path[step]![1].toFixed(3)})`;
  });
  document.body.dataset.step = String(step);
}

function stop(): void {
  if (timer !== null) clearInterval(timer);
  timer = null;
  play.textContent = 'Play';
  play.setAttribute('aria-pressed', 'false');
}

play.addEventListener('click', () => {
  if (timer !== null) return stop();
  let step = Number(slider.value) >= STEPS ? 0 : Number(slider.value);
  play.textContent = 'Pause';
  play.setAttribute('aria-pressed', 'true');
  timer = window.setInterval(() => {
    step++;
    show(step);
    if (step >= STEPS) stop();
  }, 40);
});
slider.addEventListener('input', () => {
  stop();
  show(Number(slider.value));
});
select.addEventListener('change', () => load(select.value as SurfaceName));

for (const name of SURFACE_NAMES) {
  const o = document.createElement('option');
  o.value = name;
  o.textContent = name;
  select.append(o);
}
slider.max = String(STEPS);
svg.setAttribute('viewBox', `0 0 ${SIZE} ${SIZE}`);
load(SURFACE_NAMES[0]!);
document.body.dataset.ready = 'true';
