// The lessons' figures, found through the lesson registry of @gradkit/course: each lesson's
// `figures.ts` computes a figure's data with the gradkit packages and returns a @gradkit/plot
// Figure. scripts/figures.ts draws them all when the site is built (the pages read the data it
// writes, /figures/<name>.json, and never run this).
import { lessons } from '@gradkit/course';
import type { Figure } from '@gradkit/plot';

/** Every figure name of the course, with the lesson that draws it. */
export function figureOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const l of lessons)
    for (const name of l.figures) {
      const other = owners.get(name);
      if (other) throw new Error(`figure "${name}" is drawn by two lessons: ${other} and ${l.id}`);
      owners.set(name, l.id);
    }
  return owners;
}

/** Draw the figure `name` (computed by the lesson that owns it). */
export async function loadFigure(name: string): Promise<Figure> {
  const owner = lessons.find((l) => l.figures.includes(name));
  if (!owner?.figureModule) throw new Error(`unknown figure "${name}"`);
  const { figures } = await owner.figureModule();
  const make = figures[name];
  if (!make) throw new Error(`lesson ${owner.id} lists figure "${name}" but its figures.ts does not draw it`);
  return make();
}
