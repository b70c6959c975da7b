// The coursework playground (TrainDemo.vue) driven from the keyboard: one epoch of a small
// network, its status numbers against its confusion matrix, a second run kept in the history, and
// the page's address reproducing the last run's numbers exactly.

import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** MNIST-1D's validation set as the reference generator splits it (5000 signals, 80/20): 1000 signals. */
const VALIDATION_SIZE = 1000;
const STATUS = /^epoch 1\/1: train (\d+\.\d\d)%, validation (\d+\.\d\d)% — done\.$/;

/** Waits for the run to end and returns its status line. */
async function finished(demo: Locator): Promise<string> {
  const status = demo.locator('[role=status]');
  try {
    await status.filter({ hasText: /done\.|stopped|Error/ }).waitFor({ timeout: 60_000 });
  } catch (err) {
    throw new Error(`the run did not finish; its status: ${JSON.stringify(await status.textContent())}`, {
      cause: err,
    });
  }
  return ((await status.textContent()) ?? '').trim();
}

/** The confusion matrix as drawn: each cell's title `true t, predicted p: n`. */
async function confusionOf(demo: Locator): Promise<number[]> {
  const titles = await demo
    .locator('svg.gradkit-figure[data-figure=heatmap] g[aria-label=cell] rect title')
    .allTextContents();
  assert.equal(titles.length, 100, 'a 10 × 10 confusion matrix');
  const counts = new Array<number>(100).fill(Number.NaN);
  for (const t of titles) {
    const m = /^true (\d), predicted (\d): (\d+)$/.exec(t);
    assert.ok(m, `a cell titled "true t, predicted p: n", received ${JSON.stringify(t)}`);
    counts[Number(m![1]) * 10 + Number(m![2])] = Number(m![3]);
  }
  assert.ok(counts.every(Number.isFinite), 'every cell of the matrix drawn once');
  return counts;
}

/** Presses `key` `times` times on the control `n` of the demo's range inputs. */
async function slide(page: Page, demo: Locator, n: number, keys: string[]): Promise<void> {
  await demo.locator('input[type=range]').nth(n).focus();
  for (const k of keys) await page.keyboard.press(k);
}

async function trainOnce(page: Page, demo: Locator) {
  await demo.locator('button.train').focus();
  await page.keyboard.press('Enter');
  const status = await finished(demo);
  const m = STATUS.exec(status);
  assert.ok(m, `the status of a finished one-epoch run, received ${JSON.stringify(status)}`);
  const confusion = await confusionOf(demo);
  const total = confusion.reduce((a, b) => a + b, 0);
  const correct = confusion.reduce((a, v, i) => (i % 11 === 0 ? a + v : a), 0);
  // the matrix holds every validation signal once, and its diagonal is what the status calls right
  assert.equal(total, VALIDATION_SIZE, 'the confusion matrix counts every validation signal once');
  assert.equal((100 - (100 * correct) / total).toFixed(2), m[2], 'diagonal / total = 1 − validation error');
  return { status, confusion, legend: await legendOf(demo) };
}

/** The run names in the error curves' legend. */
async function legendOf(demo: Locator): Promise<string[]> {
  const texts = await demo
    .locator('svg.gradkit-figure[data-figure=errorCurveRuns] g[aria-label=legend] text')
    .allTextContents();
  return texts.map((t) => t.replace(/^\S+ /, '')).filter((t) => t.startsWith('run '));
}

export async function checkTrainDemo(
  page: Page,
  demo: Locator,
  reopen: (query: string) => Promise<{ page: Page; demo: Locator }>,
): Promise<void> {
  const lines = demo.locator('svg.gradkit-figure g[aria-label=line] path');
  // the controls, in order: epochs, hidden layers, width, learning rate, momentum, batch size, λ
  await slide(page, demo, 0, ['Home']); // 1 epoch
  await slide(page, demo, 1, ['Home', 'ArrowRight']); // 1 hidden layer
  await slide(page, demo, 2, ['Home', 'ArrowRight', 'ArrowRight']); // 20 units
  assert.equal(await demo.locator('label', { hasText: 'Epochs' }).locator('output').textContent(), '1');
  assert.equal(await demo.locator('label', { hasText: 'Width' }).locator('output').textContent(), '20');

  const first = await trainOnce(page, demo);
  assert.equal(await lines.count(), 2, 'one run: its training and validation curves');
  assert.deepEqual(first.legend, ['run 1: 1×20 relu, lr 0.05']);

  // a second run with a larger learning rate: both runs' curves and names stay
  await slide(page, demo, 3, ['ArrowRight']); // lr 0.1
  const second = await trainOnce(page, demo);
  assert.equal(await lines.count(), 4, 'two runs: four curves');
  assert.deepEqual(second.legend, ['run 1: 1×20 relu, lr 0.05', 'run 2: 1×20 relu, lr 0.1']);
  assert.equal(await demo.locator('ol.runs li').count(), 2, 'two runs in the history');

  // the address holds the settings: a fresh page trains the same network on the same batches
  const search = new URL(page.url()).search;
  for (const field of ['train.epochs=1', 'train.depth=1', 'train.width=20', 'train.lr=0.1'])
    assert.ok(search.includes(field), `${field} in the address ${search}`);
  const again = await reopen(search);
  assert.equal(
    await again.demo.locator('label', { hasText: 'Learning rate' }).locator('output').textContent(),
    '0.1',
  );
  const reopened = await trainOnce(again.page, again.demo);
  assert.equal(reopened.status, second.status, 'the same address, the same errors');
  assert.deepEqual(reopened.confusion, second.confusion, 'the same address, the same confusion matrix');
  assert.deepEqual(reopened.legend, ['run 1: 1×20 relu, lr 0.1']);
}
