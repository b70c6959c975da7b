/**
 * `pnpm build` = `tsx src/build.ts curriculum.json --out dist`: resolve the curriculum's lessons in
 * the course registry and write the course outline and the starter-exercise folder.
 */
import { resolve } from 'node:path';
import { buildCourse, loadCurriculum } from './curriculum.js';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const file = args.find((a, i) => !a.startsWith('--') && i !== outAt + 1) ?? 'curriculum.json';
const out = resolve(outAt >= 0 && args[outAt + 1] ? args[outAt + 1]! : 'dist');
const course = loadCurriculum(file);
const built = buildCourse(course, out);
console.log(
  `${course.title}: ${course.lessons.length} lessons (${course.lessons.map((l) => l.id).join(', ')}), ${course.pages.length} pages → ${out} (${built.files.length} files)`,
);
