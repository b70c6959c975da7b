/** The shape of one `gradkit demo` section (one lesson). */

/** What a section may use while it runs. */
export interface DemoContext {
  /** Progress line to stderr. */
  log: (...parts: unknown[]) => void;
}

/**
 * One section of `gradkit demo`: reproduces a lesson (a seed notebook) with the library and
 * returns its numbers. `run` computes (logging progress through `ctx.log`), `render` turns the
 * result into the human report; with `--json` the result itself goes into
 * `{"sections": {"<id>": result}}`.
 */
export interface DemoSection<R extends object = object> {
  /** Stable id, used by `--only` and as the key in the JSON output, e.g. `coursework-iv`. */
  id: string;
  /** Heading of the report section. */
  title: string;
  /** The seed notebook it reproduces (file name under ../shared/seeds/). */
  lesson: string;
  run(ctx: DemoContext): R | Promise<R>;
  render(result: R): string[];
}

/** Helper that keeps a section's result type when it is put in the (heterogeneous) list. */
export function defineSection<R extends object>(section: DemoSection<R>): DemoSection<object> {
  return section as unknown as DemoSection<object>;
}
