// Renders every lesson figure in Node at build time — the same @gradkit/plot code the pages run
// in the browser, through @gradkit/plot/node (linkedom for the SVG, resvg for the PNG) — into
// public/figures/<name>.svg and .png, the files behind each figure's download links.
// Run by build.mjs: node --conditions=@gradkit/source --import tsx scripts/figures.ts
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSvg, toPng } from '@gradkit/plot/node';
import { figures } from '../.vitepress/theme/figures';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'figures');
mkdirSync(out, { recursive: true });
const write = (file: string, data: string | Buffer) => {
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
};
const t0 = performance.now();
for (const [name, make] of Object.entries(figures)) {
  const svg = renderSvg(await make());
  write(join(out, `${name}.svg`), svg);
  write(join(out, `${name}.png`), toPng(svg, { scale: 2 }));
}
console.log(
  `figures: ${Object.keys(figures).length} SVG + PNG in ${((performance.now() - t0) / 1000).toFixed(1)} s -> public/figures`,
);
