// Stages a curriculum's site: the course site's pages for the lessons of one curriculum (an
// educator's curriculum.json or a built-in id), in its order, with its extra pages. Writes, into a
// staging folder (scripts/build.mjs makes it under apps/docs/.curricula/, gitignored, where
// apps/docs/node_modules resolves):
//   course.json   the curriculum's lessons as .vitepress/course.json holds them (their examples
//                 run, their pages' links to other lessons and the API reference made plain text)
//   site.json     the settings .vitepress/config.mts reads (CurriculumSite, .vitepress/course.ts)
//   src/          VitePress's source folder: index.md (the curriculum's home: its lessons as cards
//                 in its order, its extra pages), lessons/[id].md and its paths (the course site's
//                 own), pages/<slug>.md, public/figures (the chosen lessons' figures only)
// The main site's generated files (.vitepress/course.json, public/, .vitepress/dist) are not read
// or written. Run by build.mjs:
//   node --conditions=@gradkit/source --import tsx scripts/curriculum.ts <curriculum> <out> <stage>
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type Curriculum,
  CurriculumError,
  curricula,
  curriculumLessons,
  findLesson,
  type Lesson,
  parseCurriculum,
} from '@gradkit/course';
import type { CourseData, CurriculumSite } from '../.vitepress/course';
import { courseData, runExamples } from './course';
import { renderFigures } from './figures';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A page's slug from its title (`How to submit` → `how-to-submit`). */
export const slugOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'page';

/**
 * Read a curriculum: a curriculum.json file, or the id of a built-in curriculum (`cm20315`, `udl`)
 * when no such file exists. Throws a CurriculumError naming the field, what was received and what
 * was expected; an extra page's file is read relative to the curriculum file.
 */
export function loadCurriculum(spec: string): {
  curriculum: Curriculum;
  lessons: Lesson[];
  pages: { title: string; slug: string; markdown: string }[];
} {
  let curriculum: Curriculum;
  let baseDir = process.cwd();
  if (Object.hasOwn(curricula, spec) && !existsSync(spec)) curriculum = curricula[spec]!;
  else {
    if (!existsSync(spec))
      throw new CurriculumError(
        `<curriculum> expects a curriculum.json file or one of ${Object.keys(curricula).join('|')}, received ${JSON.stringify(spec)} (not found)`,
      );
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(spec, 'utf8'));
    } catch (e) {
      throw new CurriculumError(`${spec}: not valid JSON (${(e as Error).message})`);
    }
    curriculum = parseCurriculum(value, spec);
    baseDir = dirname(resolve(spec));
  }
  const slugs = new Set<string>();
  const pages = (curriculum.pages ?? []).map((p, i) => {
    const slug = p.slug ?? slugOf(p.title);
    if (slugs.has(slug))
      throw new CurriculumError(
        `${spec}: "pages"[${i}] has the slug ${JSON.stringify(slug)} of an earlier page; give it another title or a "slug"`,
      );
    slugs.add(slug);
    let markdown = p.markdown;
    if (markdown === undefined) {
      const file = resolve(baseDir, p.file!);
      if (!existsSync(file))
        throw new CurriculumError(
          `${spec}: "pages"[${i}].file expects a Markdown file relative to the curriculum, received ${JSON.stringify(p.file)} (${file} does not exist)`,
        );
      markdown = readFileSync(file, 'utf8');
    }
    return { title: p.title, slug, markdown };
  });
  return { curriculum, lessons: curriculumLessons(curriculum), pages };
}

/**
 * A lesson page's links as the curriculum's site can follow them: a link to a lesson of the
 * curriculum (by id or earlier id) goes to its page, a link to another lesson or to the API
 * reference (which the curriculum's site does not have) becomes its text.
 */
export function curriculumLinks(md: string, ids: readonly string[]): string {
  return md.replace(
    /\[([^\]]*)\]\(\/(api|lessons)\/([^)#\s]*)(#[^)\s]*)?\)/g,
    (_all, text, kind, path, hash) => {
      if (kind === 'api') return text;
      const lesson = findLesson(path.replace(/\.html$/, ''));
      if (!lesson || !ids.includes(lesson.id)) return text;
      return `[${text}](/lessons/${lesson.id}${hash ?? ''})`;
    },
  );
}

/** Text VitePress compiles as a Vue template: `{{` outside code would start an interpolation. */
function vueSafe(md: string): string {
  let fenced = false;
  return md
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      return fenced ? line : line.replace(/\{\{/g, '&#123;&#123;');
    })
    .join('\n');
}

/** An extra page: its Markdown, under its title when it does not open with a heading. */
function extraPage(title: string, markdown: string): string {
  const text = vueSafe(markdown.trim());
  return `${/^# /.test(text) ? '' : `# ${title}\n\n`}${text}\n`;
}

/** Stage the site of curriculum `spec` (file or id) to be built into `outDir`; see the header. */
export async function stageCurriculum(spec: string, outDir: string, stage: string): Promise<CurriculumSite> {
  const { curriculum, lessons, pages } = loadCurriculum(spec);
  const ids = lessons.map((l) => l.id);
  const src = join(stage, 'src');
  mkdirSync(join(src, 'lessons'), { recursive: true });
  mkdirSync(join(src, 'pages'), { recursive: true });

  const outputs = await runExamples(ids);
  const all = courseData(outputs);
  const course: CourseData = {
    lessons: ids.map((id) => {
      const l = all.lessons.find((x) => x.id === id)!;
      return { ...l, page: curriculumLinks(l.page, ids) };
    }),
    aliases: all.aliases.filter((a) => ids.includes(a.id)),
    curricula: [
      {
        id: curriculum.id ?? slugOf(curriculum.title),
        title: curriculum.title,
        description: curriculum.description ?? '',
        lessons: ids,
      },
    ],
  };
  const site: CurriculumSite = {
    title: curriculum.title,
    description: curriculum.description ?? '',
    srcDir: src,
    outDir: resolve(outDir),
    cacheDir: join(stage, 'cache'),
    course: join(stage, 'course.json'),
    lessons: ids,
    pages: pages.map(({ title, slug }) => ({ title, slug })),
    demos: demoFiles(course),
  };
  writeFileSync(site.course, `${JSON.stringify(course, null, 1)}\n`);
  writeFileSync(join(stage, 'site.json'), `${JSON.stringify(site, null, 1)}\n`);

  // The course site's lesson route, unchanged: its page text from the curriculum's course.json.
  writeFileSync(join(src, 'lessons', '[id].md'), readFileSync(join(docs, 'lessons', '[id].md')));
  const route = relative(join(src, 'lessons'), join(docs, 'lessons', '[id].paths')).replaceAll('\\', '/');
  writeFileSync(
    join(src, 'lessons', '[id].paths.ts'),
    `// The course site's lesson pages (apps/docs/lessons/[id].paths.ts), read from this curriculum's course.json.\nexport { default } from '${route}';\n`,
  );
  for (const p of pages) writeFileSync(join(src, 'pages', `${p.slug}.md`), extraPage(p.title, p.markdown));
  writeFileSync(
    join(src, 'index.md'),
    [
      '---',
      `title: ${JSON.stringify(curriculum.title)}`,
      '---',
      '',
      `# ${vueSafe(curriculum.title)}`,
      '',
      ...(curriculum.description ? [vueSafe(curriculum.description), ''] : []),
      `${ids.length} lesson${ids.length === 1 ? '' : 's'}, in order. Each page has the lesson's figures, its code with the output, its exercises to solve and check in the page and, where marked, a live demo.`,
      '',
      '<LessonGrid />',
      '',
      ...(pages.length
        ? [
            '## More',
            '',
            ...pages.map((p) => `- [${p.title.replace(/[[\]]/g, '\\$&')}](./pages/${p.slug})`),
            '',
          ]
        : []),
    ].join('\n'),
  );
  await renderFigures(join(src, 'public', 'figures'), lessons);
  copyFileSync(join(docs, 'public', 'favicon.svg'), join(src, 'public', 'favicon.svg'));
  // the service worker that gives the pages cross-origin isolation on a static host (.vitepress/isolation.ts)
  copyFileSync(join(docs, 'public', 'coi-sw.js'), join(src, 'public', 'coi-sw.js'));
  return site;
}

/** Which of the demos' files (public/models, public/data) the staged pages need. */
export function demoFiles(course: CourseData): { model: boolean; data: boolean } {
  const pages = course.lessons.map((l) => l.page).join('\n');
  return { model: /<Gpt2Demo\b/.test(pages), data: /<MnistCnnDemo\b/.test(pages) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [spec, out, stage] = process.argv.slice(2);
  if (!spec || !out || !stage) {
    console.error('usage: curriculum.ts <curriculum.json|id> <out> <stage>');
    process.exit(2);
  }
  try {
    const t0 = performance.now();
    const site = await stageCurriculum(spec, out, stage);
    console.log(
      `curriculum: ${site.title}: ${site.lessons.length} lessons, ${site.pages.length} extra pages staged in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } catch (e) {
    if (!(e instanceof CurriculumError)) throw e;
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
}
