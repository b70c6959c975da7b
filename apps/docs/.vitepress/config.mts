import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import { readCourse } from './course';

const here = dirname(fileURLToPath(import.meta.url));
// Workspace packages resolve to their TypeScript sources (no build step), as in the tests.
const conditions = ['@gradkit/source', 'module', 'browser', 'import', 'default'];
const course = readCourse();
const titles = new Map(course.lessons.map((l) => [l.id, l.title]));
const apiPages = (() => {
  try {
    return readdirSync(join(here, '..', 'api'))
      .filter((f) => f.endsWith('.md') && f !== 'index.md')
      .map((f) => f.replace(/\.md$/, ''))
      .sort();
  } catch {
    return [];
  }
})();

export default defineConfig({
  title: 'gradkit',
  description: 'Deep learning, from tensors to GPT-2, in TypeScript: the course site.',
  lang: 'en',
  cleanUrls: false,
  lastUpdated: false,
  // the app's README is for the repository, not a page of the site
  srcExclude: ['README.md'],
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  markdown: { math: true },
  themeConfig: {
    nav: [
      { text: 'Lessons', link: '/lessons/' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      // One group per curriculum of @gradkit/course, in its order (a lesson can serve several).
      '/lessons/': [
        { text: 'Lessons', items: [{ text: 'Overview', link: '/lessons/' }] },
        ...course.curricula
          .filter((c) => c.lessons.length)
          .map((c) => ({
            text: c.title,
            collapsed: false,
            items: c.lessons.map((id) => ({ text: titles.get(id) ?? id, link: `/lessons/${id}` })),
          })),
      ],
      '/api/': [
        {
          text: 'API reference',
          items: [
            { text: 'Packages', link: '/api/' },
            ...apiPages.map((p) => ({ text: `@gradkit/${p}`, link: `/api/${p}` })),
          ],
        },
      ],
    },
    outline: [2, 3],
    search: { provider: 'local' },
  },
  vite: {
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: conditions }, noExternal: [/^@gradkit\//] },
    worker: { format: 'es' },
    // @gradkit/core instantiates its WebAssembly kernels with a top-level await
    build: { chunkSizeWarningLimit: 4000, target: 'es2022' },
    esbuild: { target: 'es2022' },
    optimizeDeps: {
      exclude: [
        '@gradkit/course',
        '@gradkit/core',
        '@gradkit/nn',
        '@gradkit/losses',
        '@gradkit/optimizers',
        '@gradkit/datasets',
        '@gradkit/conv',
        '@gradkit/plot',
        '@gradkit/transformers',
      ],
    },
  },
});
