/**
 * The `shallow` lesson's harness: notebook 3.1's (`../3-1-shallow-networks-i/harness.ts`), whose
 * `shallow-1-1-3` exercise this lesson grades. The grader bundles each lesson's `harness.ts`, which
 * may import only the library packages and other lessons' harnesses.
 */
export * from '../3-1-shallow-networks-i/harness.js';
