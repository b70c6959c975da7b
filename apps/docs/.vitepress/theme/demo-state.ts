// A demo's settings in the page's address, so a link reproduces it: the same settings, the same
// seed, the same numbers. Each demo owns a key (`opt`, `train`, …) and its fields travel as
// `?<key>.<field>=<value>`; only fields that differ from the defaults are written, with
// history.replaceState (no new history entry per slider move). A page opened with a demo's
// fields in its address starts that demo at once (Demo.vue's `state-key`).
import { reactive, type UnwrapNestedRefs, watch } from 'vue';

/** The value kinds a demo's state holds. */
export type StateValue = number | string | boolean | string[];
export type DemoState = Record<string, StateValue>;

export interface UrlStateOptions<T extends DemoState> {
  /**
   * Accept a value read from the address, per field (a number in its slider's range, a name among
   * the choices). A value refused here, or one that does not parse as the default's kind, is
   * ignored and the default kept.
   */
  accept?: { [K in keyof T]?: (value: T[K]) => boolean };
}

const hasWindow = () => typeof window !== 'undefined' && typeof location !== 'undefined';

function parse(raw: string, like: StateValue): StateValue | undefined {
  if (typeof like === 'number') {
    const n = raw.trim() === '' ? Number.NaN : Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  if (typeof like === 'boolean')
    return raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : undefined;
  if (Array.isArray(like)) return raw === '' ? [] : raw.split(',');
  return raw;
}

function format(value: StateValue): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

const same = (a: StateValue, b: StateValue) => format(a) === format(b);

/** The fields of `key` present in an address's query string (`location.search` by default). */
export function readUrlState<T extends DemoState>(
  key: string,
  defaults: T,
  options: UrlStateOptions<T> = {},
  search: string = hasWindow() ? location.search : '',
): Partial<T> {
  const params = new URLSearchParams(search);
  const out: Partial<T> = {};
  for (const field of Object.keys(defaults) as (keyof T & string)[]) {
    const raw = params.get(`${key}.${field}`);
    if (raw === null) continue;
    const value = parse(raw, defaults[field]!) as T[typeof field] | undefined;
    if (value === undefined) continue;
    const accept = options.accept?.[field];
    if (accept && !accept(value)) continue;
    out[field] = value;
  }
  return out;
}

/** Whether the page's address holds any field of the demo `key`. */
export function hasUrlState(key: string, search: string = hasWindow() ? location.search : ''): boolean {
  for (const name of new URLSearchParams(search).keys()) if (name.startsWith(`${key}.`)) return true;
  return false;
}

/** The query string for `state` (the fields that differ from `defaults`), other params kept. */
export function writeUrlState<T extends DemoState>(
  key: string,
  state: T,
  defaults: T,
  search: string = hasWindow() ? location.search : '',
): string {
  const params = new URLSearchParams(search);
  for (const name of [...params.keys()]) if (name.startsWith(`${key}.`)) params.delete(name);
  for (const field of Object.keys(defaults)) {
    const value = state[field]!;
    if (!same(value, defaults[field]!)) params.set(`${key}.${field}`, format(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * A reactive copy of `defaults`, overridden by the address's fields for `key`, and written back
 * to the address (replaceState) whenever it changes. Call it in a component's setup, client-side.
 */
export function useUrlState<T extends DemoState>(
  key: string,
  defaults: T,
  options: UrlStateOptions<T> = {},
): UnwrapNestedRefs<T> {
  const initial = { ...defaults, ...readUrlState(key, defaults, options) };
  const state = reactive(structuredClone(initial)) as UnwrapNestedRefs<T>;
  if (hasWindow())
    watch(
      state,
      () => {
        const query = writeUrlState(key, state as T, defaults);
        const url = `${location.pathname}${query}${location.hash}`;
        if (url !== `${location.pathname}${location.search}${location.hash}`)
          history.replaceState(history.state, '', url);
      },
      { deep: true },
    );
  return state;
}

/** The full address of the page with `state` for `key` (for a "link to this" anchor). */
export function urlWithState<T extends DemoState>(key: string, state: T, defaults: T): string {
  if (!hasWindow()) return '';
  return `${location.origin}${location.pathname}${writeUrlState(key, state, defaults)}${location.hash}`;
}
