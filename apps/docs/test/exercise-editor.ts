// Browser-test helpers for the lesson pages' exercise editor (ExerciseEditor.vue): type a file
// into the editor the way a reader does (select all, then insert the text through the keyboard),
// press Check and read the per-exercise results.
import type { Page } from 'playwright-core';

/** What the results area shows after a Run or Check. */
export interface EditorResult {
  /** The overall state: `pass`, `fail`, `todo`, `error`, `timeout` (Check) or `ran`/`error` (Run). */
  status: string;
  /** One row per exercise of the lesson, in its order. */
  exercises: { title: string; status: string }[];
  /** The summary line and the output / compiler messages shown under the results. */
  summary: string;
  output: string;
}

const EDITOR = '.exercise-editor';

/** Scrolls the exercise editor into view and waits until CodeMirror has replaced the fallback. */
export async function waitForEditor(page: Page): Promise<void> {
  const editor = page.locator(EDITOR).first();
  await editor.waitFor({ timeout: 60_000 });
  await editor.scrollIntoViewIfNeeded();
  await editor.locator('.cm-content').waitFor({ timeout: 60_000 });
}

/** The code the editor saved for its lesson (its localStorage entry), or undefined. */
const storedCode = (page: Page) =>
  page.evaluate((sel) => {
    const lesson = document.querySelector(sel)?.getAttribute('data-lesson');
    try {
      return JSON.parse(localStorage.getItem(`gradkit-exercises:${lesson}`) ?? '{}').code as unknown;
    } catch {
      return undefined;
    }
  }, EDITOR);

/** Replaces the editor's content with `code` from the keyboard (select all, delete, insert text). */
async function replaceFromKeyboard(page: Page, code: string): Promise<void> {
  await waitForEditor(page);
  await page.locator(`${EDITOR} .cm-content`).first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/**
 * Replaces the editor's content with `code` from the keyboard (select all, insert text) and waits
 * until the page saved exactly that text (its localStorage entry for the lesson, written 300 ms
 * after the last change), which also proves the editor holds it.
 */
export async function typeCode(page: Page, code: string): Promise<void> {
  await replaceFromKeyboard(page, code);
  const deadline = Date.now() + 30_000;
  while ((await storedCode(page)) !== code) {
    if (Date.now() > deadline) throw new Error('the exercise editor did not save the typed code within 30 s');
    await page.waitForTimeout(50);
  }
}

/** Presses the editor's `button` (`check` or `run`) and waits for the results it gives. */
export async function pressAndWait(page: Page, button: 'check' | 'run'): Promise<EditorResult> {
  const editor = page.locator(EDITOR).first();
  const results = editor.locator('.ee-results');
  const before = Number(await results.getAttribute('data-runs'));
  await editor.locator(`button.ee-${button}`).click();
  await page.waitForFunction(
    ([sel, n]) => {
      const r = document.querySelector(`${sel} .ee-results`);
      return (
        !!r &&
        Number(r.getAttribute('data-runs')) > (n as number) &&
        !['checking', 'running'].includes(r.getAttribute('data-status') ?? '')
      );
    },
    [EDITOR, before] as const,
    { timeout: 120_000 },
  );
  return readResults(page);
}

/** The results area as it stands. */
export async function readResults(page: Page): Promise<EditorResult> {
  return page
    .locator(`${EDITOR} .ee-results`)
    .first()
    .evaluate((r) => ({
      status: r.getAttribute('data-status') ?? '',
      exercises: Array.from(r.querySelectorAll(':scope > ul > li[data-exercise]')).map((li) => ({
        title: li.querySelector('.ee-title')?.textContent?.trim() ?? '',
        status: li.getAttribute('data-status') ?? '',
      })),
      summary: r.querySelector('.ee-summary')?.textContent?.trim() ?? '',
      output: r.querySelector('.ee-output')?.textContent ?? '',
    }));
}

/**
 * Types `code` into the page's exercise editor (replacing its content), presses Check and waits
 * for the results: the overall status and each exercise's title and status. Check saves the
 * editor's code at once, so this does not wait for the typing's delayed save: it reads what was
 * saved once the results are in, and presses Check again should the editor not have held all of
 * `code` yet when it was pressed (the results are always those of exactly `code`).
 */
export async function checkExerciseInPage(
  page: Page,
  code: string,
): Promise<{ status: string; exercises: { title: string; status: string }[] }> {
  await replaceFromKeyboard(page, code);
  for (let attempt = 1; ; attempt++) {
    const { status, exercises } = await pressAndWait(page, 'check');
    if ((await storedCode(page)) === code) return { status, exercises };
    if (attempt === 5)
      throw new Error('the exercise editor never held the typed code when Check was pressed');
    await page.waitForTimeout(100);
  }
}
