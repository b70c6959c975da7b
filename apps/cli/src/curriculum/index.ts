/**
 * Curricula: a `curriculum.json` (a title, the ordered lesson ids, optional extra pages) turned into
 * a course — the course site itself restricted to the curriculum (the docs app's build,
 * `apps/docs/scripts/build.mjs --curriculum`: the same lesson pages with their figures, demos,
 * in-page exercises and search, for the chosen lessons in the chosen order, plus the extra pages)
 * and a starter-exercise folder for students (one `<lesson>.ts` per lesson with typed stubs, a
 * README, a package.json and a tsconfig).
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
 * Page files are read relative to the curriculum file. The reference solutions
 * (`@gradkit/solutions`) are never read, so a course can publish the site and the starters without
 * the answers.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Curriculum, CurriculumPage, Lesson } from '@gradkit/course';
import { UsageError } from '../util.js';

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
    /** The lesson's page, relative to `out` (null when the site was not built: `site: false`). */
    page: string | null;
    starter: string | null;
  }[];
  pages: { title: string; page: string | null }[];
  /** Every file written, relative to `out`. */
  files: string[];
  /** Seconds the site's build took (0 without the site). */
  siteSeconds: number;
}

/** Options of {@link buildCurriculum}. */
export interface CurriculumBuildOptions {
  /** Build the site (default true); false writes only `curriculum.json` and `starter/`. */
  site?: boolean;
  /** Where the site build's progress goes (default: this process's stderr). */
  log?: (text: string) => void;
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

/**
 * The course site's build (`apps/docs/scripts/build.mjs` of this repository): the curriculum's site
 * is the course site restricted to it, so it needs the docs app beside the CLI.
 */
function siteBuildScript(): string {
  const script = fileURLToPath(new URL('../../../docs/scripts/build.mjs', import.meta.url));
  if (!existsSync(script))
    throw new UsageError(
      `gradkit curriculum build builds the site with the course site's sources (apps/docs of the gradkit repository), expected at ${script}, not found; --no-site writes the starter folder alone`,
    );
  return script;
}

/** Run the site build into `out`; rejects with the build's last lines when it fails. */
function buildSite(spec: string, out: string, log: (text: string) => void): Promise<void> {
  const script = siteBuildScript();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, '--curriculum', spec, '--out', out], {
      cwd: dirname(dirname(script)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const onData = (chunk: Buffer) => {
      const text = String(chunk);
      tail = (tail + text).slice(-4000);
      log(text);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (code === 0) done();
      else
        fail(
          new Error(
            `the curriculum's site build (${script} --curriculum) failed (${signal ?? `exit ${code}`}):\n${tail.trimEnd()}`,
          ),
        );
    });
  });
}

/** Every file under `dir`, relative to it. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? walk(path, base) : [relative(base, path).replaceAll('\\', '/')];
  });
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
 * Build the course into `outDir`: the curriculum's site (`index.html`, `lessons/<id>.html`,
 * `pages/<slug>.html`, `figures/`, `assets/`: the course site's build, see the module comment;
 * skipped with `site: false`), `curriculum.json` (the validated curriculum with the lesson
 * summaries, which `gradkit curriculum serve` reads) and `starter/`. The folder is written under a
 * temporary name and renamed into place, replacing an earlier build.
 */
export async function buildCurriculum(
  curriculumFile: string,
  outDir: string,
  options: CurriculumBuildOptions = {},
): Promise<CurriculumBuildResult> {
  const site = options.site ?? true;
  const log = options.log ?? ((text: string) => process.stderr.write(text));
  const { curriculum, lessons, baseDir } = await readCurriculum(curriculumFile);
  const { summarizeLesson } = await import('@gradkit/course');
  const { starterSource } = await import('@gradkit/course/node');
  const starters = new Map(lessons.map((l) => [l.id, starterSource(l)]));
  const out = resolve(outDir);
  if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, 'curriculum.json')))
    throw new UsageError(
      `--out ${JSON.stringify(outDir)} is a folder that is not an earlier curriculum build; choose a new or empty folder`,
    );
  // the extra pages, checked before the site's build (which names them the same way)
  const slugs = new Set<string>();
  const pages = (curriculum.pages ?? []).map((p, i) => {
    const slug = p.slug ?? slugify(p.title);
    if (slugs.has(slug))
      throw new UsageError(
        `${curriculumFile}: "pages"[${i}] has the slug ${JSON.stringify(slug)} of an earlier page; give it another title or a "slug"`,
      );
    slugs.add(slug);
    if (p.file !== undefined && !existsSync(resolve(baseDir, p.file)))
      throw new UsageError(
        `${curriculumFile}: "pages"[${i}].file expects a Markdown file relative to the curriculum, received ${JSON.stringify(p.file)} (${resolve(baseDir, p.file)} does not exist)`,
      );
    return { title: p.title, slug };
  });
  const spec = existsSync(curriculumFile) ? resolve(curriculumFile) : curriculumFile;
  if (site) siteBuildScript();
  // The build goes into a new staging folder beside `out` (a unique name) and replaces `out` only
  // once complete (the earlier build is moved aside, then removed): a failed build leaves an
  // earlier one as it was. Files inside the staging folder are plain writes (`writeFileAtomic` is
  // for single files in place; nothing reads this folder before the rename).
  mkdirSync(dirname(out), { recursive: true });
  const tmp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(tmp);
  const write = (rel: string, text: string) => {
    const path = join(tmp, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  let siteSeconds = 0;
  let files: string[];
  try {
    if (site) {
      const t0 = performance.now();
      await buildSite(spec, tmp, log);
      siteSeconds = (performance.now() - t0) / 1000;
    }
    write(
      'curriculum.json',
      `${JSON.stringify({ ...curriculum, pages, lessonSummaries: lessons.map(summarizeLesson) }, null, 2)}\n`,
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
    files = walk(out);
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
      page: site ? `lessons/${l.id}.html` : null,
      starter: l.exercises.length ? `starter/${l.id}.ts` : null,
    })),
    pages: pages.map((p) => ({ title: p.title, page: site ? `pages/${p.slug}.html` : null })),
    files: files.sort(),
    siteSeconds,
  };
}
