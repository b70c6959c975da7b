/**
 * The sections of `gradkit demo`, in the order they run: a tour of the course, offline. Later
 * lessons append one section each: write `demo/<lesson>.ts` exporting a `defineSection({...})`
 * and add it to the list below. Heavy packages are imported inside `run` so `--list` and
 * `--help` stay fast.
 */
import { courseworkIv } from './coursework-iv.js';
import { decoding } from './decoding.js';
import { gradients } from './gradients.js';
import { mnist1d } from './mnist1d.js';
import { optimizerRace } from './optimizer-race.js';
import type { DemoSection } from './types.js';

export const sections: DemoSection<object>[] = [courseworkIv, gradients, optimizerRace, mnist1d, decoding];
