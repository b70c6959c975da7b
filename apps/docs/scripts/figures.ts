// Renders every lesson figure (each lesson's figures.ts, through the @gradkit/course registry) in Node at build time — the same @gradkit/plot code the pages run
// in the browser, through @gradkit/plot/node (linkedom for the SVG, resvg for the PNG) — into
// public/figures/<name>.svg and .png, the files behind each figure's download links, and a small
// PNG of each lesson's first figure, public/figures/thumbs/<lesson>.png, for the lesson cards.
// Run by build.mjs: node --conditions=@gradkit/source --import tsx scripts/figures.ts
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '@gradkit/core/node';
import { renderSvg, toPng } from '@gradkit/plot/node';
import { lessons } from '@gradkit/course';
import { figureOwners, loadFigure } from '../.vitepress/theme/figures';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'figures');
mkdirSync(out, { recursive: true });
const t0 = performance.now();
const names = [...figureOwners().keys()];
const svgs = new Map<string, string>();
for (const name of names) {
  const svg = renderSvg(await loadFigure(name));
  svgs.set(name, svg);
  writeFileAtomic(join(out, `${name}.svg`), svg);
  writeFileAtomic(join(out, `${name}.png`), toPng(svg, { scale: 2 }));
}
// 320 px wide (shown at 160 CSS px, sharp on 2x screens), a few kB to tens of kB each
mkdirSync(join(out, 'thumbs'), { recursive: true });
for (const lesson of lessons) {
  const first = lesson.figures[0];
  if (first) writeFileAtomic(join(out, 'thumbs', `${lesson.id}.png`), toPng(svgs.get(first)!, { width: 320 }));
}
console.log(
  `figures: ${names.length} SVG + PNG in ${((performance.now() - t0) / 1000).toFixed(1)} s -> public/figures`,
);
