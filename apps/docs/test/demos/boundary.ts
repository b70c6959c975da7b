// The decision-boundary demo (BoundaryDemo.vue) driven from the keyboard: Steps and a Play run of
// a small MLP on the lesson's loss. The loss it shows is checked against the mean cross-entropy
// computed here, independently, from the probabilities it lists for the training points
// (−mean log p(yᵢ), UDL eqs. 5.20 and 5.24), and its accuracy against the same list; Play must
// lower the loss and raise the accuracy; the page's address must retrain a fresh page to the
// same step with exactly the same numbers.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

interface Shown {
  step: number;
  loss: string;
  accuracy: string;
}

async function shown(demo: Locator): Promise<Shown> {
  const text = async (sel: string) => ((await demo.locator(sel).textContent()) ?? '').trim();
  return {
    step: Number(await text('.step-count')),
    loss: await text('.loss'),
    accuracy: await text('.accuracy'),
  };
}

/** Waits until the demo shows step `n` (and no retraining is under way). */
async function atStep(demo: Locator, n: number): Promise<Shown> {
  await demo.locator('.step-count', { hasText: new RegExp(`^${n}$`) }).waitFor({ timeout: 20_000 });
  await demo.locator('button.step:not([disabled])').waitFor({ timeout: 20_000 });
  return shown(demo);
}

/**
 * The mean cross-entropy and the accuracy of the probabilities listed in the demo's table: one
 * column P(y = 1 | x) for two classes (p(0) = 1 − p(1)), or one column per class.
 */
async function fromTable(page: Page, demo: Locator): Promise<{ loss: number; accuracy: number; n: number }> {
  const summary = demo.locator('details summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const rows = demo.locator('table.points tbody tr');
  await rows.first().waitFor({ timeout: 10_000 });
  const data = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      y: Number(tr.querySelector('td.label')?.textContent),
      p: Array.from(tr.querySelectorAll('td.p'), (td) => Number(td.getAttribute('data-value'))),
    })),
  );
  await summary.focus();
  await page.keyboard.press('Enter'); // closed again: Play does not redraw the table
  let nll = 0;
  let correct = 0;
  for (const { y, p } of data) {
    const probs = p.length === 1 ? [1 - p[0]!, p[0]!] : p;
    assert.ok(
      probs.every((v) => v >= 0 && v <= 1) && Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-9,
      `a row's probabilities sum to 1: ${JSON.stringify(p)}`,
    );
    nll -= Math.log(probs[y]!);
    const predicted = probs.indexOf(Math.max(...probs));
    if (predicted === y) correct++;
  }
  return { loss: nll / data.length, accuracy: correct / data.length, n: data.length };
}

export async function checkBoundaryDemo(
  page: Page,
  demo: Locator,
  reopen: (query: string) => Promise<{ page: Page; demo: Locator }>,
): Promise<void> {
  const figures = demo.locator('svg.gradkit-figure');
  await figures.nth(1).waitFor({ timeout: 30_000 });
  assert.equal(await figures.count(), 2, 'the decision regions and the loss curve');
  // a setting moved from the keyboard: noise 0.20 → 0.15 (a new dataset, training from step 0)
  const noise = demo.locator('input[type=range]').first();
  await noise.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  assert.equal(await demo.locator('label', { hasText: 'Noise' }).locator('output').textContent(), '0.15');
  const start = await atStep(demo, 0);
  const points = Number(await demo.locator('label', { hasText: 'Points' }).locator('output').textContent());
  assert.equal(
    await figures.first().locator('g[aria-label=dot] circle').count(),
    points,
    'a dot per training point',
  );

  // three Steps from the keyboard: the loss shown is the cross-entropy of the listed probabilities
  await demo.locator('button.step').focus();
  for (let i = 1; i <= 3; i++) {
    await page.keyboard.press('Enter');
    await atStep(demo, i);
  }
  const three = await shown(demo);
  const table = await fromTable(page, demo);
  assert.equal(table.n, points, 'the table lists every training point');
  assert.ok(
    Math.abs(table.loss - Number(three.loss)) <= 5e-5 + 1e-12,
    `the shown loss ${three.loss} is the mean cross-entropy of the listed probabilities, ${table.loss}`,
  );
  assert.equal(
    three.accuracy,
    `${(100 * table.accuracy).toFixed(1)} %`,
    'the accuracy of the listed probabilities',
  );
  assert.ok(Number(three.loss) < Number(start.loss), `3 steps lower the loss: ${start.loss} → ${three.loss}`);

  // Play for 60 steps or more, then Pause (the same button, from the keyboard)
  const play = demo.locator('button.play');
  await play.focus();
  await page.keyboard.press('Enter');
  await demo.locator('button.play', { hasText: 'Pause' }).waitFor({ timeout: 5_000 });
  await page.waitForFunction(
    (el) => Number(el?.textContent) >= 60,
    await demo.locator('.step-count').elementHandle(),
    { timeout: 20_000 },
  );
  await page.keyboard.press('Enter');
  await demo.locator('button.play', { hasText: 'Play' }).waitFor({ timeout: 5_000 });
  const played = await shown(demo);
  assert.ok(played.step >= 60, `Play trained on: step ${played.step}`);
  assert.ok(Number(played.loss) < Number(three.loss), `Play lowers the loss: ${three.loss} → ${played.loss}`);
  assert.ok(
    Number.parseFloat(played.accuracy) > Number.parseFloat(start.accuracy),
    `Play raises the accuracy: ${start.accuracy} → ${played.accuracy}`,
  );
  const after = await fromTable(page, demo);
  assert.ok(Math.abs(after.loss - Number(played.loss)) <= 5e-5 + 1e-12, 'the loss after Play, recomputed');

  // the address: the settings and the steps trained; a fresh page retrains to the same numbers
  const search = new URL(page.url()).search;
  for (const field of ['boundary.noise=0.15', `boundary.steps=${played.step}`])
    assert.ok(search.includes(field), `${field} in the address ${search}`);
  const again = await reopen(search);
  const reopened = await atStep(again.demo, played.step);
  assert.deepEqual(reopened, played, 'the same address, the same step, loss and accuracy');
  assert.equal(
    await again.demo.locator('label', { hasText: 'Noise' }).locator('output').textContent(),
    '0.15',
  );
}
