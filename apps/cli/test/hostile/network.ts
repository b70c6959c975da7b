// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to reach a local service (the test replaces PORT with a server it watches): fetch, a
// net.Socket reached through process.stdout's constructor (stdout is a socket when piped),
// node:net through process.getBuiltinModule and through the TCP binding. Its answers are wrong.
const PORT = 8080;

const tries: string[] = [];
const attempt = (name: string, f: () => unknown) => {
  try {
    const r = f();
    if (r && typeof r.catch === 'function') r.catch(() => undefined);
    tries.push(`${name}: tried`);
  } catch (e) {
    tries.push(`${name}: ${e.constructor.name}`);
  }
};
attempt('fetch', () => fetch(`http://127.0.0.1:${PORT}/`));
attempt('stdout socket', () => {
  const Socket = process.stdout.constructor;
  const s = new Socket();
  s.on('error', () => undefined);
  return s.connect(PORT, '127.0.0.1');
});
attempt('console socket', () => {
  const Socket = console._stdout.constructor;
  const s = new Socket();
  s.on('error', () => undefined);
  return s.connect(PORT, '127.0.0.1');
});
attempt('getBuiltinModule', () => {
  const s = process.getBuiltinModule('node:net').connect(PORT, '127.0.0.1');
  s.on('error', () => undefined);
});
attempt('binding', () => new (process.binding('tcp_wrap').TCP)(0));
console.log(`network: ${tries.join(', ')}`);
await new Promise((r) => setTimeout(r, 200));

export function normalPdf(y: number, mu: number, sigma: number): number {
  return -1;
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  return -1;
}
