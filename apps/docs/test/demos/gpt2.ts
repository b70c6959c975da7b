// The GPT-2 decoding demo, driven from the keyboard: top-k sampling with its kept set of k tokens
// and a bar chart whose probabilities sum to at most 1; temperature at its minimum makes top-k
// sampling print greedy's text; and the address reproduces the text and the probabilities.

import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** Waits until the demo shows the decoding of its current settings. */
async function settled(demo: Locator): Promise<void> {
  await demo.locator('.gpt2-demo[data-ready="true"]').waitFor({ timeout: 60_000 });
  const status = (await demo.locator('.gpt2-demo [role=status]').textContent()) ?? '';
  assert.doesNotMatch(status, /^Error/, 'the decoding ran');
}

/** Chooses an option of a select from the keyboard (ArrowUp / ArrowDown from the current one). */
async function chooseOption(page: Page, select: Locator, value: string): Promise<void> {
  const values = await select
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const to = values.indexOf(value);
  assert.ok(to >= 0, `option ${value} among ${values.join(', ')}`);
  const from = values.indexOf(await select.inputValue());
  await select.focus();
  for (let i = 0; i < Math.abs(to - from); i++)
    await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  assert.equal(await select.inputValue(), value);
}

/** Moves a range input to `value` from the keyboard: arrow keys from where it is, or Home / End first when nearer. */
async function slideTo(page: Page, slider: Locator, value: number): Promise<void> {
  const [min, max, step, now] = await Promise.all([
    slider.getAttribute('min'),
    slider.getAttribute('max'),
    slider.getAttribute('step'),
    slider.inputValue(),
  ]).then((v) => v.map(Number) as [number, number, number, number]);
  const steps = (a: number, b: number) => Math.round((b - a) / step);
  await slider.focus();
  let from = now;
  const viaHome = steps(min, value);
  const viaEnd = steps(value, max);
  if (Math.min(viaHome, viaEnd) < Math.abs(steps(now, value))) {
    await page.keyboard.press(viaHome <= viaEnd ? 'Home' : 'End');
    from = viaHome <= viaEnd ? min : max;
  }
  const n = steps(from, value);
  for (let i = 0; i < Math.abs(n); i++) await page.keyboard.press(n > 0 ? 'ArrowRight' : 'ArrowLeft');
  assert.ok(Math.abs(Number(await slider.inputValue()) - value) < 1e-9, `slider at ${value}`);
}

/** The probabilities of the bars (full precision), whether each is kept, and which is chosen. */
async function readBars(demo: Locator) {
  return demo.locator('table.gpt2-bars tbody tr').evaluateAll((rows) =>
    rows.map((r) => ({
      p: Number(r.getAttribute('data-p')),
      kept: r.getAttribute('data-kept') === 'true',
      chosen: r.classList.contains('chosen'),
    })),
  );
}

const keptCount = async (demo: Locator) =>
  Number(/Kept: (\d+) token/.exec((await demo.locator('.gpt2-kept').textContent()) ?? '')?.[1]);

export async function checkGpt2Demo(
  page: Page,
  demo: Locator,
  reopen: (query: string) => Promise<{ page: Page; demo: Locator }>,
): Promise<void> {
  await settled(demo);
  const strategy = demo.locator('select[aria-label="decoding strategy"]');

  // top-k, k = 5: five tokens kept at every step; the bars are probabilities (≤ 1 in all)
  await chooseOption(page, strategy, 'top-k');
  await slideTo(page, demo.locator('input[aria-label="top-k: tokens kept (k)"]'), 5);
  await settled(demo);
  const stepSlider = demo.locator('input[aria-label="generated step to inspect"]');
  const steps = Number(await stepSlider.getAttribute('max')) + 1;
  for (const s of [0, steps - 1]) {
    await slideTo(page, stepSlider, s);
    const bars = await readBars(demo);
    assert.ok(bars.length >= 5, `${bars.length} bars`);
    for (const b of bars) assert.ok(b.p >= 0, `probability ${b.p}`);
    const sum = bars.reduce((a, b) => a + b.p, 0);
    assert.ok(sum <= 1 + 1e-9, `the bars sum to ${sum}`);
    // sorted most likely first, the k most likely kept, the chosen one among them
    assert.deepEqual(bars.map((b) => b.kept).slice(0, 5), [true, true, true, true, true]);
    assert.ok(
      bars.slice(5).every((b) => !b.kept),
      'the tokens after the k-th are cut',
    );
    assert.equal(bars.filter((b) => b.chosen).length, 1);
    assert.ok(bars.find((b) => b.chosen)!.kept, 'the chosen token is kept');
    assert.equal(await keptCount(demo), 5);
  }

  // temperature at its minimum (0.05): top-k sampling takes the most likely token, greedy's text
  await slideTo(page, demo.locator('input[aria-label="temperature"]'), 0.05);
  await settled(demo);
  const cold = (await demo.locator('.gpt2-text').textContent()) ?? '';
  await chooseOption(page, strategy, 'greedy');
  await settled(demo);
  assert.equal(await demo.locator('.gpt2-text').textContent(), cold);
  await chooseOption(page, strategy, 'top-k');

  // a moderate temperature and another seed, then the address round trip
  await slideTo(page, demo.locator('input[aria-label="temperature"]'), 1.5);
  await slideTo(page, demo.locator('input[aria-label="random seed"]'), 3);
  await settled(demo);
  await slideTo(page, stepSlider, 0);
  const text = await demo.locator('.gpt2-text').textContent();
  const first = await readBars(demo);
  const search = new URL(page.url()).search;
  assert.match(search, /gpt2\.k=5/);
  assert.match(search, /gpt2\.temperature=1\.5/);
  const again = await reopen(search);
  await settled(again.demo);
  assert.equal(await again.demo.locator('.gpt2-text').textContent(), text);
  assert.deepEqual(await readBars(again.demo), first);
}
