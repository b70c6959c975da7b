// Web worker: trains one width of notebook 8.3's sweep at a time with the lesson's own code
// (`trainWidth` of @gradkit/course: RandomState(1), SGD lr 0.01 momentum 0.9, batches of 100, on
// 4000 MNIST-1D examples with 15% label noise) and posts each width's final errors. The page
// runs a few of these workers side by side, handing each the next width as it finishes.
import { trainWidth } from '@gradkit/course/lessons/8-3-double-descent/notebook';

self.onmessage = async (e: MessageEvent<{ nHidden: number; nEpoch: number }>) => {
  try {
    const { nHidden, nEpoch } = e.data;
    const r = await trainWidth({ nHidden, nEpoch });
    postMessage({
      type: 'width',
      nHidden: r.nHidden,
      totalWeights: r.totalWeights,
      errorsTrain: r.errorsTrain,
      errorsTest: r.errorsTest,
      seconds: r.seconds,
    });
  } catch (err) {
    postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

// The page sends a job only after this message: a module worker that is still evaluating its
// imports (@gradkit/core instantiates WebAssembly with a top-level await) would drop it.
postMessage({ type: 'ready' });
