// Writes .vitepress/course.json (generated, gitignored) from the lesson registry of
// @gradkit/course: every lesson's summary and page (its folder's page.md, with `<<< ./example.ts`
// replaced by the example's code), a redirect page for each alias (earlier ids and slugs keep
// working), and the curricula for the sidebar and the lessons index. The page route
// `lessons/[id].md` and the config read it, so the site lists exactly the registry's lessons.
// Run by build.mjs: node --conditions=@gradkit/source --import tsx scripts/course.ts
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { writeFileAtomic } from '@gradkit/core/node';
import { curricula, lessons, summarizeLesson } from '@gradkit/course';
import { exampleSource, lessonFile, pageSource, starterSource } from '@gradkit/course/node';
import { markdown } from '../.vitepress/markdown.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '.vitepress', 'course.json');

/**
 * Lesson text (an exercise's prompt or hint) as Markdown that VitePress renders as written: it
 * compiles the page as a Vue template, where `{{` starts an interpolation, and its attributes
 * plugin (markdown-it-attrs) reads a `{…}` in running text as attributes of the element before it
 * (a hint like "… { const f = … }" became `<p const="" f="" …>`, a build error). Braces in running
 * text become character references; inline code (backticks) and math (`$…$`) keep theirs, except
 * that `{{` is broken up everywhere.
 */
export const vueSafe = (md: string) =>
  md
    .split(/(`+[^`]*?`+|\$[^$\n]+\$)/)
    .map((part, i) =>
      i % 2 === 1
        ? part.replace(/\{\{/g, '&#123;&#123;')
        : part.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;'),
    )
    .join('');

/** A string as a Vue attribute value: no quote, `<`, `&` or `{{` survives encodeURIComponent. */
const attr = (text: string) => encodeURIComponent(text);

/**
 * The lesson's graded exercises (the notebook's TODOs) as a page section: each prompt with its
 * hint, then the editor (`<ExerciseEditor>`, .vitepress/theme/components/ExerciseEditor.vue)
 * holding the starter file, which runs and checks it in the page with the checker of
 * `gradkit grade`, and how to grade the file with the CLI instead.
 */
function exercises(id: string): string {
  const lesson = lessons.find((l) => l.id === id)!;
  const starter = starterSource(lesson);
  if (!lesson.exercises.length || starter === null) return '';
  const list = lesson.exercises.map((e) => ({ id: e.id, title: e.title, export: e.check.export }));
  return [
    '## Exercises',
    '',
    `The notebook's TODOs, graded: write each function in the editor below (the starter file \`${id}.ts\`, typed stubs that throw \`TODO\`), then press **Check**: your browser runs the same checks as \`gradkit grade\`, the notebook's values and randomized cases. Your code stays in this browser (saved as you type) until you reset it.`,
    '',
    ...lesson.exercises.flatMap((e, i) => [
      `### ${i + 1}. ${e.title}`,
      '',
      vueSafe(e.prompt),
      '',
      `Export \`${e.check.export}\` from your file.`,
      '',
      '<details><summary>Hint</summary>',
      '',
      vueSafe(e.check.hint),
      '',
      '</details>',
      '',
    ]),
    // the file's name (the lesson id) stays out of the heading: search would rank this heading
    // first for any word of the lesson's title ("cross entropy")
    '### Your solution',
    '',
    `Your file, \`${id}.ts\`:`,
    '',
    `<ExerciseEditor lesson="${attr(id)}" starter="${attr(starter)}" exercises="${attr(JSON.stringify(list))}" />`,
    '',
    '::: details Grading with the CLI',
    '',
    `**Download** saves your file as \`${id}.ts\`; the CLI grades it in a sandbox (or writes the starter file to start from):`,
    '',
    '```sh',
    `pnpm gradkit lessons ${id} --starter ${id}.ts   # writes the starter file`,
    `pnpm gradkit grade --lesson ${id} ${id}.ts       # grades every exercise`,
    '```',
    '',
    ':::',
    '',
  ].join('\n');
}

/**
 * Text as a Vue attribute value by HTML entities (Vue decodes them): a third of
 * {@link attr}'s size for HTML full of MathJax SVG, and no `>` to end a tag early (the search
 * text strips tags, config.mts).
 */
const htmlAttr = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What {@link conceptCheck} needs of a markdown-it renderer. */
export interface MarkdownRenderer {
  render(src: string, env?: object): string;
  renderInline(src: string, env?: object): string;
}

/**
 * The site's Markdown renderer (VitePress's, with the config's options, math included), for HTML
 * handed to components. Loaded on demand: VitePress's Node bundle does not load under vitest.
 */
export async function siteMarkdown(): Promise<MarkdownRenderer> {
  const { createMarkdownRenderer } = await import('vitepress');
  return createMarkdownRenderer(join(dirname(fileURLToPath(import.meta.url)), '..'), markdown, '/');
}

/**
 * The lesson's concept-check questions (its questions.json) as the page section before the
 * exercises: one line on what to do, then `<ConceptCheck>` (.vitepress/theme/components/
 * ConceptCheck.vue) with each question's Markdown rendered to HTML here by the site's renderer,
 * math included. The questions travel URI-encoded in an attribute, so the section's search text
 * (config.mts, lessonSections) is that line alone: the choices and explanations do not crowd the
 * lesson's search results. '' for a lesson without questions.
 */
function conceptCheck(id: string, md: MarkdownRenderer): string {
  const lesson = lessons.find((l) => l.id === id)!;
  if (!lesson.questions.length) return '';
  // attributes in single quotes (markdown-it escapes `"` in text and attribute values, so every
  // `"` of its output delimits an attribute): the HTML needs no escaping inside the JSON string,
  // half the size of the page's math SVG escaped twice
  const singleQuoted = (html: string) => html.trim().replace(/'/g, '&#39;').replace(/"/g, "'");
  const inline = (text: string) => singleQuoted(md.renderInline(text, {}));
  const questions = lesson.questions.map((q) => ({
    question: inline(q.question),
    choices: q.choices.map(inline),
    answer: q.answer,
    explanation: singleQuoted(md.render(q.explanation, {})),
  }));
  const count =
    ['', 'One question', 'Two questions', 'Three questions'][questions.length] ??
    `${questions.length} questions`;
  return [
    '## Check your understanding',
    '',
    `${count} on the ideas of this lesson: choose an answer and press **Check** to see whether it is right, and why. Your answers are kept in this browser.`,
    '',
    `<ConceptCheck lesson="${attr(id)}" questions="${htmlAttr(JSON.stringify(questions))}" />`,
    '',
  ].join('\n');
}

/** The page text with the example's code in place of its include line, then the exercises. */
/**
 * The first sentence of a page's opening italic paragraph names the lesson's sources in the
 * repository's terms (a seed file, a notebook's `.md` name); the reader gets {@link lessonCard}
 * instead. Returns the paragraph's other sentences (kept, still italic) or '' when it had none.
 */
function withoutSourceSentence(paragraph: string): string {
  const body = paragraph.slice(1, -1); // the paragraph without its enclosing `*`
  let depth = 0;
  let code = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '`') code = !code;
    else if (code) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '.' && depth === 0 && (i + 1 === body.length || /\s/.test(body[i + 1]!))) {
      const rest = body.slice(i + 1).trim();
      return rest ? `*${rest}*` : '';
    }
  }
  return '';
}

/**
 * What a student sees first under the title: what the lesson teaches (its goals), the book
 * section and the original notebook (linked where it is public), the packages it uses and the
 * command that runs it.
 */
function lessonCard(id: string): string {
  const lesson = lessons.find((l) => l.id === id)!;
  const book = lesson.book
    ? `UDL section ${lesson.book.section}, *${lesson.book.title}* ([the book](https://udlbook.github.io/udlbook/))`
    : null;
  const notebook = lesson.notebook.url
    ? `[${lesson.notebook.title}](${lesson.notebook.url})`
    : `${lesson.notebook.title}, a practical of the CM20315 course (University of Bath) that uses the book`;
  const packages = lesson.packages.map((p) => `[\`${p}\`](/api/${p.replace('@gradkit/', '')})`).join(', ');
  return [
    '::: tip What you will learn',
    ...lesson.goals.map((g) => `- ${vueSafe(g)}`),
    '',
    [
      book && `**Book:** ${book}`,
      `**${lesson.notebook.url ? 'Notebook' : 'Practical'}:** ${notebook}`,
      `**Packages:** ${packages}`,
      `**In a terminal:** \`pnpm gradkit run ${id}\``,
    ]
      .filter(Boolean)
      .join('<br>\n'),
    ':::',
  ].join('\n');
}

/** The page's title line, the lesson card, then the page without its source sentence. */
function withLessonCard(id: string, text: string): string {
  const m = /^(# [^\n]+\n)\n(\*[^\n][\s\S]*?\*)\n(?:\n|$)/.exec(text);
  if (!m) throw new Error(`lesson ${id}: page.md must open with its title and an italic source paragraph`);
  const rest = withoutSourceSentence(m[2]!);
  return `${m[1]}\n${lessonCard(id)}\n\n${rest ? `${rest}\n\n` : ''}${text.slice(m[0].length)}`;
}

/** At most this many lines of an example's output are shown (the rest is counted). */
const OUTPUT_LINES = 40;

/**
 * Runs every lesson's example.ts (the code its page shows; only those of the lessons `only` names,
 * when given) in this process and returns what each printed with console.log, formatted as Node
 * prints it. A failing example fails the build.
 */
export async function runExamples(only?: readonly string[]): Promise<Map<string, string>> {
  const outputs = new Map<string, string>();
  const log = console.log;
  for (const lesson of only ? lessons.filter((l) => only.includes(l.id)) : lessons) {
    const file = lessonFile(lesson, 'example.ts');
    if (!file) continue;
    const lines: string[] = [];
    console.log = (...args: unknown[]) => {
      lines.push(format(...args));
    };
    try {
      await import(pathToFileURL(file).href);
    } catch (e) {
      throw new Error(
        `lesson ${lesson.id}: example.ts failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      console.log = log;
    }
    outputs.set(lesson.id, lines.join('\n'));
  }
  return outputs;
}

/** The example's output as a block under its code ('' when it printed nothing). */
function outputBlock(output: string | undefined): string {
  if (!output) return '';
  const lines = output.split('\n');
  const shown = lines.slice(0, OUTPUT_LINES);
  if (lines.length > OUTPUT_LINES) shown.push(`… (${lines.length - OUTPUT_LINES} more lines)`);
  // a fence longer than any run of backticks in the output
  const fence = '`'.repeat(Math.max(3, ...[...output.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `\n\n<p class="example-output-label">Output (printed when this site was built):</p>\n\n${fence}text\n${shown.join('\n')}\n${fence}`;
}

function page(id: string, outputs?: Map<string, string>, md?: MarkdownRenderer): string {
  const text = withLessonCard(id, pageSource(id));
  const example = exampleSource(id);
  const withExample = text.replace(/^<<< \.\/example\.ts\s*$/m, () => {
    if (example === null)
      throw new Error(`lesson ${id}: page.md includes ./example.ts, which does not exist`);
    return `\`\`\`ts\n${example.trimEnd()}\n\`\`\`${outputBlock(outputs?.get(id))}`;
  });
  // the teaching, then the concept checks, then the exercises
  const sections = [md ? conceptCheck(id, md) : '', exercises(id)].filter(Boolean);
  return sections.length ? [withExample.trimEnd(), ...sections].join('\n\n') : withExample;
}

/** A page at an earlier id that sends the reader on to the lesson. */
function redirect(alias: string, id: string, title: string): string {
  return [
    '---',
    `title: ${JSON.stringify(title)}`,
    'search: false',
    'head:',
    `  - - meta`,
    `    - http-equiv: refresh`,
    `      content: ${JSON.stringify(`0; url=./${id}.html`)}`,
    `  - - link`,
    `    - rel: canonical`,
    `      href: ${JSON.stringify(`./${id}.html`)}`,
    '---',
    '',
    `# ${title}`,
    '',
    `This page moved: the lesson \`${alias}\` is now [${title}](./${id}).`,
    '',
  ].join('\n');
}

/**
 * The site's view of the registry: lessons with their pages (with each example's output, when
 * `outputs` from {@link runExamples} is given, and each lesson's concept checks when `md` from
 * {@link siteMarkdown} is: the build always passes both), alias redirects, curricula.
 */
export function courseData(outputs?: Map<string, string>, md?: MarkdownRenderer) {
  return {
    lessons: lessons.map((l) => ({ ...summarizeLesson(l), page: page(l.id, outputs, md) })),
    aliases: lessons.flatMap((l) =>
      l.aliases.map((alias) => ({ alias, id: l.id, page: redirect(alias, l.id, l.title) })),
    ),
    curricula: Object.values(curricula).map((c) => ({
      id: c.id!,
      title: c.title,
      description: c.description ?? '',
      lessons: c.lessons.filter((id) => lessons.some((l) => l.id === id)),
    })),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now();
  const outputs = await runExamples();
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const data = courseData(outputs, await siteMarkdown());
  mkdirSync(dirname(out), { recursive: true });
  writeFileAtomic(out, `${JSON.stringify(data, null, 1)}\n`);
  console.log(
    `course: ${data.lessons.length} lessons (${outputs.size} examples run in ${seconds} s), ${data.aliases.length} aliases -> .vitepress/course.json`,
  );
}
