// Writes .vitepress/course.json (generated, gitignored) from the lesson registry of
// @gradkit/course: every lesson's summary and page (its folder's page.md, with `<<< ./example.ts`
// replaced by the example's code), a redirect page for each alias (earlier ids and slugs keep
// working), and the curricula for the sidebar and the lessons index. The page route
// `lessons/[id].md` and the config read it, so the site lists exactly the registry's lessons.
// Run by build.mjs: node --conditions=@gradkit/source --import tsx scripts/course.ts
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from '@gradkit/core/node';
import { curricula, lessons, summarizeLesson } from '@gradkit/course';
import { exampleSource, pageSource, starterSource } from '@gradkit/course/node';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '.vitepress', 'course.json');

/** Text VitePress compiles as a Vue template: `{{` outside code would start an interpolation. */
const vueSafe = (md: string) => md.replace(/\{\{/g, '&#123;&#123;');

/**
 * The lesson's graded exercises (the notebook's TODOs) as a page section: each prompt with its
 * hint, the starter file, and how to get and grade it with the CLI.
 */
function exercises(id: string): string {
  const lesson = lessons.find((l) => l.id === id)!;
  const starter = starterSource(lesson);
  if (!lesson.exercises.length || starter === null) return '';
  return [
    '## Exercises',
    '',
    `The notebook's TODOs, graded: write each function in the starter file (typed stubs that throw \`TODO\`), then check your file against the notebook's values and randomized cases.`,
    '',
    '```sh',
    `pnpm gradkit lessons ${id} --starter ${id}.ts   # writes the starter file below`,
    `pnpm gradkit grade --lesson ${id} ${id}.ts       # grades every exercise`,
    '```',
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
    `### The starter file (\`${id}.ts\`)`,
    '',
    `\`\`\`ts\n${starter.trimEnd()}\n\`\`\``,
    '',
  ].join('\n');
}

/** The page text with the example's code in place of its include line, then the exercises. */
function page(id: string): string {
  const text = pageSource(id);
  const example = exampleSource(id);
  const withExample = text.replace(/^<<< \.\/example\.ts\s*$/m, () => {
    if (example === null)
      throw new Error(`lesson ${id}: page.md includes ./example.ts, which does not exist`);
    return `\`\`\`ts\n${example.trimEnd()}\n\`\`\``;
  });
  const section = exercises(id);
  return section ? `${withExample.trimEnd()}\n\n${section}` : withExample;
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

/** The site's view of the registry: lessons with their pages, alias redirects, curricula. */
export function courseData() {
  return {
    lessons: lessons.map((l) => ({ ...summarizeLesson(l), page: page(l.id) })),
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
  const data = courseData();
  mkdirSync(dirname(out), { recursive: true });
  writeFileAtomic(out, `${JSON.stringify(data, null, 1)}\n`);
  console.log(
    `course: ${data.lessons.length} lessons, ${data.aliases.length} aliases -> .vitepress/course.json`,
  );
}
