// End-to-end, part 2 of 2 (see site-suite.ts for what is checked): the lesson pages at even
// positions of the course registry. e2e-site.test.ts checks the site as a whole and the others.
import { lessons } from '@gradkit/course';
import { courseSiteSuite } from './site-suite.js';

courseSiteSuite({
  title: 'course site in headless Chromium: the other half of the lessons',
  lessons: lessons.filter((_, i) => i % 2 === 0),
  site: false,
});
