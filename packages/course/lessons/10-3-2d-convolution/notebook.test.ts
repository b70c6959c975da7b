// Notebook 10.3 (= CM20315 Convolution I): `gradkit run 10-3-2d-convolution` prints what the notebook
// prints (udlbook/10_3_2D_Convolution.md, seeds/udl-cm20315-convolution_i.md):
// for each of the four experiments (np.random.seed(1) draws of the image, then the weights) the
// PyTorch result and the loops' result, as numpy prints them with precision=3, floatmode="fixed".
// Expected numbers: tests/fixtures/conv.json (tests/fixtures/gen_conv.py, PyTorch 1.13 conv2d on
// the notebook's numpy draws).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';

interface Arr {
  shape: number[];
  data: number[];
}
const root = join(import.meta.dirname, '../../../..');
const fx = JSON.parse(readFileSync(join(root, 'tests/fixtures/conv.json'), 'utf8')).notebook as {
  stride: number;
  image: Arr;
  weights: Arr;
  out: Arr;
}[];

/** Nested lists → flat numbers, and their shape. */
function flatten(v: unknown): { shape: number[]; data: number[] } {
  const shape: number[] = [];
  for (let x = v; Array.isArray(x); x = x[0]) shape.push(x.length);
  return { shape, data: (v as unknown[]).flat(shape.length) as number[] };
}

describe('10-3-2d-convolution notebook', async () => {
  const { values, report } = await runLesson('10-3-2d-convolution');

  it('is also the CM20315 practical "convolution-i"', async () => {
    expect((await runLesson('convolution-i')).lesson).toBe('10-3-2d-convolution');
  });
  const pytorch = values['conv_results_pytorch#all'] as unknown[];
  const loops = values['conv_results_numpy#all'] as unknown[];

  it('draws the notebook’s images and weights (np.random.seed(1)) and gets PyTorch’s conv2d to 1e-12', () => {
    expect(pytorch).toHaveLength(4);
    fx.forEach((c, i) => {
      const got = flatten(pytorch[i]);
      expect(got.shape).toEqual(c.out.shape);
      got.data.forEach((v, j) => expect(Math.abs(v - c.out.data[j]!)).toBeLessThan(1e-12));
    });
    // the last cell's draws and sizes are the notebook's final bindings
    expect(flatten(values.input_image).data).toEqual(fx[3]!.image.data);
    expect(flatten(values.conv_weights).data).toEqual(fx[3]!.weights.data);
    expect([values.n_batch, values.channels_in, values.channels_out, values.stride]).toEqual([2, 5, 2, 2]);
  });

  it('the loops (conv_numpy_1 … conv_numpy_4) give PyTorch’s result in the notebook’s float32 `out`', () => {
    fx.forEach((c, i) => {
      const got = flatten(loops[i]);
      expect(got.shape).toEqual(c.out.shape);
      got.data.forEach((v, j) => {
        expect(Math.fround(v)).toBe(v); // float32 values
        expect(Math.abs(v - c.out.data[j]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(c.out.data[j]!)));
      });
    });
  });

  it('prints every result as numpy does at 3 decimals: "PyTorch Results", the array, "Your results", the array', () => {
    const blocks: string[][] = [];
    for (const line of report) {
      if (line === 'PyTorch Results' || line === 'Your results') blocks.push([]);
      else blocks[blocks.length - 1]!.push(line);
    }
    expect(report.filter((l) => l === 'PyTorch Results')).toHaveLength(4);
    expect(blocks).toHaveLength(8);
    blocks.forEach((lines, b) => {
      const c = fx[Math.floor(b / 2)]!;
      const printed = lines.join('\n').match(/-?\d+\.\d{3}/g)!;
      expect(printed).toEqual(c.out.data.map((v) => pyFormat('%.3f', v)));
      expect(lines[0]!.startsWith('['.repeat(4))).toBe(true);
    });
    // numpy's layout of the first result: rows of width 6, aligned, inside four brackets
    expect(report[1]).toBe('[[[[-0.929 -2.760  0.716  0.114  0.560 -0.387]');
    expect(report[4]).toBe('   [ 0.565 -0.947 -0.629  2.996 -1.811 -0.533]]]]');
  });
});
