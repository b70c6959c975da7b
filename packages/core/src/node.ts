/**
 * `@gradkit/core/node`: the Node-only helpers every gradkit package shares (file I/O). The main
 * entry `@gradkit/core` stays browser-safe; import this subpath only from Node code.
 *
 * ```ts
 * import { writeFileAtomic } from '@gradkit/core/node';
 * writeFileAtomic('weights.safetensors', bytes); // all of it, or nothing
 * ```
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GradkitError, show, ValueError } from './errors.js';

/**
 * A file that could not be written (`writeFileAtomic`): `path` is the file asked for, `code` the
 * system error code (`ENOENT`, `EACCES`, `ENOSPC`, ...) when there is one, `cause` the original error.
 *
 * ```ts
 * try {
 *   writeFileAtomic('/no/such/folder/x.json', '{}');
 * } catch (e) {
 *   if (e instanceof FileWriteError) console.log(e.path, e.code); // '/no/such/folder/x.json' 'ENOENT'
 * }
 * ```
 */
export class FileWriteError extends GradkitError {
  /** The path that was to be written. */
  readonly path: string;
  /** The system error code, e.g. `ENOENT`, when the failure came from the file system. */
  readonly code: string | undefined;
  constructor(op: string, path: string, cause: unknown, outcome = 'nothing was written') {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(
      op,
      `could not write ${show(path)}: ${(cause as Error)?.message ?? String(cause)}; expected a writable file in an existing folder (${outcome})`,
    );
    this.path = path;
    this.code = typeof code === 'string' ? code : undefined;
    Object.defineProperty(this, 'cause', {
      value: cause,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
}

/** Options of `writeFileAtomic`. */
export interface WriteFileAtomicOptions {
  /** The new file's permission bits (default: an existing file's mode, else `0o666` less the umask). */
  mode?: number;
}

/** Directory fsync is not supported everywhere (Windows, some network file systems): these codes are skipped. */
const NO_DIR_FSYNC = new Set(['EISDIR', 'EINVAL', 'ENOTSUP', 'EPERM', 'EACCES', 'EBADF']);

/** Flush a folder's entries (the rename) to disk where the platform allows it. */
function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (e) {
    if (!NO_DIR_FSYNC.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Write `data` (bytes, or a string as UTF-8) to `path` atomically and durably: into a new
 * temporary file with a unique name in the same folder, `fsync`ed, then renamed over `path`, and
 * the folder `fsync`ed where the platform allows. Readers see the old file or the new one, never
 * a partial one; on any failure the temporary file is removed, `path` is untouched and a
 * `FileWriteError` names the path. A symbolic link at `path` is followed (its target is
 * replaced). The folder must exist. Produce the data first (e.g. `encodeSafetensors`), so an
 * encoding error writes nothing at all.
 *
 * ```ts
 * import { writeFileAtomic } from '@gradkit/core/node';
 * writeFileAtomic('out/report.json', `${JSON.stringify(report)}\n`);
 * writeFileAtomic('out/x.npy', encodeNpy(x));
 * ```
 */
export function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: WriteFileAtomicOptions = {},
): void {
  const op = 'writeFileAtomic';
  if (typeof path !== 'string' || path === '')
    throw new ValueError(op, `path must be a non-empty string, received ${show(path)}`);
  if (typeof data !== 'string' && !(data instanceof Uint8Array))
    throw new ValueError(op, `data must be a Uint8Array or a string, received ${show(data)}`);
  if (
    options.mode !== undefined &&
    (!Number.isInteger(options.mode) || options.mode < 0 || options.mode > 0o7777)
  )
    throw new ValueError(
      op,
      `options.mode must be permission bits in [0, 0o7777], received ${show(options.mode)}`,
    );
  let target = resolve(path);
  try {
    target = realpathSync(target); // write through a symbolic link
  } catch {
    // no file there yet
  }
  let mode = options.mode;
  if (mode === undefined)
    try {
      mode = statSync(target).mode & 0o7777; // keep an existing file's permissions
    } catch {
      // a new file: 0o666 less the umask
    }
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(tmp, 'wx', mode ?? 0o666); // exclusive: never reuse or follow an existing name
    created = true;
    if (mode !== undefined && process.platform !== 'win32') fchmodSync(fd, mode); // exactly, whatever the umask
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
    created = false;
  } catch (e) {
    if (fd !== undefined)
      try {
        closeSync(fd);
      } catch {
        // already failing; the original error is reported
      }
    if (created) rmSync(tmp, { force: true });
    throw new FileWriteError(op, path, e);
  }
  try {
    fsyncDirectory(dir);
  } catch (e) {
    throw new FileWriteError(
      op,
      path,
      e,
      'the new file is in place, but its folder could not be flushed to disk',
    );
  }
}

/** The temporary files `writeFileAtomic` writes beside a target: `.<name>.<pid>.<hex>.tmp`. */
const TEMPORARY_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * Remove the temporary files that `writeFileAtomic` left in `dir` for the targets `names` when
 * its process was killed mid-write (a process that is gone; another live writer's files stay).
 * Returns the paths removed.
 *
 * ```ts
 * removeOrphanTemporaries('out', ['x.npy', 'y.npy']);
 * ```
 */
export function removeOrphanTemporaries(dir: string, names: readonly string[]): string[] {
  const removed: string[] = [];
  for (const f of readdirSync(dir)) {
    const m = TEMPORARY_NAME.exec(f);
    if (!m || !names.includes(m[1]!)) continue;
    const pid = Number(m[2]);
    let alive = pid === process.pid;
    if (!alive)
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (err) {
        alive = (err as NodeJS.ErrnoException).code === 'EPERM';
      }
    if (!alive) {
      rmSync(join(dir, f), { force: true });
      removed.push(join(dir, f));
    }
  }
  return removed;
}

// a worker-thread pool mapping a module's function over a list (independent CPU-bound jobs)
export { ParallelJobError, type ParallelMapOptions, parallelMap } from './parallel.js';
