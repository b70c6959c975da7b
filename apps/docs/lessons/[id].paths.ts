// One page per lesson of the registry (and a redirect page per alias), from .vitepress/course.json.
import { readCourse } from '../.vitepress/course';

export default {
  paths() {
    const course = readCourse();
    return [
      ...course.lessons.map((l) => ({ params: { id: l.id }, content: l.page })),
      ...course.aliases.map((a) => ({ params: { id: a.alias }, content: a.page })),
    ];
  },
};
