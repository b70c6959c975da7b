/**
 * Curricula: a `curriculum.json` (a title, the ordered lesson ids, optional extra pages) turned into
 * a course — a static site (one page per lesson: summary, goals, figures, every exercise's prompt
 * and starter, and a form that submits a solution to the grader) and a starter-exercise folder for
 * students (one `<lesson>.ts` per lesson with typed stubs, a README, a package.json and a tsconfig).
 *
 * ```json
 * {
 *   "title": "Likelihoods and optimizers",
 *   "description": "Three weeks of the UDL practicals.",
 *   "lessons": ["loss-i", "gradients-ii", "weight-decay"],
 *   "pages": [{ "title": "Welcome", "file": "welcome.md" }, { "title": "Marking", "markdown": "..." }]
 * }
 * ```
 *
 * `<curriculum>` may also name a built-in curriculum of `@gradkit/course` (`cm20315`, `udl`).
 * Page files are read relative to the curriculum file. The site is built from the lesson registry
 * (`@gradkit/course`) with markdown-it; the reference solutions (`@gradkit/solutions`) are never
 * read, so a course can publish the site and the starters without the answers.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Curriculum, CurriculumPage, Lesson } from '@gradkit/course';
import MarkdownIt from 'markdown-it';
import { UsageError } from '../util.js';
import { GRADE_JS, STYLE_CSS } from './assets.js';

export type { Curriculum, CurriculumPage };

/** What `gradkit curriculum build` reports. */
export interface CurriculumBuildResult {
  title: string;
  out: string;
  lessons: {
    id: string;
    title: string;
    notebook: string;
    exercises: number;
    page: string;
    starter: string | null;
  }[];
  pages: { title: string; page: string }[];
  /** Every file written, relative to `out`. */
  files: string[];
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'page';

/**
 * Read and validate a curriculum: a `curriculum.json` file, or the id of a built-in curriculum
 * (`cm20315`, `udl`). Errors name the field, what was received and what was expected.
 */
export async function readCurriculum(
  file: string,
): Promise<{ curriculum: Curriculum; lessons: Lesson[]; baseDir: string }> {
  const { CurriculumError, curricula, curriculumLessons, parseCurriculum } = await import('@gradkit/course');
  const builtIn = Object.hasOwn(curricula, file) ? curricula[file] : undefined;
  if (builtIn && !existsSync(file))
    return { curriculum: builtIn, lessons: curriculumLessons(builtIn), baseDir: process.cwd() };
  if (!existsSync(file))
    throw new UsageError(
      `<curriculum> expects a curriculum.json file or one of ${Object.keys(curricula).join('|')}, received ${JSON.stringify(file)} (not found)`,
    );
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  try {
    const curriculum = parseCurriculum(value, file);
    return { curriculum, lessons: curriculumLessons(curriculum), baseDir: dirname(resolve(file)) };
  } catch (e) {
    if (e instanceof CurriculumError) throw new UsageError(e.message);
    throw e;
  }
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

function layout(title: string, course: Curriculum, rel: string, body: string, nav: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${rel}assets/style.css">
</head>
<body>
<header class="site"><a class="home" href="${rel}index.html">${esc(course.title)}</a><nav>${nav}</nav></header>
<main>
${body}
</main>
<script type="module" src="${rel}assets/grade.js"></script>
</body>
</html>
`;
}

/** The HTML of one lesson page (`starter`: the lesson's starter file, or null without exercises). */
function lessonPage(
  md: MarkdownIt,
  lesson: Lesson,
  starter: string | null,
  index: number,
  course: Curriculum,
  nav: string,
): string {
  const book = lesson.book ? ` · UDL ${esc(lesson.book.section)}` : '';
  const parts: string[] = [
    `<p class="meta">Lesson ${index + 1} · <code>${esc(lesson.id)}</code> · ${esc(lesson.notebook.title)}${book} · ${lesson.packages.map((p) => esc(p)).join(', ')}</p>`,
    `<h1>${esc(lesson.title)}</h1>`,
    md.render(lesson.summary),
    '<h2>Learning goals</h2>',
    `<ul class="goals">${lesson.goals.map((g) => `<li>${md.renderInline(g)}</li>`).join('')}</ul>`,
  ];
  if (lesson.figures.length)
    parts.push(
      `<p class="meta">Figures (from <code>@gradkit/plot</code>): ${lesson.figures.map((f) => `<code>${esc(f)}</code>`).join(', ')}</p>`,
    );
  if (lesson.exercises.length) {
    parts.push('<h2>Exercises</h2>');
    parts.push(
      `<p>Download the starter file <a class="starter" href="../starter/${esc(lesson.id)}.ts" download>starter/${esc(lesson.id)}.ts</a>, replace the TODOs, then submit it below or grade it locally with <code>pnpm gradkit grade --lesson ${esc(lesson.id)} ${esc(lesson.id)}.ts</code>.</p>`,
    );
    for (const ex of lesson.exercises) {
      parts.push(
        `<section class="exercise" id="${esc(ex.id)}"><h3>${esc(ex.title)}</h3>${md.render(ex.prompt)}<p class="meta">Export <code>${esc(ex.check.export)}</code> from your file.</p></section>`,
      );
    }
    parts.push(`<h3>The starter file</h3><pre><code class="language-ts">${esc(starter ?? '')}</code></pre>`);
    parts.push(
      `<h2>Submit your solution</h2><form class="submit" data-lesson="${esc(lesson.id)}" action="../api/grade"><textarea name="source" spellcheck="false" aria-label="solution for ${esc(lesson.id)}">${esc(starter ?? '')}</textarea><div class="actions"><button type="submit">Grade</button><label>or load a file <input type="file" accept=".ts,.js"></label></div><div class="report" aria-live="polite"></div></form>`,
    );
  } else parts.push('<p class="meta">This lesson has no graded exercises.</p>');
  return layout(`${lesson.title} · ${course.title}`, course, '../', parts.join('\n'), nav);
}

/** The starter folder's README. */
function starterReadme(course: Curriculum, lessons: Lesson[]): string {
  const graded = lessons.filter((l) => l.exercises.length);
  return `# ${course.title}: starter exercises

One file per lesson. Each exports typed stubs that throw \`TODO\`; replace the bodies, then grade a
file against its lesson:

\`\`\`sh
${graded.map((l) => `pnpm gradkit grade --lesson ${l.id} ${l.id}.ts`).join('\n')}
\`\`\`

The grader compiles the file with esbuild, runs it in an isolated worker (time and memory limits)
and checks every exercise against the packages' reference values and randomized cases. A file may
import the \`@gradkit/*\` packages and its own files, nothing else.

| lesson | exercises |
| --- | --- |
${graded.map((l) => `| \`${l.id}\` ${l.title} | ${l.exercises.map((e) => `\`${e.check.export}\``).join(', ')} |`).join('\n')}
`;
}

/**
 * Build the course into `outDir`: `index.html`, `lessons/<id>.html`, `pages/<slug>.html`,
 * `assets/`, `curriculum.json` (the validated curriculum with the lesson summaries, which
 * `gradkit curriculum serve` reads) and `starter/`. The folder is written under a temporary name
 * and renamed into place, replacing an earlier build.
 */
export async function buildCurriculum(
  curriculumFile: string,
  outDir: string,
): Promise<CurriculumBuildResult> {
  const { curriculum, lessons, baseDir } = await readCurriculum(curriculumFile);
  const { summarizeLesson } = await import('@gradkit/course');
  const { starterSource } = await import('@gradkit/course/node');
  const starters = new Map(lessons.map((l) => [l.id, starterSource(l)]));
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  const out = resolve(outDir);
  if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, 'curriculum.json')))
    throw new UsageError(
      `--out ${JSON.stringify(outDir)} is a folder that is not an earlier curriculum build; choose a new or empty folder`,
    );
  // The build goes into a new staging folder beside `out` (a unique name) and replaces `out` only
  // once complete (the earlier build is moved aside, then removed): a failed build leaves an
  // earlier one as it was. Files inside the staging folder are plain writes (`writeFileAtomic` is
  // for single files in place; nothing reads this folder before the rename).
  mkdirSync(dirname(out), { recursive: true });
  const tmp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(tmp);
  const files: string[] = [];
  const write = (rel: string, text: string) => {
    const path = join(tmp, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    files.push(rel);
  };
  const pages = (curriculum.pages ?? []).map((p) => {
    const text = p.markdown ?? readFileSync(resolve(baseDir, p.file!), 'utf8');
    return { ...p, slug: p.slug ?? slugify(p.title), text };
  });
  const nav = (rel: string) =>
    [
      ...lessons.map((l, i) => `<a href="${rel}lessons/${esc(l.id)}.html">${i + 1}. ${esc(l.id)}</a>`),
      ...pages.map((p) => `<a href="${rel}pages/${esc(p.slug)}.html">${esc(p.title)}</a>`),
    ].join('');
  try {
    const home = [
      `<h1>${esc(curriculum.title)}</h1>`,
      curriculum.description ? md.render(curriculum.description) : '',
      '<h2>Lessons</h2>',
      `<ol class="lessons">${lessons
        .map(
          (l) =>
            `<li><a href="lessons/${esc(l.id)}.html">${esc(l.title)}</a> <span class="meta">${esc(l.notebook.title)} · ${l.exercises.length} exercise${l.exercises.length === 1 ? '' : 's'}</span></li>`,
        )
        .join('')}</ol>`,
      pages.length
        ? `<h2>More</h2><ul class="pages">${pages.map((p) => `<li><a href="pages/${esc(p.slug)}.html">${esc(p.title)}</a></li>`).join('')}</ul>`
        : '',
      '<p class="meta">Starter files for every lesson: <a href="starter/README.md">starter/</a>.</p>',
    ].join('\n');
    write('index.html', layout(curriculum.title, curriculum, '', home, nav('')));
    lessons.forEach((l, i) =>
      write(`lessons/${l.id}.html`, lessonPage(md, l, starters.get(l.id) ?? null, i, curriculum, nav('../'))),
    );
    for (const p of pages)
      write(
        `pages/${p.slug}.html`,
        layout(`${p.title} · ${curriculum.title}`, curriculum, '../', md.render(p.text), nav('../')),
      );
    write('assets/style.css', STYLE_CSS);
    write('assets/grade.js', GRADE_JS);
    write(
      'curriculum.json',
      `${JSON.stringify({ ...curriculum, pages: pages.map(({ title, slug }) => ({ title, slug })), lessonSummaries: lessons.map(summarizeLesson) }, null, 2)}\n`,
    );
    // The students' folder.
    const graded = lessons.filter((l) => l.exercises.length);
    for (const l of graded) write(`starter/${l.id}.ts`, starters.get(l.id)!);
    write('starter/README.md', starterReadme(curriculum, lessons));
    const packages = [
      ...new Set(
        graded.flatMap((l) =>
          [...starters.get(l.id)!.matchAll(/from '(@gradkit\/[a-z-]+)'/g)].map((m) => m[1]!),
        ),
      ),
    ].sort();
    write(
      'starter/package.json',
      `${JSON.stringify({ name: `${slugify(curriculum.title)}-exercises`, private: true, type: 'module', dependencies: Object.fromEntries(packages.map((p) => [p, '*'])) }, null, 2)}\n`,
    );
    write(
      'starter/tsconfig.json',
      `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true }, include: ['*.ts'] }, null, 2)}\n`,
    );
    const previous = existsSync(out) ? `${tmp}.previous` : undefined;
    if (previous) renameSync(out, previous);
    try {
      renameSync(tmp, out);
    } catch (e) {
      if (previous) renameSync(previous, out);
      throw e;
    }
    if (previous) rmSync(previous, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return {
    title: curriculum.title,
    out,
    lessons: lessons.map((l) => ({
      id: l.id,
      title: l.title,
      notebook: l.notebook.file,
      exercises: l.exercises.length,
      page: `lessons/${l.id}.html`,
      starter: l.exercises.length ? `starter/${l.id}.ts` : null,
    })),
    pages: pages.map((p) => ({ title: p.title, page: `pages/${p.slug}.html` })),
    files: files.sort(),
  };
}
