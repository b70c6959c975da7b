/**
 * `runLesson`: run a lesson's notebook headless (what `gradkit run <id>` does) and return its
 * report and values (see {@link Notebook} for the values' contract).
 */
import { Notebook, type NotebookOptions } from './notebook.js';
import { getLesson } from './registry.js';
import type { Lesson, RunResult } from './types.js';

/**
 * Run the notebook of `lesson` (a lesson or its id/alias). With `options.scale` the result also
 * carries `scale` and the wall time in `seconds`.
 *
 * @example
 *   const { values } = await runLesson('5-1-least-squares-loss');
 *   values['normal_distribution(1,-1,2.3)']; // 0.1189...
 */
export async function runLesson(lesson: Lesson | string, options: NotebookOptions = {}): Promise<RunResult> {
  const l = typeof lesson === 'string' ? getLesson(lesson, 'runLesson') : lesson;
  const nb = new Notebook(options);
  const start = performance.now();
  const mod = await l.notebookModule();
  await mod.run(nb);
  const seconds = (performance.now() - start) / 1000;
  const { report, values } = nb.result();
  const result: RunResult = { lesson: l.id, values, report };
  if (options.scale !== undefined) {
    result.scale = nb.scale;
    result.seconds = Math.round(seconds * 1000) / 1000;
  }
  return result;
}
