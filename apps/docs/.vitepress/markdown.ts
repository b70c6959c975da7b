import type { MarkdownOptions } from 'vitepress';

/**
 * The site's Markdown options: the config's `markdown`, and the renderer scripts/course.ts makes
 * with VitePress's `createMarkdownRenderer` for the HTML it puts in component props (the concept
 * checks' questions), so both render math (`$…$`, MathJax) and code alike. GitHub's high-contrast
 * light theme: the default one's red and grey tokens fall below WCAG's 4.5:1 on the code
 * background (axe color-contrast).
 */
export const markdown: MarkdownOptions = {
  math: true,
  theme: { light: 'github-light-high-contrast', dark: 'github-dark' },
};
