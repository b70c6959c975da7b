/**
 * `gradkit demo` as data: the demo sections of the lessons that have one (their `demo.ts`), in
 * registry order — a short tour of the course that runs offline.
 */
import { lessons } from './registry.js';
import type { DemoSection, Lesson } from './types.js';

/** One section of the demo, with its lesson. */
export interface DemoEntry {
  lesson: Lesson;
  section: DemoSection<object>;
}

/** Every lesson's demo section (loading each lesson's `demo.ts`), in registry order. */
export async function demoSections(): Promise<DemoEntry[]> {
  const withDemo = lessons.filter((l) => l.demoModule);
  const modules = await Promise.all(withDemo.map((l) => l.demoModule!()));
  return withDemo.map((lesson, i) => ({ lesson, section: modules[i]!.section }));
}
