// Legibility check of the course's figures as a browser lays them out: for every
// `svg.gradkit-figure` on a page, each <text> element's box as rendered (its screen box, so the
// SVG's scaling and every transform count) must stay inside its SVG's viewport (and inside every
// nested panel <svg>, which clips what overflows it), must not overlap another text, and must be
// drawn at 11 CSS px or more. Used by figures.test.ts (and the site's end-to-end test).
import type { Page } from 'playwright-core';

/** The smallest text size, in CSS pixels as rendered, a figure may draw. */
export const MIN_FONT_PX = 11;

/**
 * Describes every legibility problem of the figures (`svg.gradkit-figure`) on `page`: a text that
 * overflows its SVG's viewport (or a nested panel's), two texts that overlap by more than 1 px
 * both ways, and a text rendered smaller than {@link MIN_FONT_PX} CSS pixels. Hidden figures (zero
 * size) and empty or invisible texts are skipped. An empty array means every figure is legible.
 *
 * @example
 * expect(await figureTextProblems(page)).toEqual([]);
 */
export async function figureTextProblems(page: Page): Promise<string[]> {
  return page.evaluate((minFont) => {
    const problems: string[] = [];
    const tol = 1;
    const svgs = Array.from(document.querySelectorAll<SVGSVGElement>('svg.gradkit-figure'));
    svgs.forEach((root, index) => {
      const box = root.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return;
      const name =
        root.closest('[data-figure-name]')?.getAttribute('data-figure-name') ??
        `${root.getAttribute('data-figure') ?? 'figure'} #${index + 1}`;
      const texts: { el: SVGTextElement; r: DOMRect; label: string }[] = [];
      for (const el of Array.from(root.querySelectorAll<SVGTextElement>('text'))) {
        const content = el.textContent ?? '';
        if (content.trim() === '') continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0)
          continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        // (no helper functions in here: a bundler's name-keeping wrappers do not exist in the page)
        const flat = content.replace(/\s+/g, ' ').trim();
        const label = JSON.stringify(flat.length > 40 ? `${flat.slice(0, 39)}…` : flat);
        texts.push({ el, r, label });
        // the font size as drawn: the computed size in user units times the screen scale
        const ctm = el.getScreenCTM();
        const scale = ctm ? Math.sqrt(Math.abs(ctm.a * ctm.d - ctm.b * ctm.c)) : 1;
        const px = Number.parseFloat(style.fontSize) * scale;
        if (px < minFont - 0.05)
          problems.push(`${name}: text ${label} is drawn at ${px.toFixed(1)} px (< ${minFont} px)`);
        // inside the root SVG and every nested <svg> (a panel), which clip their content
        for (let v: Element | null = el.parentElement; v; v = v.parentElement) {
          if (v instanceof SVGSVGElement) {
            const b = v.getBoundingClientRect();
            const over = Math.max(b.left - r.left, r.right - b.right, b.top - r.top, r.bottom - b.bottom);
            if (over > tol) {
              const what = v === root ? 'the figure' : 'its panel';
              problems.push(`${name}: text ${label} overflows ${what} by ${over.toFixed(1)} px`);
              break;
            }
          }
          if (v === root) break;
        }
      }
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i] as (typeof texts)[number];
          const b = texts[j] as (typeof texts)[number];
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
          const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (w > tol && h > tol)
            problems.push(
              `${name}: texts ${a.label} and ${b.label} overlap (${w.toFixed(1)} × ${h.toFixed(1)} px)`,
            );
        }
    });
    return problems;
  }, MIN_FONT_PX);
}
