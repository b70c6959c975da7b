/**
 * The built-in curricula, as data (the `curriculum.json` format of `gradkit curriculum`):
 *
 * - `cm20315`: the practicals of the CM20315 course (University of Bath) with the seed notebooks
 *   that go with them (an autograd introduction, gradient-descent variants, D2L 3.7 weight decay,
 *   UDL 9.2), in course order;
 * - `udl`: the notebooks of Understanding Deep Learning in chapter order (it grows as the book's
 *   lessons land). Where a CM20315 practical and a book notebook teach the same thing with the
 *   same code, one lesson serves both curricula.
 */
import type { Curriculum } from './types.js';

export const cm20315: Curriculum = {
  id: 'cm20315',
  title: 'CM20315 Machine Learning: the practicals',
  description:
    'The practicals of CM20315 (University of Bath), built on Understanding Deep Learning, with an autograd introduction, gradient-descent variants and weight decay: from a shallow network to decoding GPT-2.',
  lessons: [
    'autograd-intro',
    'shallow',
    '4-1-composing-networks',
    'deep2',
    '5-1-least-squares-loss',
    '5-2-binary-cross-entropy-loss',
    'loss-iii',
    'training-i',
    'training-ii',
    'training-iii',
    'gd-variants',
    'gradients-i',
    '7-2-backpropagation',
    '7-3-initialization',
    'coursework-i',
    'coursework-ii',
    'coursework-iii',
    'weight-decay',
    '9-2-implicit-regularization',
    '8-4-high-dimensional-spaces',
    '10-3-2d-convolution',
    'convolution-ii',
    'convolution-iii',
    'transformers',
  ],
};

export const udl: Curriculum = {
  id: 'udl',
  title: 'Understanding Deep Learning: the notebooks',
  description:
    "The notebooks of Simon J.D. Prince's Understanding Deep Learning (MIT Press, 2023), chapter by chapter, each run exactly and graded.",
  lessons: [
    '1-1-background-mathematics',
    '2-1-supervised-learning',
    '3-1-shallow-networks-i',
    '3-2-shallow-networks-ii',
    '3-3-shallow-network-regions',
    '3-4-activation-functions',
    '4-1-composing-networks',
    '4-2-clipping-functions',
    '4-3-deep-networks',
    '5-1-least-squares-loss',
    '5-2-binary-cross-entropy-loss',
    '5-3-multiclass-cross-entropy-loss',
    '6-1-line-search',
    '6-2-gradient-descent',
    '6-3-stochastic-gradient-descent',
    '6-4-momentum',
    '6-5-adam',
    '7-1-backpropagation-in-toy-model',
    '7-2-backpropagation',
    '7-3-initialization',
    '8-1-mnist-1d-performance',
    '8-2-bias-variance-trade-off',
    '8-3-double-descent',
    '8-4-high-dimensional-spaces',
    '9-1-l2-regularization',
    '9-2-implicit-regularization',
    '9-3-ensembling',
    '9-4-bayesian-approach',
    '9-5-augmentation',
    '10-1-1d-convolution',
    '10-2-convolution-for-mnist-1d',
    '10-3-2d-convolution',
    '10-4-downsampling-and-upsampling',
    '10-5-convolution-for-mnist',
    '11-1-shattered-gradients',
    '11-2-residual-networks',
    '11-3-batch-normalization',
    '18-2-1d-diffusion-model',
    '20-1-random-data',
    '20-2-full-batch-gradient-descent',
    '20-3-lottery-tickets',
    '20-4-adversarial-attacks',
  ],
};

/** The built-in curricula by id. */
export const curricula: Readonly<Record<string, Curriculum>> = Object.freeze({ cm20315, udl });
