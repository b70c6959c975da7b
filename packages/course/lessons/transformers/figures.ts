/** The Transformers lesson's figure: beam search's hypotheses as a tree, on the page's bigram model. */
import { beamTree, type Figure } from '@gradkit/plot';
import { toyBeams } from './toy-lm.js';

export const figures: Record<string, () => Promise<Figure>> = {
  'beam-tree': async () => {
    const r = await toyBeams();
    return beamTree({
      prompt: r.prompt,
      beams: r.beams,
      title: 'Beam search, 3 beams, on a small bigram model',
    });
  },
};
