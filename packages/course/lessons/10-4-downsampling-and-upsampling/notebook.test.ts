// Notebook 10.4: `gradkit run 10-4-downsampling-and-upsampling` (udlbook/10_4_Downsampling_and_Upsampling.md).
// The notebook has no recorded outputs; every number here comes from numpy running the notebook's
// six functions completed as it asks, and from PyTorch 1.13 for the library's side
// (tests/fixtures/gen_udl_downsampling.py). Tolerances: exact for everything the notebook computes
// (all its values are sums of at most four multiples of 1/256, exact in float64; the image stages
// are compared by the SHA-256 of their float64 bytes), 1e-12 relative for the random float cases
// and PyTorch's interpolation.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { interpolate } from '@gradkit/conv';
import { astype, type Tensor, tensor } from '@gradkit/core';
import { loadImage } from '@gradkit/datasets/node';
import { describe, expect, it } from 'vitest';
import { checkExercise } from '../../src/check.js';
import { Notebook } from '../../src/notebook.js';
import { getLesson } from '../../src/registry.js';
import { runLesson } from '../../src/run.js';
import {
  bilinear,
  downsample,
  duplicate,
  IMAGE_VARIABLES,
  imageCells,
  intArray,
  maxpool,
  maxUnpool,
  meanpool,
  ORIG_2_2,
  ORIG_4_4,
  run,
  standInImage,
} from './notebook.js';

interface Summary {
  shape: number[];
  sum: number;
  min: number;
  max: number;
  sha256: string;
}
interface ImageEntry {
  source: { shape: number[]; dtype: string; sum: number; sha256: string };
  stages: Record<string, Summary>;
}
const fixtures = new URL('../../../../tests/fixtures/', import.meta.url);
const fx = JSON.parse(readFileSync(new URL('udl_downsampling.json', fixtures), 'utf8')) as {
  arrays: Record<string, number[][]>;
  printed: string[];
  cases: { fn: string; args: number[][][]; out: number[][] }[];
  torch: Record<string, number[][]>;
  images: { stand_in: ImageEntry; test_image?: ImageEntry };
};
const TEST_IMAGE = new URL('../../../../../shared/udlbook/assets/test_image.png', import.meta.url);

const f64 = (x: number[][]) => tensor(x, { dtype: 'float64' });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** numpy's `np.ascontiguousarray(a, dtype='<f8').tobytes()` (this host is little-endian). */
const float64Bytes = (t: Tensor) => new Uint8Array(Float64Array.from(t.data as ArrayLike<number>).buffer);

function summary(t: Tensor): Summary {
  const v = Array.from(t.data as ArrayLike<number>);
  return {
    shape: [...t.shape],
    sum: v.reduce((a, b) => a + b, 0),
    min: Math.min(...v),
    max: Math.max(...v),
    sha256: sha256(float64Bytes(t)),
  };
}

function expectClose(received: number[][], expected: number[][], rtol: number): void {
  expect(received.length).toBe(expected.length);
  received.forEach((row, i) => {
    expect(row.length).toBe(expected[i]!.length);
    row.forEach((v, j) => {
      const e = expected[i]![j]!;
      expect(Math.abs(v - e), `[${i}][${j}]: ${v} vs ${e}`).toBeLessThanOrEqual(rtol * Math.abs(e));
    });
  });
}

/** The report without the lines this run adds (where the image came from, what each plotting cell shows). */
const notebookLines = (report: string[]) =>
  report.filter((l) => !l.startsWith('(') && !l.startsWith('[plots]'));

describe('10-4-downsampling-and-upsampling notebook', async () => {
  const { values, report } = await runLesson('10-4-downsampling-and-upsampling');

  it("prints what numpy prints for the notebook's arrays, line for line", () => {
    expect(notebookLines(report)).toEqual(fx.printed);
  });

  it('records the arrays under the notebook’s names and printed expressions, equal to numpy', () => {
    for (const [key, expected] of Object.entries(fx.arrays)) expect(values[key], key).toEqual(expected);
  });

  it('says where the image came from and records every image variable’s shape', () => {
    const has = existsSync(TEST_IMAGE);
    const entry = has ? fx.images.test_image! : fx.images.stand_in;
    expect(
      report.some((l) => l.startsWith(has ? '(test_image.png from ' : '(test_image.png is not on disk')),
    ).toBe(true);
    expect(values['data.shape']).toEqual([279, 300]);
    for (const name of IMAGE_VARIABLES)
      expect(values[`${name}.shape`], name).toEqual(entry.stages[name]!.shape);
    expect(report.filter((l) => l.startsWith('[plots] '))).toHaveLength(6);
  });

  it('runs on the generated stand-in when asked (as it does where test_image.png is absent)', async () => {
    const nb = new Notebook();
    await run(nb, { image: 'stand-in' });
    const r = nb.result();
    expect(notebookLines(r.report)).toEqual(fx.printed);
    expect(r.report).toContain(
      '(test_image.png is not on disk — the notebook downloads it with wget, this run does not: its image cells run on a generated (279, 300) stand-in picture, standInImage())',
    );
    for (const name of IMAGE_VARIABLES)
      expect(r.values[`${name}.shape`], name).toEqual(fx.images.stand_in.stages[name]!.shape);
  });
});

describe("the notebook's functions (the library's ops) against numpy's completed functions", () => {
  const fns: Record<string, (x: Tensor) => Tensor> = { downsample, maxpool, meanpool, duplicate, bilinear };

  it('on other arrays: odd sizes, 1 × 1, ties, floats', () => {
    expect(fx.cases.length).toBeGreaterThan(50);
    for (const c of fx.cases) {
      const out =
        c.fn === 'max_unpool' ? maxUnpool(f64(c.args[0]!), f64(c.args[1]!)) : fns[c.fn]!(f64(c.args[0]!));
      const got = out.toArray() as number[][];
      // shapes are checked by expectClose; the integer inputs and the copies are exact
      expectClose(got, c.out, c.fn === 'meanpool' || c.fn === 'bilinear' ? 1e-12 : 0);
    }
  });

  it('accept the int32 arrays of the notebook and return float64 (np.zeros)', () => {
    const a = intArray(ORIG_4_4);
    for (const f of [downsample, maxpool, meanpool]) expect(f(a).dtype).toBe('float64');
    expect(maxUnpool(intArray(ORIG_2_2), a).dtype).toBe('float64');
  });

  it('reject what the notebook would not compute', () => {
    expect(() => downsample(tensor([1, 2, 3]))).toThrow(
      /downsample: x_in must be a 2-D array \[H, W\], received shape \[3\]/,
    );
    expect(() => maxUnpool(f64([[1, 2]]), f64([[1, 2, 3]]))).toThrow(
      /max_unpool: x_high_res must be at least twice the size of x_in \(2 × 4\), received 1 × 3/,
    );
  });
});

describe("PyTorch's versions of the operations (the page's comparison)", () => {
  const b = astype(intArray(ORIG_2_2), 'float64').reshape([1, 1, 2, 2]);
  const plane = (t: Tensor) => t.reshape([t.shape[2]!, t.shape[3]!]).toArray() as number[][];

  it("duplicate is F.interpolate(nearest); max_unpool is F.max_unpool2d of F.max_pool2d's indices; meanpool is F.avg_pool2d", () => {
    expect(duplicate(intArray(ORIG_2_2)).toArray()).toEqual(fx.torch.interpolate_nearest);
    expect(maxUnpool(intArray(ORIG_2_2), intArray(ORIG_4_4)).toArray()).toEqual(fx.torch.max_unpool2d);
    expect(maxpool(intArray(ORIG_4_4)).toArray()).toEqual(fx.torch.max_pool2d);
    expect(meanpool(intArray(ORIG_4_4)).toArray()).toEqual(fx.torch.avg_pool2d);
  });

  it("the notebook's bilinear is F.conv_transpose2d with the tent kernel, not F.interpolate(mode='bilinear')", () => {
    expect(bilinear(intArray(ORIG_2_2)).toArray()).toEqual(fx.torch.conv_transpose2d);
    expectClose(
      plane(interpolate(b, { scaleFactor: 2, mode: 'bilinear' })),
      fx.torch.interpolate_bilinear!,
      1e-12,
    );
    expectClose(
      plane(interpolate(b, { scaleFactor: 2, mode: 'bilinear', alignCorners: true })),
      fx.torch.interpolate_bilinear_align_corners!,
      1e-12,
    );
    expect(fx.torch.interpolate_bilinear).not.toEqual(fx.torch.conv_transpose2d);
  });
});

function checkImage(data: Tensor, entry: ImageEntry): void {
  expect([...data.shape]).toEqual(entry.source.shape);
  expect(data.dtype).toBe('int32');
  const bytes = Uint8Array.from(data.data as ArrayLike<number>);
  expect(sha256(bytes)).toBe(entry.source.sha256);
  const cells = imageCells(data);
  expect(Object.keys(cells)).toEqual(Object.keys(entry.stages));
  for (const [name, t] of Object.entries(cells)) expect(summary(t), name).toEqual(entry.stages[name]);
}

describe("the notebook's image cells, pixel for pixel", () => {
  it('on the generated stand-in picture (numpy builds the same picture from the same formulas)', () => {
    checkImage(standInImage(), fx.images.stand_in);
  });

  it.skipIf(!existsSync(TEST_IMAGE))("on the notebook's test_image.png (../shared/udlbook/assets)", () => {
    expect(fx.images.test_image).toBeDefined();
    checkImage(loadImage(TEST_IMAGE.pathname), fx.images.test_image!);
  });
});

describe('the exercises: typical wrong answers fail, with the hint', () => {
  const lesson = getLesson('10-4-downsampling-and-upsampling');
  const exercise = (id: string) => lesson.exercises.find((e) => e.id === id)!;
  const zeros = (h: number, w: number) => Array.from({ length: h }, () => new Array<number>(w).fill(0));

  it('downsample with floor(H/2) rows drops the last odd row', () => {
    const floorSizes = (x: number[][]) =>
      zeros(Math.floor(x.length / 2), Math.floor(x[0]!.length / 2)).map((r, i) =>
        r.map((_, j) => x[2 * i]![2 * j]!),
      );
    const report = checkExercise(exercise('downsample'), { downsample: floorSizes });
    expect(report.status).not.toBe('pass');
    expect(report.hint).toMatch(/ceil\(H\/2\)/);
  });

  it('max-unpooling that keeps the last maximum of a tie fails the tie case', () => {
    const lastMax = (x: number[][], hi: number[][]) => {
      const out = zeros(2 * x.length, 2 * x[0]!.length);
      x.forEach((row, i) =>
        row.forEach((v, j) => {
          let best = [0, 0];
          for (let a = 0; a < 2; a++)
            for (let b = 0; b < 2; b++)
              if (hi[2 * i + a]![2 * j + b]! >= hi[2 * i + best[0]!]![2 * j + best[1]!]!) best = [a, b];
          out[2 * i + best[0]!]![2 * j + best[1]!] = v;
        }),
      );
      return out;
    };
    const report = checkExercise(exercise('max-unpool'), { maxUnpool: lastMax });
    expect(report.status).toBe('fail');
    expect(report.failures[0]!.case).toMatch(/ties/);
  });

  it("PyTorch's bilinear interpolate is not the notebook's bilinear", () => {
    const pytorch = (x: number[][]) => {
      const t = tensor([[x]], { dtype: 'float64' });
      return (interpolate(t, { scaleFactor: 2, mode: 'bilinear' }).toArray() as number[][][][])[0]![0]!;
    };
    const report = checkExercise(exercise('bilinear'), { bilinear: pytorch });
    expect(report.status).toBe('fail');
    expect(report.passed).toBe(0);
  });
});
