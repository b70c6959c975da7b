/**
 * The sections of `gradkit demo`, in the order they run. Later lessons append one section each:
 * write `demo/<lesson>.ts` exporting a `defineSection({...})` and add it to the list below.
 */
import { courseworkIv } from './coursework-iv.js';
import type { DemoSection } from './types.js';

export const sections: DemoSection<object>[] = [courseworkIv];
