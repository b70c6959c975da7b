// The demos' address state (demo-state.ts): what a link holds is what a demo reads back.
import { describe, expect, it } from 'vitest';
import { hasUrlState, readUrlState, writeUrlState } from '../.vitepress/theme/demo-state';

const defaults = { surface: 'gabor', steps: 60, lr: 0.1, play: false, chosen: ['sgd', 'adam'] };

describe('demo state in the address', () => {
  it('writes only the fields that differ from the defaults, keeping other parameters', () => {
    const state = { ...defaults, steps: 120, chosen: ['adam'], play: true };
    const query = writeUrlState('opt', state, defaults, '?train.width=64&opt.lr=0.5');
    const params = new URLSearchParams(query);
    expect(params.get('train.width')).toBe('64');
    expect(params.get('opt.lr')).toBeNull(); // back to the default: dropped
    expect(params.get('opt.steps')).toBe('120');
    expect(params.get('opt.chosen')).toBe('adam');
    expect(params.get('opt.play')).toBe('1');
    expect(readUrlState('opt', defaults, {}, query)).toEqual({ steps: 120, chosen: ['adam'], play: true });
    expect(writeUrlState('opt', defaults, defaults, '')).toBe('');
  });

  it('round-trips every kind of value', () => {
    const state = { surface: 'udl92', steps: 7, lr: 0.0123456789, play: true, chosen: [] as string[] };
    expect({
      ...defaults,
      ...readUrlState('opt', defaults, {}, writeUrlState('opt', state, defaults, '')),
    }).toEqual(state);
  });

  it('ignores values that do not parse or that the demo refuses', () => {
    const read = readUrlState(
      'opt',
      defaults,
      { accept: { steps: (n) => n >= 1 && n <= 500, surface: (s) => ['gabor', 'udl92'].includes(s) } },
      '?opt.steps=abc&opt.lr=&opt.play=maybe&opt.surface=nope&opt.unknown=3',
    );
    expect(read).toEqual({});
    expect(readUrlState('opt', defaults, { accept: { steps: (n) => n <= 500 } }, '?opt.steps=9999')).toEqual(
      {},
    );
    expect(readUrlState('opt', defaults, {}, '?opt.steps=1e2')).toEqual({ steps: 100 });
  });

  it('says whether an address holds a demo', () => {
    expect(hasUrlState('opt', '?opt.steps=3')).toBe(true);
    expect(hasUrlState('opt', '?optimizer=3&train.opt=1')).toBe(false);
  });
});
