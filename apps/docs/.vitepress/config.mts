import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import { readCourse, readSite } from './course';
import { ISOLATION_HEADERS, REGISTER_ISOLATION } from './isolation';
import { markdown } from './markdown';

const here = dirname(fileURLToPath(import.meta.url));
// Workspace packages resolve to their TypeScript sources (no build step), as in the tests.
const conditions = ['@gradkit/source', 'module', 'browser', 'import', 'default'];
const course = readCourse();
// a curriculum's site (scripts/build.mjs --curriculum): its lessons and extra pages, no API reference
const site = readSite();
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

/** VitePress's heading ids (@mdit-vue/shared's slugify), so search results link to the sections. */
const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]/g, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the slugify rule strips control characters
    .replace(/[\u0000-\u001f]/g, '')
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase();

/** Markdown as the words a search should find: no tags, fences, emphasis or link targets. */
const searchableText = (md: string) =>
  md
    .replace(/caption="([^"]*)"/g, ' $1 ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/```\w*|:::\s*\w*/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The search sections of a lesson page. Lesson pages are dynamic routes (lessons/[id].md, their
 * text from course.json), which VitePress's local search cannot read from disk, so without this
 * no lesson would be found; an alias page (a redirect) gets none.
 */
function lessonSections(file: string): { anchor: string; titles: string[]; text: string }[] | null {
  const m = /[\\/]lessons[\\/]([^\\/]+)\.md$/.exec(file);
  if (!m || m[1] === 'index') return null;
  const lesson = course.lessons.find((l) => l.id === m[1]);
  if (!lesson) return course.aliases.some((a) => a.alias === m[1]) ? [] : null;
  const sections: { anchor: string; titles: string[]; text: string }[] = [];
  let parents: string[] = [];
  let current: { level: number; title: string; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    // the exercise editor's section: the file's name and the CLI lines repeat the lesson's id,
    // whose words would rank it first for any search of the lesson's title
    if (current.title === 'Your solution') {
      parents = [...parents.slice(0, current.level), current.title];
      return;
    }
    const titles = [...parents.slice(0, current.level), current.title].filter(Boolean);
    sections.push({ anchor: slugify(current.title), titles, text: searchableText(current.lines.join('\n')) });
    parents = [...parents.slice(0, current.level), current.title];
  };
  let fenced = false;
  for (const line of lesson.page.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const h = fenced ? null : /^(#{1,3}) (.+)$/.exec(line);
    if (h) {
      flush();
      current = { level: h[1]!.length - 1, title: searchableText(h[2]!), lines: [] };
    } else current?.lines.push(line);
  }
  flush();
  return sections;
}

/**
 * A curriculum's site: its title, its home page and sidebar (its lessons in its order, then its
 * extra pages), the pages staged in site.srcDir, built into site.outDir.
 */
const curriculumSite = site && {
  title: site.title,
  description: site.description || `${site.title}: lessons of the gradkit course.`,
  srcDir: site.srcDir,
  outDir: site.outDir,
  cacheDir: site.cacheDir,
  nav: [
    { text: 'Lessons', link: '/' },
    ...site.pages.map((p) => ({ text: p.title, link: `/pages/${p.slug}` })),
  ],
  sidebar: [
    {
      text: site.title,
      items: [
        { text: 'Overview', link: '/' },
        ...site.lessons.map((id, i) => ({
          text: `${i + 1}. ${titles.get(id) ?? id}`,
          link: `/lessons/${id}`,
        })),
      ],
    },
    ...(site.pages.length
      ? [{ text: 'More', items: site.pages.map((p) => ({ text: p.title, link: `/pages/${p.slug}` })) }]
      : []),
  ],
};

export default defineConfig({
  title: curriculumSite?.title ?? 'gradkit',
  description:
    curriculumSite?.description ?? 'Deep learning, from tensors to GPT-2, in TypeScript: the course site.',
  ...(curriculumSite && {
    srcDir: curriculumSite.srcDir,
    outDir: curriculumSite.outDir,
    cacheDir: curriculumSite.cacheDir,
  }),
  lang: 'en',
  cleanUrls: false,
  lastUpdated: false,
  // the app's README is for the repository, not a page of the site
  srcExclude: ['README.md'],
  head: [
    // cross-origin isolation on hosts that cannot send its headers (./isolation.ts): first, so the
    // one reload it may ask for comes before the page's bundles load
    ['script', {}, REGISTER_ISOLATION],
    ['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }],
  ],
  // GitHub's high-contrast light theme: the default one's red and grey tokens fall below WCAG's
  // 4.5:1 on the code background (axe color-contrast)
  // (./markdown.ts, shared with scripts/course.ts, which renders the concept checks' Markdown)
  markdown,
  themeConfig: {
    nav: curriculumSite?.nav ?? [
      { text: 'Lessons', link: '/lessons/' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: curriculumSite?.sidebar ?? {
      // One group per curriculum of @gradkit/course, in its order (a lesson can serve several).
      '/lessons/': [
        { text: 'Lessons', items: [{ text: 'Overview', link: '/lessons/' }] },
        ...course.curricula
          .filter((c) => c.lessons.length)
          .map((c) => ({
            // not collapsible: VitePress makes a collapsible group's header a button around a
            // focusable caret (axe nested-interactive)
            text: c.title,
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
          _splitIntoSections: (file: string) => lessonSections(file),
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
    resolve: {
      conditions,
      // VitePress's search button, with its shortcut keys hidden from screen readers
      // (theme/components/NavBarSearchButton.vue; "overriding internal components")
      alias: [
        {
          find: /^.*\/VPNavBarSearchButton\.vue$/,
          replacement: fileURLToPath(new URL('./theme/components/NavBarSearchButton.vue', import.meta.url)),
        },
      ],
    },
    // the dev and preview servers send the cross-origin-isolation headers themselves (./isolation.ts)
    server: { headers: { ...ISOLATION_HEADERS } },
    preview: { headers: { ...ISOLATION_HEADERS } },
    ssr: { resolve: { conditions, externalConditions: conditions }, noExternal: [/^@gradkit\//] },
    // Workers' assets and chunks named as VitePress names the pages' (assets/[name].[hash].[ext],
    // assets/chunks/[name].[hash].js): a file both use (onnxruntime-web's two 27 MB WebAssembly
    // builds and its 400 kB bundle, which the exercise checker's worker can reach through
    // @gradkit/transformers) is then one file on the site instead of two (138 MB -> 85 MB).
    worker: {
      format: 'es',
      rollupOptions: {
        output: {
          assetFileNames: 'assets/[name].[hash].[ext]',
          chunkFileNames: 'assets/chunks/[name].[hash].js',
        },
      },
    },
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
