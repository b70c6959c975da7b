// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Like reexport-reference.ts, but reaches the hidden functions through a namespace import and
// the lesson's other reference functions (`check.reference`: normalLogPdf for normal-pdf), so no
// named import gives it away at compile time: the facade's stand-ins throw instead.
import * as losses from '@gradkit/losses';

export function normalPdf(y: number, mu: number, sigma: number): number {
  const ns = losses as Record<string, (...a: unknown[]) => { item(): number }>;
  return Math.exp(ns.normalLogPdf(y, mu, sigma).item());
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  const ns = losses as Record<string, (...a: unknown[]) => { item(): number }>;
  return ns.normalNll(y, mu, sigma).item();
}
