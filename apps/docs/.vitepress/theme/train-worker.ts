// Web worker of the coursework playground (TrainDemo.vue): trains one run at a time on MNIST-1D
// (generated as the coursework-ii lesson does, once per worker) with train-run.ts's
// `playgroundTrainer` (the coursework pipeline of @gradkit/course with the playground's knobs),
// posting one message per epoch and, at the end, the validation set's confusion matrix.
import { getNumThreads } from '@gradkit/core';
import { mnist1dData, type TrainData } from '@gradkit/course/lessons/coursework-ii/notebook';
import { confusionMatrix, type PlaygroundSettings, playgroundTrainer } from './train-run';

/** The page's request: train `settings`; the replies carry `run`. */
export interface TrainRequest {
  type: 'train';
  run: number;
  settings: PlaygroundSettings;
}

/** The worker's messages. */
export type TrainReply =
  | { type: 'ready' }
  | { type: 'status'; run: number; text: string }
  | {
      type: 'epoch';
      run: number;
      epoch: number;
      trainError: number;
      valError: number;
      lr: number;
      seconds: number;
    }
  | {
      type: 'done';
      run: number;
      confusion: number[];
      validationSize: number;
      seconds: number;
      /** The threads the run's large products used at its end (more than 1 where the page is cross-origin isolated). */
      threads: number;
    }
  | { type: 'error'; run: number; message: string };

const post = (m: TrainReply) => postMessage(m);
let data: TrainData | null = null;

self.onmessage = async (e: MessageEvent<TrainRequest>) => {
  const { run, settings } = e.data;
  try {
    if (!data) {
      post({ type: 'status', run, text: 'Generating MNIST-1D (4000 training / 1000 validation signals)…' });
      data = mnist1dData();
    }
    post({ type: 'status', run, text: 'Training…' });
    const { trainer, model } = playgroundTrainer(data, settings);
    trainer.on('epoch', (r) =>
      post({
        type: 'epoch',
        run,
        epoch: r.epoch,
        trainError: r.trainError,
        valError: r.valError,
        lr: r.lr,
        seconds: r.seconds,
      }),
    );
    const t0 = performance.now();
    await trainer.fit();
    const seconds = (performance.now() - t0) / 1000;
    post({
      type: 'done',
      run,
      confusion: confusionMatrix(model, data.xVal, data.yVal),
      validationSize: data.yVal.size,
      seconds,
      threads: getNumThreads(),
    });
  } catch (err) {
    post({ type: 'error', run, message: err instanceof Error ? err.message : String(err) });
  }
};

// The page sends the job only after this message: a module worker that is still evaluating its
// imports (@gradkit/core instantiates WebAssembly with a top-level await) would drop it.
post({ type: 'ready' });
