/**
 * The course's shapes: a {@link Lesson} (one notebook as data: metadata, graded exercises, the
 * notebook's code, figures, page), an {@link Exercise} (one of the notebook's TODOs, checked by
 * {@link CheckSpec}), a {@link Curriculum} (lesson ids in course order) and what a lesson's
 * notebook run returns ({@link RunResult}).
 */
import type { RandomState } from '@gradkit/core';
import type { Figure } from '@gradkit/plot';
import type { Notebook } from './notebook.js';

/** Where a lesson's notebook comes from. */
export interface NotebookSource {
  /**
   * `udlbook`: one of the 68 notebooks of Understanding Deep Learning (`udlbook/<file>`);
   * `seeds`: a course notebook of the CM20315 set and the other seed notebooks (`seeds/<file>`).
   */
  collection: 'udlbook' | 'seeds';
  /** The notebook's file name in its collection, e.g. `9_2_Implicit_Regularization.md`. */
  file: string;
  /** The notebook's own title, e.g. `Notebook 9.2: Implicit Regularization`. */
  title: string;
  /** The original notebook online (the udlbook repository), where there is one. */
  url?: string;
}

/** The section of Understanding Deep Learning (Prince, 2023) a lesson teaches. */
export interface BookSection {
  /** Section number(s), e.g. `9.2` or `5.1–5.3`. */
  section: string;
  /** The section's title in the book. */
  title: string;
}

/** One lesson: a notebook's material as data. Made with {@link defineLesson}. */
export interface Lesson {
  /**
   * The one id everywhere: the lesson's folder (`packages/course/lessons/<id>/`), the docs page
   * (`/lessons/<id>`), `gradkit run <id>`, `gradkit grade --lesson <id>`, curricula. Book notebooks
   * use the notebook's stem in kebab case (`9-2-implicit-regularization`).
   */
  id: string;
  /** Earlier ids and page slugs that still resolve to this lesson (links and commands keep working). */
  aliases: string[];
  title: string;
  notebook: NotebookSource;
  book?: BookSection;
  /** The `@gradkit/*` packages the lesson's code uses, the one it teaches first. */
  packages: string[];
  /** A short Markdown introduction. */
  summary: string;
  goals: string[];
  /** Names of the lesson's figures (keys of its `figures.ts`). */
  figures: string[];
  exercises: Exercise[];
  /**
   * The page's concept-check questions ("Check your understanding"), 2 or 3 per lesson: the
   * lesson folder's `questions.json`, checked by {@link defineLesson}.
   */
  questions: ConceptQuestion[];
  /** Functions the exercises hand to the student's code as arguments (see {@link HarnessCall}). */
  harness?: Harness;
  /** The notebook translated to library calls (`notebook.ts`), loaded on demand. */
  notebookModule: () => Promise<NotebookModule>;
  /** The figures' data specs (`figures.ts`), loaded on demand. */
  figureModule?: () => Promise<FigureModule>;
  /** The lesson's section of `gradkit demo` (`demo.ts`), loaded on demand. */
  demoModule?: () => Promise<DemoModule>;
}

/** A lesson's `notebook.ts`: `run` executes the notebook headless (see {@link Notebook}). */
export interface NotebookModule {
  run(nb: Notebook): void | Promise<void>;
}

/**
 * A lesson's `figures.ts`: each figure's data, computed with the library, drawn by `@gradkit/plot`
 * (names unique across the course: the site's `<PlotFigure name="…">` finds them by name).
 */
export interface FigureModule {
  figures: Record<string, () => Figure | Promise<Figure>>;
  /**
   * Figures whose data only Node can make (files read with `/node` entries, minutes of training):
   * an app drawing the figures live in a browser skips them. (The course site computes every
   * figure when it is built and ships it as data, `figureToJSON` of `@gradkit/plot`.)
   */
  prerendered?: readonly string[];
}

/** A lesson's `demo.ts`: its section of `gradkit demo`. */
export interface DemoModule {
  section: DemoSection<object>;
}

/** What a demo section may use while it runs. */
export interface DemoContext {
  /** A progress line (stderr in the CLI). */
  log: (...parts: unknown[]) => void;
}

/**
 * One section of `gradkit demo` (a short tour of one lesson): `run` computes the numbers, `render`
 * turns them into report lines; `gradkit demo --json` prints `{"sections": {"<lesson id>": result}}`.
 */
export interface DemoSection<R extends object = object> {
  /** Heading of the report section. */
  title: string;
  /** Earlier `gradkit demo --only` names of this section. */
  aliases?: string[];
  run(ctx: DemoContext): R | Promise<R>;
  render(result: R): string[];
}

/** Keep a section's result type while storing it as `DemoSection<object>`. */
export function defineSection<R extends object>(section: DemoSection<R>): DemoSection<object> {
  return section as unknown as DemoSection<object>;
}

/**
 * One multiple-choice question on a lesson's idea (an item of the lesson's `questions.json`).
 * `question`, `choices` and `explanation` are Markdown (inline `$…$` math allowed).
 */
export interface ConceptQuestion {
  question: string;
  /** 3 to 5 distinct answers. */
  choices: string[];
  /** The 0-based index of the right choice. */
  answer: number;
  /** Why that answer is right and the others are not (shown after an answer is checked). */
  explanation: string;
}

/** One graded exercise (one of the notebook's TODOs). */
export interface Exercise {
  /** Id unique within the lesson, e.g. `normal-pdf`. */
  id: string;
  title: string;
  /** What to write (Markdown). */
  prompt: string;
  check: CheckSpec;
}

/**
 * A function argument handed to the student's code: the lesson's `harness.ts` export `$harness`
 * called with `params`. Cases carry these markers instead of closures so that the grader can
 * rebuild the argument inside its sandbox, where the lesson's reference code never loads.
 */
export interface HarnessCall {
  readonly $harness: string;
  readonly params: readonly unknown[];
}

/** A lesson's harness: factories of the function arguments its exercises pass. */
export type Harness = Record<string, (...params: never[]) => unknown>;

/** One checked call: arguments (data, or {@link HarnessCall} markers) and the reference result. */
export interface CheckCase {
  name: string;
  args: unknown[];
  expected: unknown;
}

/** How an exercise is checked. */
export interface CheckSpec {
  /** The name the student's module must export (a function). */
  export: string;
  /** Fixed cases with reference values computed by the library (the notebook's inputs first). */
  cases: () => CheckCase[];
  /** Randomized property checks: `trials` cases drawn from `RandomState(seed)`. */
  property?: { trials: number; seed: number; generate: (rng: RandomState, trial: number) => CheckCase };
  /** Tolerance: |received − expected| <= atol + rtol·|expected| (defaults 1e-6, 1e-9). */
  rtol?: number;
  atol?: number;
  /**
   * A custom comparison (e.g. a sampled token must be one of the top k). Returns `null` when the
   * received value is right, else a message.
   */
  compare?: (received: unknown, expected: unknown, args: unknown[]) => string | null;
  /** A hint printed with a wrong answer. */
  hint: string;
  /**
   * Library exports that compute this exercise's answer, hidden from a graded submission while
   * this exercise runs (besides any export named like {@link CheckSpec.export}, which is always
   * hidden): `{ '@gradkit/losses': ['normalPdf'] }`.
   */
  reference?: Record<string, string[]>;
}

/** Why an exercise did not pass. */
export type ExerciseStatus = 'pass' | 'fail' | 'error' | 'type' | 'missing' | 'timeout' | 'memory' | 'todo';

/** One failed case. */
export interface CaseFailure {
  case: string;
  args: unknown;
  expected: unknown;
  received: unknown;
  message: string;
}

/** The result of checking one exercise. */
export interface ExerciseReport {
  id: string;
  status: ExerciseStatus;
  passed: number;
  total: number;
  /** The first few failures (at most 3). */
  failures: CaseFailure[];
  /** The exercise's hint when it did not pass; the error message for `error`/`timeout`/`memory`. */
  message?: string;
  hint?: string;
}

/** A curriculum: lesson ids in course order, with optional extra pages (the `curriculum.json` format). */
export interface Curriculum {
  /** A short id for the built-in curricula (`cm20315`, `udl`). */
  id?: string;
  title: string;
  description?: string;
  /** Lesson ids (or aliases) in course order. */
  lessons: string[];
  /** Extra Markdown pages: inline (`markdown`) or a file next to the curriculum file (`file`). */
  pages?: CurriculumPage[];
}

/** One extra page of a curriculum. */
export interface CurriculumPage {
  title: string;
  /** A slug for the URL (default: from the title). */
  slug?: string;
  file?: string;
  markdown?: string;
}

/** What running a lesson's notebook gives (`gradkit run <id> --json`). */
export interface RunResult {
  lesson: string;
  /**
   * Every quantity the notebook prints, plots or asks the student to compute, keyed by the
   * notebook's own top-level variable names, printed expressions (`distance_ratio(x_2D)`) and
   * `<name>#all` lists (see {@link Notebook}).
   */
  values: Record<string, unknown>;
  /** The notebook's printed report, line by line. */
  report: string[];
  /** The iteration-count factor (`--scale`), present when it is not 1. */
  scale?: number;
  /** Wall time of the run in seconds, present when `scale` is. */
  seconds?: number;
}
