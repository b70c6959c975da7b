// Computes every lesson figure (each lesson's figures.ts, through the @gradkit/course registry) in
// Node at build time and writes public/figures/<name>.json, the figure as data (@gradkit/plot's
// figureToJSON), which the pages lay out at their reader's width (PlotFigure.vue); the same figure
// drawn through @gradkit/plot/node (linkedom for the SVG, resvg for the PNG) as <name>.svg and
// .png, the files behind each figure's download links; and a small PNG of each lesson's first
// figure, public/figures/thumbs/<lesson>.png, for the lesson cards.
// `renderFigures` draws a few lessons' figures into another folder (a curriculum's site).
// Run by build.mjs: node --conditions=@gradkit/source --import tsx scripts/figures.ts
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from '@gradkit/core/node';
import { figureToJSON } from '@gradkit/plot';
import { renderSvg, toPng } from '@gradkit/plot/node';
import { type Lesson, lessons } from '@gradkit/course';
import { figureOwners, loadFigure } from '../.vitepress/theme/figures';

/**
 * Render the figures of `lessons` (every lesson of the registry by default) into `out`: each
 * figure's SVG and PNG, and `thumbs/<lesson>.png` for each lesson with a figure. Returns how many
 * figures it drew.
 */
export async function renderFigures(out: string, only: readonly Lesson[] = lessons): Promise<number> {
  mkdirSync(join(out, 'thumbs'), { recursive: true });
  const owners = figureOwners();
  const ids = new Set(only.map((l) => l.id));
  const names = [...owners.keys()].filter((name) => ids.has(owners.get(name)!));
  const svgs = new Map<string, string>();
  for (const name of names) {
    const figure = await loadFigure(name);
    writeFileAtomic(join(out, `${name}.json`), figureToJSON(figure, { precision: 6 }));
    const svg = renderSvg(figure);
    svgs.set(name, svg);
    writeFileAtomic(join(out, `${name}.svg`), svg);
    writeFileAtomic(join(out, `${name}.png`), toPng(svg, { scale: 2 }));
  }
  // 320 px wide (shown at 160 CSS px, sharp on 2x screens), a few kB to tens of kB each
  for (const lesson of only) {
    const first = lesson.figures[0];
    if (first)
      writeFileAtomic(join(out, 'thumbs', `${lesson.id}.png`), toPng(svgs.get(first)!, { width: 320 }));
  }
  return names.length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'figures');
  const t0 = performance.now();
  const count = await renderFigures(out);
  console.log(
    `figures: ${count} JSON + SVG + PNG in ${((performance.now() - t0) / 1000).toFixed(1)} s -> public/figures`,
  );
}
