/**
 * A minimal ZIP reader/writer for `.npz` archives (browser-safe). Reads stored and deflated
 * entries (deflate through a caller-supplied `inflateRaw`, which `@gradkit/datasets/node` takes
 * from `node:zlib`), ZIP64 sizes and offsets (numpy writes its members with `force_zip64=True`),
 * and checks every entry's CRC-32. Writes stored or deflated entries (no ZIP64: archives up to
 * 4 GiB).
 */
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, the ZIP/gzip checksum) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Decompress raw deflate data (RFC 1951, no zlib/gzip wrapper). `maxOutputLength` is the most
 * bytes the caller accepts (the member's declared size): an implementation should stop and throw
 * once the output would pass it (`node:zlib`'s `inflateRawSync(data, { maxOutputLength })` does),
 * so a zip bomb never allocates more than the archive declares. {@link readZip} also checks the
 * length afterwards.
 */
export type InflateRaw = (data: Uint8Array, maxOutputLength?: number) => Uint8Array;
/** Compress to raw deflate data (RFC 1951). */
export type DeflateRaw = (data: Uint8Array) => Uint8Array;

/** One member of a ZIP archive. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** Options for {@link readZip}. */
export interface ReadZipOptions {
  /** Needed for deflated entries (method 8). */
  inflateRaw?: InflateRaw;
  /** A name for error messages (the file path). */
  name?: string;
  /** The function named in error messages. */
  op?: string;
  /**
   * The most bytes all members may hold once decompressed, together (default
   * {@link DEFAULT_MAX_ZIP_BYTES}, 2 GiB). Checked against the sizes the archive declares before
   * anything is inflated; inflation itself is capped at each member's declared size.
   */
  maxBytes?: number;
}

/** {@link readZip}'s default limit on the decompressed size of an archive: 2 GiB. */
export const DEFAULT_MAX_ZIP_BYTES = 2 ** 31;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Read every member of a ZIP archive (through its central directory). Throws a `ValueError`
 * naming the archive and the member on a truncated or corrupted archive, an unsupported
 * compression method, encryption, or a CRC-32 mismatch.
 */
export function readZip(bytes: Uint8Array, options: ReadZipOptions = {}): ZipEntry[] {
  const op = options.op ?? 'readZip';
  const name = options.name ?? '<bytes>';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_ZIP_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
    throw new ValueError(op, `options.maxBytes must be a non-negative integer, received ${show(maxBytes)}`);
  let budget = maxBytes;
  const fail = (what: string): never => {
    throw new ValueError(op, `${show(name)} is not a valid .npz (zip) archive: ${what}`);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) =>
    at + 2 <= bytes.length ? view.getUint16(at, true) : fail(`truncated at byte ${at}`);
  const u32 = (at: number) =>
    at + 4 <= bytes.length ? view.getUint32(at, true) : fail(`truncated at byte ${at}`);
  const u64 = (at: number) => {
    if (at + 8 > bytes.length) fail(`truncated at byte ${at}`);
    const v = Number(view.getBigUint64(at, true));
    if (!Number.isSafeInteger(v)) fail(`a ZIP64 field at byte ${at} is too large (${v})`);
    return v;
  };
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the very end.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0)
    fail(
      bytes.length < 22
        ? `it has ${bytes.length} bytes, fewer than the 22 of an empty archive`
        : 'no end-of-central-directory record (the file is truncated or not a zip archive)',
    );
  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(loc) !== ZIP64_LOCATOR)
      fail('ZIP64 sizes are flagged but the ZIP64 locator is missing');
    const z = u64(loc + 8);
    if (u32(z) !== ZIP64_EOCD) fail(`no ZIP64 end-of-central-directory record at byte ${z}`);
    count = u64(z + 32);
    cdSize = u64(z + 40);
    cdOffset = u64(z + 48);
  }
  if (cdOffset + cdSize > bytes.length)
    fail(
      `the central directory (bytes ${cdOffset}..${cdOffset + cdSize}) lies beyond the end of the file (${bytes.length} bytes)`,
    );
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  const decoder = new TextDecoder();
  for (let e = 0; e < count; e++) {
    if (u32(at) !== CENTRAL) fail(`central directory entry ${e} has a bad signature at byte ${at}`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    let csize = u32(at + 20);
    let usize = u32(at + 24);
    const nameLen = u16(at + 28);
    const extraLen = u16(at + 30);
    const commentLen = u16(at + 32);
    let local = u32(at + 42);
    if (at + 46 + nameLen > bytes.length) fail(`central directory entry ${e} is truncated`);
    const entryName = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    // ZIP64 extra field (id 1): the 8-byte values of whichever fields are 0xFFFFFFFF, in order.
    let x = at + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(x);
      const size = u16(x + 2);
      if (id === 1) {
        let p = x + 4;
        if (usize === 0xffffffff) {
          usize = u64(p);
          p += 8;
        }
        if (csize === 0xffffffff) {
          csize = u64(p);
          p += 8;
        }
        if (local === 0xffffffff) local = u64(p);
      }
      x += 4 + size;
    }
    if (flags & 1) fail(`member ${show(entryName)} is encrypted`);
    if (u32(local) !== LOCAL) fail(`member ${show(entryName)}: no local header at byte ${local}`);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + csize > bytes.length)
      fail(
        `member ${show(entryName)} is truncated: expected ${csize} bytes from byte ${start}, the file has ${bytes.length}`,
      );
    const raw = bytes.subarray(start, start + csize);
    if (usize > budget)
      throw new ValueError(
        op,
        `${show(name)}: member ${show(entryName)} declares ${usize} bytes, past the ${maxBytes}-byte limit of options.maxBytes${budget < maxBytes ? ` (${maxBytes - budget} bytes already read)` : ''}; pass a larger maxBytes to read it`,
      );
    budget -= usize;
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) {
      if (!options.inflateRaw)
        throw new ValueError(
          op,
          `${show(name)}: member ${show(entryName)} is deflate-compressed; read it with loadNpz from '@gradkit/datasets/node' or pass options.inflateRaw`,
        );
      try {
        data = options.inflateRaw(raw, usize);
      } catch (err) {
        return fail(
          (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
            ? `member ${show(entryName)} inflates past the ${usize} bytes its header declares`
            : `member ${show(entryName)} does not inflate: ${(err as Error).message}`,
        );
      }
    } else
      return fail(
        `member ${show(entryName)} uses compression method ${method}; expected 0 (stored) or 8 (deflate)`,
      );
    if (data.length !== usize)
      fail(`member ${show(entryName)} has ${data.length} bytes, its header says ${usize}`);
    const got = crc32(data);
    if (got !== crc)
      fail(
        `member ${show(entryName)} fails its CRC-32 check (0x${got.toString(16)} vs 0x${crc.toString(16)})`,
      );
    entries.push({ name: entryName, data });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Options for {@link writeZip}. */
export interface WriteZipOptions {
  /** Compress each member with this raw-deflate function (method 8); stored (method 0) when absent. */
  deflateRaw?: DeflateRaw;
  /** The function named in error messages. */
  op?: string;
}

/**
 * Write a ZIP archive of `entries` (names in the given order; DOS timestamp 1980-01-01 so equal
 * input gives equal bytes).
 */
export function writeZip(entries: readonly ZipEntry[], options: WriteZipOptions = {}): Uint8Array {
  const op = options.op ?? 'writeZip';
  const encoder = new TextEncoder();
  const parts: {
    name: Uint8Array;
    data: Uint8Array;
    crc: number;
    usize: number;
    method: number;
    offset: number;
    utf8: boolean;
  }[] = [];
  let offset = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) throw new ValueError(op, `duplicate member name ${show(e.name)}`);
    seen.add(e.name);
    const name = encoder.encode(e.name);
    const crc = crc32(e.data);
    const data = options.deflateRaw ? options.deflateRaw(e.data) : e.data;
    const utf8 = name.length !== e.name.length || /[^\x20-\x7e]/.test(e.name);
    parts.push({ name, data, crc, usize: e.data.length, method: options.deflateRaw ? 8 : 0, offset, utf8 });
    offset += 30 + name.length + data.length;
  }
  const cdStart = offset;
  const cdSize = parts.reduce((s, p) => s + 46 + p.name.length, 0);
  const total = cdStart + cdSize + 22;
  if (total > 0xffffffff || parts.length > 0xffff)
    throw new ValueError(
      op,
      `archive of ${total} bytes and ${parts.length} members exceeds the 4 GiB / 65535-member limit of zip without ZIP64`,
    );
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const p of parts) {
    const a = p.offset;
    v.setUint32(a, LOCAL, true);
    v.setUint16(a + 4, 20, true);
    v.setUint16(a + 6, p.utf8 ? 0x800 : 0, true);
    v.setUint16(a + 8, p.method, true);
    v.setUint16(a + 10, 0, true);
    v.setUint16(a + 12, DOS_DATE, true);
    v.setUint32(a + 14, p.crc, true);
    v.setUint32(a + 18, p.data.length, true);
    v.setUint32(a + 22, p.usize, true);
    v.setUint16(a + 26, p.name.length, true);
    v.setUint16(a + 28, 0, true);
    out.set(p.name, a + 30);
    out.set(p.data, a + 30 + p.name.length);
  }
  let c = cdStart;
  for (const p of parts) {
    v.setUint32(c, CENTRAL, true);
    v.setUint16(c + 4, 20, true);
    v.setUint16(c + 6, 20, true);
    v.setUint16(c + 8, p.utf8 ? 0x800 : 0, true);
    v.setUint16(c + 10, p.method, true);
    v.setUint16(c + 12, 0, true);
    v.setUint16(c + 14, DOS_DATE, true);
    v.setUint32(c + 16, p.crc, true);
    v.setUint32(c + 20, p.data.length, true);
    v.setUint32(c + 24, p.usize, true);
    v.setUint16(c + 28, p.name.length, true);
    // extra, comment, disk number, internal attributes: 0
    v.setUint32(c + 38, 0o100644 * 0x10000, true);
    v.setUint32(c + 42, p.offset, true);
    out.set(p.name, c + 46);
    c += 46 + p.name.length;
  }
  v.setUint32(c, EOCD, true);
  v.setUint16(c + 8, parts.length, true);
  v.setUint16(c + 10, parts.length, true);
  v.setUint32(c + 12, cdSize, true);
  v.setUint32(c + 16, cdStart, true);
  return out;
}
