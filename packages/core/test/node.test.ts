// `@gradkit/core/node`'s writeFileAtomic: the whole file or nothing, no temporary file left
// behind, an existing file untouched on failure, typed errors naming the path.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GradkitError, ValueError } from '../src/index.js';
import { FileWriteError, writeFileAtomic } from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'gradkit-core-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes bytes and UTF-8 strings, leaving no temporary file', () => {
    const sub = join(dir, 'plain');
    mkdirSync(sub);
    writeFileAtomic(join(sub, 'a.bin'), Uint8Array.of(0, 1, 255));
    writeFileAtomic(join(sub, 'b.txt'), 'héllo\n');
    writeFileAtomic(join(sub, 'empty'), new Uint8Array(0));
    expect([...readFileSync(join(sub, 'a.bin'))]).toEqual([0, 1, 255]);
    expect(readFileSync(join(sub, 'b.txt'), 'utf8')).toBe('héllo\n');
    expect(readFileSync(join(sub, 'empty')).length).toBe(0);
    expect(readdirSync(sub).sort()).toEqual(['a.bin', 'b.txt', 'empty']);
  });

  it('replaces an existing file, keeping its permissions (or the mode asked for)', () => {
    const path = join(dir, 'keep-mode.txt');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    writeFileAtomic(path, 'newer', { mode: 0o600 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('writes through a symbolic link to its target', () => {
    const target = join(dir, 'target.txt');
    const link = join(dir, 'link.txt');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    writeFileAtomic(link, 'via link');
    expect(readFileSync(target, 'utf8')).toBe('via link');
    expect(statSync(link).isFile()).toBe(true);
  });

  it('a missing folder: FileWriteError naming the path, with the system code, nothing written', () => {
    const path = join(dir, 'no-such-folder', 'x.npy');
    let error: unknown;
    try {
      writeFileAtomic(path, Uint8Array.of(1));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FileWriteError);
    expect(error).toBeInstanceOf(GradkitError);
    const e = error as FileWriteError;
    expect(e.path).toBe(path);
    expect(e.code).toBe('ENOENT');
    expect(e.message).toMatch(
      /^writeFileAtomic: could not write ".*no-such-folder\/x\.npy": ENOENT.*nothing was written/,
    );
    expect((e as Error & { cause?: unknown }).cause).toBeInstanceOf(Error);
  });

  it('a failed rename (a folder in the way) removes the temporary file and leaves the folder as it was', () => {
    const sub = join(dir, 'busy');
    mkdirSync(join(sub, 'out.json'), { recursive: true });
    writeFileSync(join(sub, 'out.json', 'inside'), 'keep');
    expect(() => writeFileAtomic(join(sub, 'out.json'), '{}')).toThrow(FileWriteError);
    expect(readdirSync(sub)).toEqual(['out.json']);
    expect(readFileSync(join(sub, 'out.json', 'inside'), 'utf8')).toBe('keep');
  });

  it('rejects bad arguments with a ValueError naming them', () => {
    expect(() => writeFileAtomic('', 'x')).toThrow(ValueError);
    expect(() => writeFileAtomic('', 'x')).toThrow(/path must be a non-empty string, received ""/);
    expect(() => writeFileAtomic(join(dir, 'n'), 3 as never)).toThrow(
      /data must be a Uint8Array or a string, received 3/,
    );
    expect(() => writeFileAtomic(join(dir, 'n'), 'x', { mode: -1 })).toThrow(
      /options\.mode must be permission bits/,
    );
    expect(readdirSync(dir)).not.toContain('n');
  });
});
