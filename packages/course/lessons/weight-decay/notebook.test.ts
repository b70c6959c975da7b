// D2L 3.7 weight decay: `gradkit run weight-decay` prints the notebook's three "l2 norm of w" lines
// and records the board's loss curves and exercise 1's losses as functions of λ
// (d2l-3.7-weight-decay-exercises.md), against PyTorch: tests/fixtures/optim_weight_decay.json
// (tests/fixtures/gen_optim_weight_decay.py, the same RandomState(0) draws, float64).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';

interface Ref {
  lambda: number;
  l2Penalty: number;
  trainMse: number;
  valMse: number;
}
const fx: { scratch: Ref[]; concise: Ref[] } = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/optim_weight_decay.json', import.meta.url), 'utf8'),
);
const at = (list: Ref[], lambda: number) => list.find((r) => r.lambda === lambda)!;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
type Board = { train_loss: [number, number][]; val_loss: [number, number][] };

describe('weight-decay notebook', async () => {
  const { values, report } = await runLesson('weight-decay');

  it('prints the l2 norms of w as PyTorch gives them (lambda 0 and 3 scratch, wd 3 concise)', () => {
    expect(report).toEqual([
      pyFormat('l2 norm of w:%.2g', at(fx.scratch, 0).l2Penalty),
      pyFormat('l2 norm of w:%.2g', at(fx.scratch, 3).l2Penalty),
      pyFormat('l2 norm of w: %.4g', at(fx.concise, 3).l2Penalty),
    ]);
    const scratch = values['d2l.l2_penalty(model.w)'] as number[];
    expect(rel(scratch[0]!, at(fx.scratch, 0).l2Penalty)).toBeLessThan(1e-9);
    expect(rel(scratch[1]!, at(fx.scratch, 3).l2Penalty)).toBeLessThan(1e-9);
    const concise = values['d2l.l2_penalty(model.net.weight)'] as number;
    expect(rel(concise, at(fx.concise, 3).l2Penalty)).toBeLessThan(1e-9);
  });

  it("records each fit's board: the training loss twice an epoch, the validation loss once", () => {
    const boards = values['trainer.fit(model, data)'] as Board[];
    expect(boards).toHaveLength(4);
    for (const board of boards) {
      expect(board.train_loss.map((p) => p[0])).toEqual(
        Array.from({ length: 20 }, (_, j) => (4 * j + 1) / 8),
      );
      expect(board.val_loss.map((p) => p[0])).toEqual(Array.from({ length: 10 }, (_, e) => e + 1));
    }
    // The last validation point is the validation loss after training: for the scratch model
    // MSE/2 + λ·l2_penalty(w), for the concise one the MSE.
    const last = (b: Board) => b.val_loss.at(-1)![1];
    for (const [i, lambda] of [0, 3].entries()) {
      const r = at(fx.scratch, lambda);
      expect(rel(last(boards[i]!), r.valMse / 2 + lambda * r.l2Penalty)).toBeLessThan(1e-9);
    }
    expect(rel(last(boards[2]!), at(fx.concise, 3).valMse)).toBeLessThan(1e-9);
    expect(boards[3]).toEqual(boards[2]); // exercise 1 redraws the same data and model
  });

  it('exercise 1: training and validation loss as functions of lambda equal PyTorch', () => {
    expect(values.lambdas).toEqual([0, 1, 3, 10]);
    const train = values.train_loss as number[];
    const val = values.val_loss as number[];
    [0, 1, 3, 10].forEach((lambda, i) => {
      const r = at(fx.concise, lambda);
      expect(rel(train[i]!, r.trainMse)).toBeLessThan(1e-6);
      expect(rel(val[i]!, r.valMse)).toBeLessThan(1e-9);
    });
    // More decay fits the 20 points worse and generalises better (here, up to lambda 10).
    for (let i = 1; i < 4; i++) {
      expect(train[i]!).toBeGreaterThan(train[i - 1]!);
      expect(val[i]!).toBeLessThan(val[i - 1]!);
    }
  });

  it('--scale 0.5 trains 5 epochs', async () => {
    const half = await runLesson('weight-decay', { scale: 0.5 });
    const boards = half.values['trainer.fit(model, data)'] as Board[];
    expect(boards[0]!.val_loss).toHaveLength(5);
    expect(boards[0]!.train_loss).toHaveLength(10);
  });
});
