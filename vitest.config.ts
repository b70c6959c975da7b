import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The course site's end-to-end files (apps/docs/test/e2e-*.test.ts), which need the site built. */
const siteFile = (f: TestSpecification) =>
  /[/\\]apps[/\\]docs[/\\]test[/\\]e2e-[^/\\]*\.test\.ts$/.test(f.moduleId);

/**
 * The unit files that take a minute or more on CI's two cores (measured: 195, 94, 55, 49 and 44 s),
 * longest first. A fresh clone has no vitest cache, and vitest then orders files by size, which put
 * the 55 s solutions file last: one worker started its end-to-end file 30 s after the other.
 */
const LONG_FIRST = [
  'tests/test/release.test.ts',
  'apps/cli/test/hostile.test.ts',
  'apps/cli/test/solutions.test.ts',
  'packages/transformers/test/browser.test.ts',
  'apps/cli/test/grade.test.ts',
];
const longRank = (f: TestSpecification) =>
  LONG_FIRST.findIndex((p) => f.moduleId.replaceAll('\\', '/').endsWith(`/${p}`));

/**
 * vitest's order (failed, then longest first, from its cache), except that the long unit files
 * ({@link LONG_FIRST}) go first, so that the units end on both workers at about the same time, and
 * the course site's end-to-end files go last: `pnpm test` builds the site beside the other files
 * from the start (scripts/test.mjs), so they find it built instead of waiting for it; being the two
 * longest files, of about equal length, they end the run together on the two workers.
 */
class SiteFilesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = sorted.filter((f) => longRank(f) >= 0).sort((a, b) => longRank(a) - longRank(b));
    const rest = sorted.filter((f) => longRank(f) < 0 && !siteFile(f));
    return [...long, ...rest, ...sorted.filter(siteFile)];
  }
}

// One vitest run over the whole workspace. Workspace packages resolve to their TypeScript
// sources through the `@gradkit/source` export condition, so tests need no build step.
const conditions = ['@gradkit/source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['{packages,apps,tests}/**/test/**/*.test.ts', 'packages/course/lessons/*/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The test files of a worker share its module graph instead of importing the workspace again
    // each (with isolation, collecting took ~200 s of the run's worker time on CI's two cores; now
    // ~70 s). No test mocks modules or stubs globals; tests that change process-wide settings
    // (threads, seeds, environment variables) put them back.
    isolate: false,
    sequence: { sequencer: SiteFilesLast },
    // The plain SIMD build of the WebAssembly kernels on every Node: tests pin float32 bits (trained
    // weights, kernel parity), and Node 22+ would otherwise load the relaxed-SIMD FMA build, whose
    // GEMM rounds once per multiply-add (packages/core/test/kernels-fma.test.ts tests that build).
    // And one GEMM thread: with two test workers on CI's two cores, the automatic kernel threads of
    // Node's main thread (packages/core/src/kernels/threads.ts) would only contend for them;
    // threads-auto.test.ts runs the automatic setting in child processes.
    env: {
      GRADKIT_WASM_FMA: process.env.GRADKIT_WASM_FMA ?? '0',
      GRADKIT_NUM_THREADS: process.env.GRADKIT_NUM_THREADS ?? '1',
    },
    // One test file per core. vitest's default for `run` is cores − 1, which on a 2-core machine
    // (CI's) is a single worker while the main process mostly waits; many files spend their time
    // in child processes (the CLI, Chromium, the site build), so a second worker pays.
    // GRADKIT_TEST_WORKERS pins the count (1 for a quiet, serial run).
    maxWorkers: Number(process.env.GRADKIT_TEST_WORKERS) || Math.max(availableParallelism(), 1),
  },
});
