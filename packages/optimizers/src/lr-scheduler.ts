/**
 * Learning-rate schedules with PyTorch's `torch.optim.lr_scheduler` semantics (1.13): a
 * scheduler reads each group's `initialLr` (set from `lr` on construction), and on every
 * `step()` advances `lastEpoch` and writes only the group's `lr`. Values are computed with
 * PyTorch's recursive ("chainable") formulas, so they match it per epoch to rounding; each
 * class also gives the closed form in `closedFormLr()`.
 *
 * ```ts
 * const opt = new SGD(params, { lr: 0.05, momentum: 0.9 });
 * const sched = new StepLR(opt, { stepSize: 10, gamma: 0.5 }); // the coursework's schedule
 * for (let epoch = 0; epoch < 50; epoch++) { trainOneEpoch(); sched.step(); }
 * ```
 */
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import type { BaseOptions, Optimizer } from './optimizer.js';

/** Base class (PyTorch's `_LRScheduler`). Subclasses implement {@link getLr}. */
export abstract class LRScheduler {
  readonly optimizer: Optimizer<BaseOptions>;
  /** Each group's initial learning rate. */
  readonly baseLrs: number[];
  /** The index of the last epoch (−1 before the first step; the constructor's step makes it 0). */
  lastEpoch: number;
  protected lastLrs: number[] = [];

  protected constructor(optimizer: Optimizer<BaseOptions>, lastEpoch = -1) {
    const op = this.constructor.name;
    if (optimizer == null || !Array.isArray((optimizer as { paramGroups?: unknown }).paramGroups))
      throw new ValueError(op, `optimizer must be an Optimizer, received ${show(optimizer)}`);
    this.optimizer = optimizer;
    if (lastEpoch === -1) {
      for (const g of optimizer.paramGroups) if (g.initialLr === undefined) g.initialLr = g.lr;
    } else {
      optimizer.paramGroups.forEach((g, i) => {
        if (g.initialLr === undefined)
          throw new ValueError(
            op,
            `paramGroups[${i}].initialLr is not set, but lastEpoch=${lastEpoch} says the schedule is being resumed`,
          );
      });
    }
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
  }

  /** Call at the end of the subclass constructor: PyTorch's `_initial_step`. */
  protected initialStep(): void {
    this.step();
  }

  /** The learning rates for epoch `lastEpoch`, from the groups' current `lr` (chainable form). */
  protected abstract getLr(): number[];

  /** The learning rates for epoch `lastEpoch` from the base rates (closed form). */
  abstract closedFormLr(): number[];

  /** Advance one epoch and write each group's `lr`. */
  step(): void {
    this.lastEpoch += 1;
    const values = this.getLr();
    this.optimizer.paramGroups.forEach((g, i) => {
      g.lr = values[i]!;
    });
    this.lastLrs = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rates the last `step()` wrote (PyTorch's `get_last_lr`). */
  getLastLr(): number[] {
    return [...this.lastLrs];
  }

  /** The scheduler's own state (not the optimizer's). */
  stateDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'optimizer') out[k] = Array.isArray(v) ? [...v] : v;
    return out;
  }

  /** Restore from {@link stateDict}. */
  loadStateDict(state: Record<string, unknown>): void {
    Object.assign(this, state);
  }

  protected groupLrs(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }
}

function checkPositiveInt(op: string, key: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new ValueError(op, `${key} must be a positive integer, received ${show(v)}`);
}
function checkGamma(op: string, v: unknown): void {
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v))
    throw new ValueError(op, `gamma must be a finite number >= 0, received ${show(v)}`);
}

/**
 * Multiply the learning rate by `gamma` every `stepSize` epochs (PyTorch `StepLR`):
 * `lr_e = lr_0 · γ^⌊e / stepSize⌋`. The coursework uses `StepLR(opt, { stepSize: 10, gamma: 0.5 })`.
 * Default gamma 0.1.
 */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;
  constructor(
    optimizer: Optimizer<BaseOptions>,
    { stepSize, gamma = 0.1, lastEpoch = -1 }: { stepSize: number; gamma?: number; lastEpoch?: number },
  ) {
    super(optimizer, lastEpoch);
    checkPositiveInt('StepLR', 'stepSize', stepSize);
    checkGamma('StepLR', gamma);
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.initialStep();
  }
  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma);
  }
  closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}

/**
 * Multiply the learning rate by `gamma` at each milestone epoch (PyTorch `MultiStepLR`):
 * `lr_e = lr_0 · γ^(number of milestones ≤ e)`. A milestone listed twice counts twice.
 */
export class MultiStepLR extends LRScheduler {
  readonly milestones: number[];
  readonly gamma: number;
  constructor(
    optimizer: Optimizer<BaseOptions>,
    { milestones, gamma = 0.1, lastEpoch = -1 }: { milestones: number[]; gamma?: number; lastEpoch?: number },
  ) {
    super(optimizer, lastEpoch);
    if (
      !Array.isArray(milestones) ||
      milestones.some((m) => typeof m !== 'number' || !Number.isInteger(m) || m < 0)
    )
      throw new ValueError(
        'MultiStepLR',
        `milestones must be a list of non-negative integers, received ${show(milestones)}`,
      );
    checkGamma('MultiStepLR', gamma);
    this.milestones = [...milestones].sort((a, b) => a - b);
    this.gamma = gamma;
    this.initialStep();
  }
  protected getLr(): number[] {
    const count = this.milestones.filter((m) => m === this.lastEpoch).length;
    if (count === 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma ** count);
  }
  closedFormLr(): number[] {
    const passed = this.milestones.filter((m) => m <= this.lastEpoch).length;
    return this.baseLrs.map((b) => b * this.gamma ** passed);
  }
}

/** Multiply the learning rate by `gamma` every epoch (PyTorch `ExponentialLR`): `lr_e = lr_0 γ^e`. */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;
  constructor(
    optimizer: Optimizer<BaseOptions>,
    { gamma, lastEpoch = -1 }: { gamma: number; lastEpoch?: number },
  ) {
    super(optimizer, lastEpoch);
    checkGamma('ExponentialLR', gamma);
    this.gamma = gamma;
    this.initialStep();
  }
  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma);
  }
  closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** this.lastEpoch);
  }
}

/**
 * Cosine annealing (Loshchilov & Hutter 2017, SGDR, without restarts; PyTorch
 * `CosineAnnealingLR`): `lr_e = η_min + ½(lr_0 − η_min)(1 + cos(π e / T_max))`, computed with
 * PyTorch's recursive form (past `T_max` it rises again, as PyTorch's does).
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;
  private stepCount = 0;
  constructor(
    optimizer: Optimizer<BaseOptions>,
    { tMax, etaMin = 0, lastEpoch = -1 }: { tMax: number; etaMin?: number; lastEpoch?: number },
  ) {
    super(optimizer, lastEpoch);
    checkPositiveInt('CosineAnnealingLR', 'tMax', tMax);
    if (typeof etaMin !== 'number' || !(etaMin >= 0))
      throw new ValueError('CosineAnnealingLR', `etaMin must be a number >= 0, received ${show(etaMin)}`);
    this.tMax = tMax;
    this.etaMin = etaMin;
    this.initialStep();
  }
  override step(): void {
    this.stepCount += 1;
    super.step();
  }
  protected getLr(): number[] {
    const { lastEpoch: e, tMax: T, etaMin } = this;
    const lrs = this.groupLrs();
    if (e === 0) return lrs;
    if (this.stepCount === 1 && e > 0)
      return this.baseLrs.map((b) => etaMin + ((b - etaMin) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    if ((((e - 1 - T) % (2 * T)) + 2 * T) % (2 * T) === 0)
      return lrs.map((lr, i) => lr + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / T))) / 2);
    return lrs.map(
      (lr) =>
        ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (lr - etaMin) +
        etaMin,
    );
  }
  closedFormLr(): number[] {
    return this.baseLrs.map(
      (b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.tMax))) / 2,
    );
  }
}

/**
 * Linear warmup (PyTorch `LinearLR`): the factor goes linearly from `startFactor` to
 * `endFactor` over `totalIters` epochs, then stays: `lr_e = lr_0 (s + (f − s) min(e, n) / n)`.
 * Defaults: startFactor 1/3, endFactor 1, totalIters 5.
 */
export class LinearLR extends LRScheduler {
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;
  constructor(
    optimizer: Optimizer<BaseOptions>,
    {
      startFactor = 1 / 3,
      endFactor = 1,
      totalIters = 5,
      lastEpoch = -1,
    }: { startFactor?: number; endFactor?: number; totalIters?: number; lastEpoch?: number } = {},
  ) {
    super(optimizer, lastEpoch);
    if (typeof startFactor !== 'number' || !(startFactor > 0) || !(startFactor <= 1))
      throw new ValueError('LinearLR', `startFactor must be in (0, 1], received ${show(startFactor)}`);
    if (typeof endFactor !== 'number' || !(endFactor >= 0) || !(endFactor <= 1))
      throw new ValueError('LinearLR', `endFactor must be in [0, 1], received ${show(endFactor)}`);
    checkPositiveInt('LinearLR', 'totalIters', totalIters);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }
  protected getLr(): number[] {
    const { lastEpoch: e, startFactor: s, endFactor: f, totalIters: n } = this;
    const lrs = this.groupLrs();
    if (e === 0) return lrs.map((lr) => lr * s);
    if (e > n) return lrs;
    return lrs.map((lr) => lr * (1 + (f - s) / (n * s + (e - 1) * (f - s))));
  }
  closedFormLr(): number[] {
    const { lastEpoch: e, startFactor: s, endFactor: f, totalIters: n } = this;
    return this.baseLrs.map((b) => b * (s + ((f - s) * Math.min(n, e)) / n));
  }
}

/** Alias of {@link LinearLR}: a linear learning-rate warmup. */
export const LinearWarmup = LinearLR;
