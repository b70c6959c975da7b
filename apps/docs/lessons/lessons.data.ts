// Build-time data for the lesson cards (VitePress data loader): only what a card shows, so the
// pages that list the lessons do not ship every lesson's text. Read from .vitepress/course.json.
import { readCourse, readSite } from '../.vitepress/course';

/** The chapters of Understanding Deep Learning (Prince, MIT Press 2023). */
const CHAPTERS: Record<number, string> = {
  1: 'Introduction',
  2: 'Supervised learning',
  3: 'Shallow neural networks',
  4: 'Deep neural networks',
  5: 'Loss functions',
  6: 'Fitting models',
  7: 'Gradients and initialization',
  8: 'Measuring performance',
  9: 'Regularization',
  10: 'Convolutional networks',
  11: 'Residual networks',
  12: 'Transformers',
  13: 'Graph neural networks',
  14: 'Unsupervised learning',
  15: 'Generative adversarial networks',
  16: 'Normalizing flows',
  17: 'Variational autoencoders',
  18: 'Diffusion models',
  19: 'Reinforcement learning',
  20: 'Why does deep learning work?',
  21: 'Deep learning and ethics',
};

export interface LessonCard {
  id: string;
  title: string;
  summary: string;
  section: string | null;
  exercises: number;
  demo: boolean;
  thumbnail: boolean;
  /** The notebook's collection: 'udlbook' (the book's notebooks) or 'seeds' (CM20315 practicals). */
  kind: 'notebook' | 'practical';
}

export interface Chapter {
  /** The book's chapter number, or 0 for the lessons that teach the tools before the book. */
  number: number;
  title: string;
  lessons: LessonCard[];
}

export interface CurriculumList {
  id: string;
  title: string;
  description: string;
  lessons: { id: string; title: string; exercises: number }[];
}

export interface LessonIndex {
  chapters: Chapter[];
  curricula: CurriculumList[];
}

declare const data: LessonIndex;
export { data };

export default {
  watch: ['../.vitepress/course.json'],
  load(): LessonIndex {
    const course = readCourse();
    const byId = new Map(course.lessons.map((l) => [l.id, l]));
    const curricula = course.curricula
      .filter((c) => c.lessons.length)
      .map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        lessons: c.lessons.map((id) => ({
          id,
          title: byId.get(id)!.title,
          exercises: byId.get(id)!.exercises.length,
        })),
      }));
    // within a chapter: the book's notebooks in section order, then the practicals
    const rank = new Map<string, number>();
    for (const c of [...course.curricula].sort((a, b) => (a.id === 'udl' ? -1 : b.id === 'udl' ? 1 : 0)))
      for (const id of c.lessons) if (!rank.has(id)) rank.set(id, rank.size);
    const cardOf = (l: (typeof course.lessons)[number]): LessonCard => ({
      id: l.id,
      title: l.title,
      summary: l.summary,
      section: l.book?.section ?? null,
      exercises: l.exercises.length,
      demo: /<Demo\b/.test(l.page),
      thumbnail: l.figures.length > 0,
      kind: l.notebook.collection === 'udlbook' ? 'notebook' : 'practical',
    });
    // a curriculum's site (scripts/build.mjs --curriculum): its lessons in its order, one group
    if (readSite())
      return {
        chapters: [{ number: 0, title: 'The lessons', lessons: course.lessons.map(cardOf) }],
        curricula,
      };
    const chapters = new Map<number, LessonCard[]>();
    for (const l of course.lessons) {
      const number = l.book ? Number.parseInt(l.book.section, 10) : 0;
      if (!chapters.has(number)) chapters.set(number, []);
      chapters.get(number)!.push(cardOf(l));
    }
    const key = (c: LessonCard) => [c.kind === 'notebook' ? 0 : 1, rank.get(c.id) ?? 1e9] as const;
    const ordered = [...chapters]
      .sort(([a], [b]) => a - b)
      .map(([number, lessons]) => ({
        number,
        title:
          number === 0 ? 'Before the book: tensors and autograd' : `${number}. ${CHAPTERS[number] ?? ''}`,
        lessons: lessons.sort((a, b) => {
          const [ka, kb] = [key(a), key(b)];
          return ka[0] - kb[0] || ka[1] - kb[1];
        }),
      }));
    return { chapters: ordered, curricula };
  },
};
