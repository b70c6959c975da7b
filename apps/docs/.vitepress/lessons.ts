/**
 * The lesson pages, in course order: one per seed notebook (../shared/seeds/), plus the three
 * CM20315 notebooks the seeds' README summarises (Shallow, Coursework I, Convolution III).
 */
export interface LessonEntry {
  slug: string;
  title: string;
  seed: string;
}

export const lessons: LessonEntry[] = [
  {
    slug: 'autograd-intro',
    title: 'Intro to autograd and training',
    seed: 'tufts-intro-autograd-nn-training.md',
  },
  { slug: 'shallow', title: 'Shallow networks', seed: 'README.md (CM20315 Shallow)' },
  { slug: 'deep', title: 'Deep networks I: composing networks', seed: 'udl-cm20315-deep.md' },
  { slug: 'deep2', title: 'Deep networks II: matrix form', seed: 'udl-cm20315-deep2.md' },
  { slug: 'loss', title: 'Loss I: least squares as a Gaussian likelihood', seed: 'udl-cm20315-loss.md' },
  { slug: 'loss-ii', title: 'Loss II: binary classification', seed: 'udl-cm20315-loss_ii.md' },
  { slug: 'loss-iii', title: 'Loss III: multiclass classification', seed: 'udl-cm20315-loss_iii.md' },
  { slug: 'training-i', title: 'Training I: line search', seed: 'udl-training_i.md' },
  { slug: 'training-ii', title: 'Training II: gradient descent', seed: 'udl-cm20315-training_ii.md' },
  {
    slug: 'training-iii',
    title: 'Training III: stochastic gradient descent',
    seed: 'udl-cm20315-training_iii.md',
  },
  { slug: 'gd-variants', title: 'Gradient-descent variants', seed: 'dl4cv-gradient-descent-variants.md' },
  { slug: 'gradients-i', title: 'Gradients I: derivatives by hand', seed: 'udl-cm20315-gradients_i.md' },
  { slug: 'gradients-ii', title: 'Gradients II: backpropagation', seed: 'udl-cm20315-gradients_ii.md' },
  { slug: 'gradients-iii', title: 'Gradients III: initialization', seed: 'udl-cm20315-gradients_iii.md' },
  {
    slug: 'coursework-i',
    title: 'Coursework I: model hyperparameters',
    seed: 'README.md (CM20315 Coursework I)',
  },
  {
    slug: 'coursework-ii',
    title: 'Coursework II: training hyperparameters',
    seed: 'udl-cm20315-coursework_ii.md',
  },
  { slug: 'coursework-iii', title: 'Coursework III: regularization', seed: 'udl-cm20315-coursework_iii.md' },
  { slug: 'weight-decay', title: 'Weight decay (D2L 3.7)', seed: 'd2l-3.7-weight-decay-exercises.md' },
  {
    slug: 'implicit-regularization',
    title: 'Implicit regularization (UDL 9.2)',
    seed: 'udl-9.2-implicit-regularization.md',
  },
  { slug: 'coursework-iv', title: 'Coursework IV: high dimensions', seed: 'udl-cm20315-coursework_iv.md' },
  {
    slug: 'convolution-i',
    title: 'Convolution I: convolution by hand',
    seed: 'udl-cm20315-convolution_i.md',
  },
  { slug: 'convolution-ii', title: 'Convolution II: MNIST-1D', seed: 'udl-cm20315-convolution_ii.md' },
  {
    slug: 'convolution-iii',
    title: 'Convolution III: 2-D digits',
    seed: 'README.md (CM20315 Convolution III)',
  },
  { slug: 'transformers', title: 'Transformers: decoding GPT-2', seed: 'udl-cm20315-transformers.md' },
];
