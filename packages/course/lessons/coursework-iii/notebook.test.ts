// Coursework III: `gradkit run coursework-iii` runs the notebook (udl-cm20315-coursework_iii.md),
// whose code is Coursework II's cell for cell — the student adds regularization afterwards. It prints
// no reference numbers of its own; its plot quotes the original 37.45 % validation error. At scale
// 0.1 (5 of 50 epochs) its report and values are Coursework II's, exactly.
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

describe('coursework-iii notebook', async () => {
  const iii = await runLesson('coursework-iii', { scale: 0.1 });
  const ii = await runLesson('coursework-ii', { scale: 0.1 });

  it('prints the data sizes and one line per epoch, as Coursework II', () => {
    expect(iii.report).toEqual(ii.report);
    expect(iii.report.filter((l) => l.startsWith('Epoch'))).toHaveLength(5);
    expect(iii.report.at(-1)).toMatch(
      /^Epoch {5}4, train loss \d\.\d{6}, train error \d+\.\d{2}, val loss \d\.\d{6}, percent error \d+\.\d{2}$/,
    );
  });

  it('records the same histories (n_epoch,) and the quoted 37.45 % line', () => {
    expect(iii.values).toEqual(ii.values);
    expect(iii.values.n_epoch).toBe(5);
    expect((iii.values.errors_val as number[]).length).toBe(5);
    expect(iii.values['[37.45, 37.45]']).toEqual([37.45, 37.45]);
  });
});
