// The shallow lesson grades notebook 3.1's `relu` and `shallow-1-1-3` exercises as they are (the
// same objects), and its harness.ts, which the grader bundles on its own, is 3.1's.
import { describe, expect, it } from 'vitest';
import * as harness31 from '../3-1-shallow-networks-i/harness.js';
import shallowNetworksI from '../3-1-shallow-networks-i/index.js';
import * as harness from './harness.js';
import lesson from './index.js';

describe('shallow exercises', () => {
  it('are notebook 3.1’s relu and shallow-1-1-3, with its harness', () => {
    expect(lesson.exercises).toEqual(shallowNetworksI.exercises.slice(0, 2));
    expect(lesson.exercises[0]).toBe(shallowNetworksI.exercises[0]);
    expect(lesson.exercises[1]).toBe(shallowNetworksI.exercises[1]);
    expect(lesson.harness).toBe(shallowNetworksI.harness);
  });
  it('has harness.ts exporting 3.1’s harness functions', () => {
    expect(Object.keys(harness).sort()).toEqual(Object.keys(harness31).sort());
    for (const [name, fn] of Object.entries(harness31))
      expect(harness[name as keyof typeof harness]).toBe(fn);
  });
});
