// Web worker: the coursework recipe on generated MNIST-1D (the coursework-ii lesson's own
// training code from @gradkit/course), posting one message per epoch.
import { courseworkTrainer, mnist1dData, RECIPE } from '@gradkit/course/lessons/coursework-ii/notebook';

self.onmessage = async (e: MessageEvent<{ epochs: number; seed: number; weightDecay?: number }>) => {
  try {
    const { epochs, seed, weightDecay = 0 } = e.data;
    postMessage({ type: 'status', text: 'Generating MNIST-1D (4000 train / 1000 validation)…' });
    const data = mnist1dData();
    postMessage({ type: 'status', text: 'Training…' });
    const { trainer } = courseworkTrainer(data, { ...RECIPE, epochs, weightDecay }, seed);
    trainer.on('epoch', (r) =>
      postMessage({
        type: 'epoch',
        epoch: r.epoch,
        trainError: r.trainError,
        valError: r.valError,
        seconds: r.seconds,
      }),
    );
    await trainer.fit();
    postMessage({ type: 'done' });
  } catch (err) {
    postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

// The page sends the job only after this message: a module worker that is still evaluating its
// imports (@gradkit/core instantiates WebAssembly with a top-level await) would drop it.
postMessage({ type: 'ready' });
