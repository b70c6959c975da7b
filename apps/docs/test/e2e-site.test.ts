// End-to-end, part 1 of 2 (see site-suite.ts for what is checked): the site as a whole (home,
// lessons index, API reference, search, dark mode, the exercise editor, aliases) and half of the
// lesson pages (splitLessons). e2e-lessons.test.ts checks the others.
import { courseSiteSuite, splitLessons } from './site-suite.js';

courseSiteSuite({
  title: 'course site in headless Chromium: the site, and half of the lessons',
  lessons: splitLessons()[0],
  site: true,
});
