// Coursework I (no seed text; the seeds' README summarises it): `gradkit run coursework-i` runs
// the coursework pipeline with the baseline model (D_1 = D_2 = 100) that the student may change.
// The README's numbers: a 40-100-100-10 network, 50 epochs, a 37.45 % baseline validation error
// (quoted, the original PyTorch run). At scale 0.1 (5 of 50 epochs) the report and values are
// Coursework II's, exactly: the same code.
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

describe('coursework-i notebook', async () => {
  const i = await runLesson('coursework-i', { scale: 0.1 });
  const ii = await runLesson('coursework-ii', { scale: 0.1 });

  it('trains the README’s 40-100-100-10 baseline with the coursework recipe', () => {
    expect([i.values.D_i, i.values.D_1, i.values.D_2, i.values.D_o]).toEqual([40, 100, 100, 10]);
    expect(i.values.n_epoch).toBe(5); // a tenth of the 50 epochs
    expect(i.values['[37.45, 37.45]']).toEqual([37.45, 37.45]);
  });

  it('is Coursework II’s pipeline: the same report and values', () => {
    expect(i.report).toEqual(ii.report);
    expect(i.values).toEqual(ii.values);
  });
});
