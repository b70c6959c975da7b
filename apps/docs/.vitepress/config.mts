import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import { readCourse } from './course';

const here = dirname(fileURLToPath(import.meta.url));
// Workspace packages resolve to their TypeScript sources (no build step), as in the tests.
const conditions = ['@gradkit/source', 'module', 'browser', 'import', 'default'];
const course = readCourse();
const titles = new Map(course.lessons.map((l) => [l.id, l.title]));
// written by scripts/api.mjs: each package's page and, for the large ones, its pages per area
const apiSidebar = (() => {
  const file = join(here, '..', 'api', 'sidebar.json');
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as {
    pkg: string;
    link: string;
    topics: { text: string; link: string }[];
  }[];
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
            ...apiSidebar.map((p) =>
              p.topics.length
                ? { text: p.pkg, link: p.link, collapsed: true, items: p.topics }
                : { text: p.pkg, link: p.link },
            ),
          ],
        },
      ],
    },
    outline: [2, 3],
    search: {
      provider: 'local',
      options: {
        miniSearch: {
          searchOptions: {
            // a student searching "cross entropy" wants the lesson before the API entry: lesson
            // sections weigh 4x, API sections 1/4 (VitePress's default boosts stay as they are)
            fuzzy: 0.2,
            prefix: true,
            boost: { title: 4, text: 2, titles: 1 },
            boostDocument: (id: string) => (/\/lessons\//.test(id) ? 4 : /\/api\//.test(id) ? 0.25 : 1),
          },
        },
      },
    },
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
