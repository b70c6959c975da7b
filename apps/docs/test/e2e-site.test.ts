// End-to-end, part 1 of 2 (see site-suite.ts for what is checked): the site as a whole (home,
// lessons index, API reference, search, dark mode, the exercise editor, aliases) and the lesson
// pages at odd positions of the course registry. e2e-lessons.test.ts checks the others.
import { lessons } from '@gradkit/course';
import { courseSiteSuite } from './site-suite.js';

courseSiteSuite({
  title: 'course site in headless Chromium: the site, and half of the lessons',
  lessons: lessons.filter((_, i) => i % 2 === 1),
  site: true,
});
