// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to hand in the private reference solutions: re-exports them from @gradkit/solutions.
// Refused at compile time.
export { normalNll, normalPdf } from '@gradkit/solutions/lessons/5-1-least-squares-loss.ts';
