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
    'deep',
    'deep2',
    'loss-i',
    'loss-ii',
    'loss-iii',
    'training-i',
    'training-ii',
    'training-iii',
    'gd-variants',
    'gradients-i',
    'gradients-ii',
    'gradients-iii',
    'coursework-i',
    'coursework-ii',
    'coursework-iii',
    'weight-decay',
    '9-2-implicit-regularization',
    'coursework-iv',
    'convolution-i',
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
  lessons: ['9-2-implicit-regularization'],
};

/** The built-in curricula by id. */
export const curricula: Readonly<Record<string, Curriculum>> = Object.freeze({ cm20315, udl });
