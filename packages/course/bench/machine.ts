/**
 * The lines every notebook benchmark of this folder prints around its run: the machine (CPU model,
 * cores, load average, which build of core's kernels runs) before, the load average after (on a
 * shared machine other jobs take the cores from both sides).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { wasmFma } from '@gradkit/core';

/** The 1, 5 and 15 minute load averages. */
export const loadAverage = (): string =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(' ');

/** `machine: <CPU>, <n> cores; load average … before; kernels: <build>`. */
export const machineLine = (): string =>
  `machine: ${cpus()[0]?.model ?? 'CPU'}, ${availableParallelism()} cores; load average ${loadAverage()} before; kernels: ${wasmFma() ? 'relaxed SIMD (FMA)' : 'plain SIMD'}`;
