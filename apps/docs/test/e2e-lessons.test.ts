// End-to-end, part 2 of 2 (see site-suite.ts for what is checked): the other half of the lesson
// pages (splitLessons). e2e-site.test.ts checks the site as a whole and the rest.
import { courseSiteSuite, splitLessons } from './site-suite.js';

courseSiteSuite({
  title: 'course site in headless Chromium: the other half of the lessons',
  lessons: splitLessons()[1],
  site: false,
});
