// Browser check of the convolution explorer (ConvDemo.vue, lesson 10-3): settings chosen from the
// keyboard, the output size against the formula, the products of a position against the output
// pixel, one output pixel against a convolution computed here from the MNIST file itself, a custom
// weight, and the page's address reopening the demo with the same numbers.
import type { Locator, Page } from 'playwright-core';

const SIDE = 28;

/** What the demo shows: its settings and the numbers of the current position. */
interface Shown {
  image: string;
  kernel: string;
  sliders: Record<string, string>;
  size: string;
  y: number;
  x: number;
  products: string[];
  weights: string[];
  sum: string;
  out: string;
}

async function shown(demo: Locator): Promise<Shown> {
  // one round trip (no helper functions inside: a bundler's name-keeping wrappers do not exist in the page)
  return demo.evaluate((root) => {
    const texts: Record<string, string> = {};
    for (const name of ['size', 'pos-y', 'pos-x', 'sum', 'out'])
      texts[name] = (root.querySelector(`output.conv-${name}`)?.textContent ?? '').trim();
    const values: Record<string, string> = {};
    for (const name of [
      'select.conv-image',
      'select.conv-kernel',
      'k',
      'stride',
      'padding',
      'dilation',
      'y',
      'x',
    ])
      values[name] =
        (
          root.querySelector(
            name.startsWith('select') ? name : `input.conv-${name}`,
          ) as HTMLInputElement | null
        )?.value ?? '';
    return {
      image: values['select.conv-image']!,
      kernel: values['select.conv-kernel']!,
      sliders: Object.fromEntries(
        ['k', 'stride', 'padding', 'dilation', 'y', 'x'].map((n) => [n, values[n]!]),
      ),
      size: texts.size!,
      y: Number(texts['pos-y']),
      x: Number(texts['pos-x']),
      products: Array.from(root.querySelectorAll('table.conv-taps .prod')).map((e) =>
        (e.textContent ?? '').trim(),
      ),
      weights: Array.from(root.querySelectorAll('.conv-weights input[type=number]')).map(
        (e) => (e as HTMLInputElement).value,
      ),
      sum: texts.sum!,
      out: texts.out!,
    };
  });
}

/** Waits until the digits are loaded and the calculation is on screen. */
async function ready(demo: Locator): Promise<void> {
  await demo.locator('output.conv-out').waitFor({ timeout: 60_000 });
  await demo.locator('.conv-input-figure svg.gradkit-figure').waitFor({ timeout: 60_000 });
}

/** Presses `key` `n` times on the control `selector` of the demo (focused first). */
async function press(page: Page, demo: Locator, selector: string, keys: string[]): Promise<void> {
  await demo.locator(selector).focus();
  for (const key of keys) await page.keyboard.press(key);
}

/**
 * output[y, x] of PyTorch's conv2d (one channel, zero padding, stride, dilation; no kernel flip)
 * of the first test image of `digit` in the site's MNIST files, computed in the page with plain
 * loops from the IDX bytes (pixel / 255), independently of the demo.
 */
async function expectedPixel(
  page: Page,
  args: { digit: number; w: number[][]; s: number; p: number; d: number; y: number; x: number },
): Promise<number> {
  // (no helper functions inside: a bundler's name-keeping wrappers do not exist in the page)
  return page.evaluate(
    async ({ digit, w, s, p, d, y, x, side }) => {
      const files: Uint8Array[] = [];
      for (const name of ['t10k-labels-idx1-ubyte', 't10k-images-idx3-ubyte']) {
        const raw = new Uint8Array(await (await fetch(`/data/mnist/${name}.gz`)).arrayBuffer());
        // a dev server sends the file gzip-encoded (the browser inflated it), a static one as is
        const inflated =
          raw[0] === 0x1f && raw[1] === 0x8b
            ? new Uint8Array(
                await new Response(
                  new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip')),
                ).arrayBuffer(),
              )
            : raw;
        files.push(inflated);
      }
      const [labels, images] = files as [Uint8Array, Uint8Array];
      let n = 0;
      while (labels[8 + n] !== digit) n++;
      let sum = 0;
      for (let i = 0; i < w.length; i++)
        for (let j = 0; j < w.length; j++) {
          const r = s * y + d * i - p; // the padded row s·y + d·i, less the padding
          const c = s * x + d * j - p;
          if (r >= 0 && c >= 0 && r < side && c < side)
            sum += w[i]![j]! * (images[16 + n * side * side + r * side + c]! / 255);
        }
      return sum;
    },
    { ...args, side: SIDE },
  );
}

export async function checkConvDemo(
  page: Page,
  demo: Locator,
  reopen: (query: string) => Promise<{ page: Page; demo: Locator }>,
): Promise<void> {
  const fail = (what: string): never => {
    throw new Error(`ConvDemo: ${what}`);
  };
  await ready(demo);
  // the first digit 7 of the test set, Sobel y (one below Sobel x in the list), k = 3,
  // stride 2, zero padding 2, dilation 2 — all from the keyboard
  const start = await shown(demo);
  if (start.image !== 'digit7' || start.kernel !== 'sobelx')
    fail(`starts at ${start.image}, ${start.kernel}`);
  await press(page, demo, 'select.conv-kernel', ['ArrowDown']);
  await press(page, demo, 'input.conv-stride', ['Home', 'ArrowRight']);
  await press(page, demo, 'input.conv-padding', ['Home', 'ArrowRight', 'ArrowRight']);
  await press(page, demo, 'input.conv-dilation', ['Home', 'ArrowRight']);
  await press(page, demo, 'input.conv-k', ['Home']);
  const set = await shown(demo);
  const [k, s, p, d] = ['k', 'stride', 'padding', 'dilation'].map((n) => Number(set.sliders[n]));
  if (set.kernel !== 'sobely' || k !== 3 || s !== 2 || p !== 2 || d !== 2)
    fail(`the keyboard set ${set.kernel}, k ${k}, s ${s}, p ${p}, d ${d}; expected sobely, 3, 2, 2, 2`);
  // the output size is the formula's
  const size = Math.floor((SIDE + 2 * p! - d! * (k! - 1) - 1) / s!) + 1; // 14
  if (set.size !== String(size)) fail(`shows output size ${set.size}, the formula gives ${size}`);
  const label = await demo.locator('.conv-output-figure svg image').getAttribute('aria-label');
  if (!label?.includes(`${size} by ${size} pixels`))
    fail(`the output image is "${label}", expected ${size}×${size}`);

  // a position from the row and column sliders, then three Steps (row-major order)
  await press(page, demo, 'input.conv-y', ['Home', ...Array(8).fill('ArrowRight')]);
  await press(page, demo, 'input.conv-x', ['Home', ...Array(6).fill('ArrowRight')]);
  await press(page, demo, 'button.conv-step', ['Enter', 'Enter', 'Enter']);
  const at = await shown(demo);
  if (at.y !== 8 || at.x !== 9)
    fail(`after three steps from (8, 6) the position is (${at.y}, ${at.x}), expected (8, 9)`);
  // the products' sum is the output pixel
  if (at.products.length !== k! * k!) fail(`shows ${at.products.length} products, expected ${k! * k!}`);
  const total = at.products.reduce((a, t) => a + Number(t), 0);
  if (at.sum !== at.out) fail(`the sum of the products shows ${at.sum}, the output pixel ${at.out}`);
  if (Math.abs(total - Number(at.sum)) > k! * k! * 0.0005 + 0.00005)
    fail(`the products shown (${at.products.join(', ')}) add up to ${total}, the sum shows ${at.sum}`);
  // ... and that pixel is the convolution of the digit, computed here
  const sobelY = [
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ];
  const want = await expectedPixel(page, { digit: 7, w: sobelY, s: s!, p: p!, d: d!, y: 8, x: 9 });
  if (Math.abs(want) < 0.5) fail(`output[8, 9] is ${want}: the check should read the digit's stroke`);
  if (Math.abs(Number(at.out) - want) > 6e-5)
    fail(`output[8, 9] shows ${at.out}, the loops here give ${want}`);

  // a custom weight: the centre tap from 0 to 1 adds the centre pixel
  const centre = demo.locator('.conv-weights input[aria-label="weight row 1 column 1"]');
  await centre.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  const custom = await shown(demo);
  if (custom.kernel !== 'custom') fail(`editing a weight left the kernel at ${custom.kernel}`);
  const w2 = sobelY.map((row, i) => row.map((v, j) => (i === 1 && j === 1 ? 1 : v)));
  const want2 = await expectedPixel(page, { digit: 7, w: w2, s: s!, p: p!, d: d!, y: 8, x: 9 });
  if (custom.sum !== custom.out)
    fail(`custom kernel: the sum shows ${custom.sum}, the output pixel ${custom.out}`);
  if (Math.abs(Number(custom.out) - want2) > 6e-5)
    fail(`custom kernel: output[8, 9] shows ${custom.out}, the loops here give ${want2}`);

  // the address reopens the demo exactly as it was
  const search = new URL(page.url()).search;
  if (!search.includes('conv.')) fail(`the address holds no setting of the demo: "${search}"`);
  const again = await reopen(search);
  await ready(again.demo);
  const back = await shown(again.demo);
  const a = JSON.stringify(custom);
  const b = JSON.stringify(back);
  if (a !== b) fail(`reopened with ${search} it shows ${b}, before ${a}`);
}
