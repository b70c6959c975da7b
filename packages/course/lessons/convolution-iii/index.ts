/**
 * Convolution III: a 2-D convolutional network for 28×28 digits (CM20315 Convolution III,
 * summarised in the seeds' README; UDL 10.3–10.4). The notebook trains the MNIST classifier of
 * `@gradkit/conv` with SGD and reports the train and test error per epoch; offline on the real
 * MNIST digits of `loadMnistDigits`. Exercises: the network's forward pass on given parameters and
 * the size of its flattened features — UDL notebook 10.5's TODO is the same network, so they are
 * that lesson's two exercises (`net`, `flattened-size`), defined there and graded here as they are.
 */
import { defineLesson } from '../../src/lesson.js';
import { flattenedSizeExercise, netExercise } from '../10-5-convolution-for-mnist/index.js';
import questions from './questions.json' with { type: 'json' };

export default defineLesson({
  questions,
  id: 'convolution-iii',
  title: 'Convolution III: 2-D digits',
  notebook: {
    collection: 'seeds',
    file: 'README.md',
    title: 'CM20315 Convolution III',
  },
  book: { section: '10.3–10.4', title: 'Convolutional networks for 2D inputs; downsampling' },
  packages: ['@gradkit/conv', '@gradkit/nn', '@gradkit/datasets', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'A 2-D convolutional network classifies 28×28 digits: two 5×5 convolutions with max pooling, ReLU and 2-D dropout, then two linear layers and a log-softmax, trained with SGD.',
  goals: [
    'Follow the sizes through convolution and pooling (28 → 24 → 12 → 8 → 4)',
    'Use max pooling and 2-D dropout',
    'Train a CNN and read its train and test error per epoch',
  ],
  figures: ['convolution-iii-digit'],
  exercises: [netExercise, flattenedSizeExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
