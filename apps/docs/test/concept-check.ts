// Browser-test helper for a lesson page's concept checks ("Check your understanding",
// ConceptCheck.vue): answers them the way a reader does and checks what the page says back.
import type { Locator, Page } from 'playwright-core';

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`concept check: ${message}`);
}

/** Waits until VitePress has hydrated the page (before that, a click does nothing). */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(
    () => Boolean((document.querySelector('#app') as { __vue_app__?: unknown } | null)?.__vue_app__),
    null,
    {
      timeout: 30_000,
    },
  );
}

/** The `data-result` a question shows: `correct`, `incorrect` or null (not checked). */
const result = (q: Locator) => q.getAttribute('data-result');

/** Picks choice `j` of question `q` and presses Check; returns what the question then shows. */
async function answer(q: Locator, j: number): Promise<string | null> {
  await q.getByRole('radio').nth(j).check();
  await q.getByRole('button', { name: 'Check' }).click();
  await q.locator('.cc-verdict').waitFor({ timeout: 5_000 });
  return result(q);
}

/**
 * On an open lesson page: answers the first question wrongly (the page must say "Incorrect" and
 * show the explanation, which it must not show before), tries again and answers it rightly from the
 * keyboard (Space, then the arrow keys within the radio group), answers the others rightly, then
 * reloads and checks that the page kept every answer. Throws an Error saying what differed.
 */
export async function checkConceptQuestions(
  page: Page,
  lesson: { id: string; questions: { answer: number; choices: string[] }[] },
): Promise<void> {
  const box = page.locator(`.concept-check[data-lesson="${lesson.id}"]`);
  await box.waitFor({ timeout: 30_000 });
  await hydrated(page);
  const heading = page.locator('h2#check-your-understanding');
  assert(
    (await heading.count()) === 1,
    `the page has no "Check your understanding" heading (h2#check-your-understanding)`,
  );
  const questions = box.locator('fieldset.cc-question');
  assert(
    (await questions.count()) === lesson.questions.length,
    `${lesson.id}: ${await questions.count()} questions on the page, ${lesson.questions.length} in the lesson`,
  );
  // start afresh: a question checked before (kept in localStorage) shows Try again
  for (let i = 0; i < lesson.questions.length; i++) {
    const retry = questions.nth(i).getByRole('button', { name: 'Try again' });
    if (await retry.count()) await retry.click();
  }

  for (const [i, spec] of lesson.questions.entries()) {
    const q = questions.nth(i);
    const radios = q.getByRole('radio');
    assert(
      (await radios.count()) === spec.choices.length,
      `${lesson.id} question ${i + 1}: ${await radios.count()} choices on the page, ${spec.choices.length} in the lesson`,
    );
    assert(
      (await q.locator('legend').innerText()).trim().length > 0,
      `${lesson.id} question ${i + 1}: no question text`,
    );
    const feedback = q.getByRole('status');
    assert(
      (await feedback.innerText()).trim() === '',
      `${lesson.id} question ${i + 1}: feedback shown before a check`,
    );
    if (i === 0) {
      const wrong = (spec.answer + 1) % spec.choices.length;
      assert(
        (await answer(q, wrong)) === 'incorrect',
        `${lesson.id}: a wrong answer to question 1 is not marked incorrect`,
      );
      const said = await feedback.innerText();
      assert(/Incorrect/.test(said), `${lesson.id}: question 1's feedback does not say "Incorrect": ${said}`);
      const explanation = q.locator('.cc-explanation');
      assert(
        (await explanation.isVisible()) && (await explanation.innerText()).trim().length > 0,
        `${lesson.id}: no explanation shown after a wrong answer`,
      );
      await q.getByRole('button', { name: 'Try again' }).click();
      assert(
        (await result(q)) === null && (await feedback.innerText()).trim() === '',
        `${lesson.id}: Try again kept the verdict`,
      );
      // from the keyboard: Space selects the focused choice, the arrow keys move within the group
      await radios.first().focus();
      await page.keyboard.press('Space');
      for (let k = 0; k < spec.answer; k++) await page.keyboard.press('ArrowDown');
      assert(
        await radios.nth(spec.answer).isChecked(),
        `${lesson.id}: the arrow keys did not move to choice ${spec.answer + 1}`,
      );
      await q.getByRole('button', { name: 'Check' }).click();
      await q.locator('.cc-verdict').waitFor({ timeout: 5_000 });
    } else await answer(q, spec.answer);
    assert(
      (await result(q)) === 'correct',
      `${lesson.id}: the right answer to question ${i + 1} is not marked correct`,
    );
    const said = await feedback.innerText();
    assert(
      /Correct/.test(said) && !/Incorrect/.test(said),
      `${lesson.id} question ${i + 1}: feedback ${said}`,
    );
  }

  await page.reload();
  await box.waitFor({ timeout: 30_000 });
  await hydrated(page);
  for (const [i, spec] of lesson.questions.entries()) {
    const q = questions.nth(i);
    await page.waitForFunction(
      ([id, n]) =>
        document
          .querySelectorAll(`.concept-check[data-lesson="${id}"] fieldset.cc-question`)
          [n]?.getAttribute('data-result') === 'correct',
      [lesson.id, i] as const,
      { timeout: 5_000 },
    );
    assert(
      await q.getByRole('radio').nth(spec.answer).isChecked(),
      `${lesson.id}: question ${i + 1}'s answer not kept after a reload`,
    );
  }
  const progress = await box.locator('.cc-progress').innerText();
  const n = lesson.questions.length;
  assert(
    progress.includes(`${n} of ${n} answered correctly`),
    `${lesson.id}: progress after a reload reads "${progress}"`,
  );
}
