// Renders every lesson figure (each lesson's figures.ts, through the @gradkit/course registry) in Node at build time — the same @gradkit/plot code the pages run
// in the browser, through @gradkit/plot/node (linkedom for the SVG, resvg for the PNG) — into
// public/figures/<name>.svg and .png, the files behind each figure's download links.
// Run by build.mjs: node --conditions=@gradkit/source --import tsx scripts/figures.ts
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '@gradkit/core/node';
import { renderSvg, toPng } from '@gradkit/plot/node';
import { figureOwners, loadFigure } from '../.vitepress/theme/figures';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'figures');
mkdirSync(out, { recursive: true });
const t0 = performance.now();
const names = [...figureOwners().keys()];
for (const name of names) {
  const svg = renderSvg(await loadFigure(name));
  writeFileAtomic(join(out, `${name}.svg`), svg);
  writeFileAtomic(join(out, `${name}.png`), toPng(svg, { scale: 2 }));
}
console.log(
  `figures: ${names.length} SVG + PNG in ${((performance.now() - t0) / 1000).toFixed(1)} s -> public/figures`,
);
