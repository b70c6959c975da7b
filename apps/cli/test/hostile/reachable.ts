// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Looks for a way around the lockdown among everything it can reach: walks every object reachable
// from globalThis, process and the seven library packages (own properties, prototypes, the
// getters of globalThis and process) for a class that opens sockets, files, processes or threads
// (net.Socket behind process.stdout, a Worker, a module loader, ...). Prints what it found.
import * as conv from '@gradkit/conv';
import * as core from '@gradkit/core';
import * as datasets from '@gradkit/datasets';
import * as losses from '@gradkit/losses';
import * as nn from '@gradkit/nn';
import * as optimizers from '@gradkit/optimizers';
import * as transformers from '@gradkit/transformers';

const DANGEROUS =
  /^(Socket|Server|Pipe|TCP|TTY|UDP|Worker|ChildProcess|SyncWriteStream|ReadStream|WriteStream|FileHandle|Module|Require|Channel)$/;
const seen = new Set<unknown>();
const queue: [unknown, string][] = [
  [globalThis, 'globalThis'],
  [{ conv, core, datasets, losses, nn, optimizers, transformers }, 'library'],
];
const hits: string[] = [];
let visited = 0;
while (queue.length && visited < 300_000) {
  const [o, path] = queue.shift()!;
  if ((typeof o !== 'object' && typeof o !== 'function') || o === null || seen.has(o)) continue;
  seen.add(o);
  visited++;
  // WebAssembly.Module compiles bytes; it reaches nothing outside the process.
  if (typeof o === 'function' && DANGEROUS.test(o.name) && o !== WebAssembly.Module)
    hits.push(`${path} (${o.name})`);
  let keys: (string | symbol)[] = [];
  try {
    keys = Reflect.ownKeys(o);
  } catch {}
  for (const k of keys) {
    let d: PropertyDescriptor | undefined;
    try {
      d = Object.getOwnPropertyDescriptor(o, k);
    } catch {
      continue;
    }
    if (!d) continue;
    const name = `${path}.${String(k)}`;
    if ('value' in d) queue.push([d.value, name]);
    else if (d.get && (o === process || o === globalThis))
      try {
        queue.push([d.get.call(o), name]);
      } catch {}
  }
  try {
    queue.push([Object.getPrototypeOf(o), `${path}.[[Prototype]]`]);
  } catch {}
}
console.log(
  `reachable: ${visited} objects, dangerous: ${hits.length ? hits.slice(0, 20).join('; ') : 'none'}`,
);

export function normalPdf(y: number, mu: number, sigma: number): number {
  return 4;
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  return 4;
}
