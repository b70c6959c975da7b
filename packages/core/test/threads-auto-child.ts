// Child process of threads-auto.test.ts: `node --conditions=@gradkit/source --import tsx
// threads-auto-child.ts MODE [expect-start]` with GRADKIT_NUM_THREADS as the test sets it. Prints
// one JSON line with threads-auto-job.ts's measurement: on this main thread (MODE `main`), after
// `setNumThreads(1)` (`pinned`), or in a parallelMap worker thread (`worker`, with this thread's
// count after). `expect-start`: wait up to ten seconds for threads after the large GEMM, not half
// a second.
import { getNumThreads, setNumThreads } from '../src/index.js';
import { parallelMap } from '../src/node.js';
import { measure } from './threads-auto-job.js';

const mode = process.argv[2] ?? 'main';
if (mode === 'worker') {
  // two threads for one item: one worker thread runs it (`threads: 1` would run it on this thread)
  const [worker] = await parallelMap(new URL('./threads-auto-job.ts', import.meta.url), 'measure', [0], {
    threads: 2,
  });
  console.log(JSON.stringify({ worker, main: getNumThreads() }));
} else {
  if (mode === 'pinned') await setNumThreads(1);
  console.log(JSON.stringify(await measure(process.argv[3] === 'expect-start')));
}
process.exit(0);
