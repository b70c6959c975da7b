/**
 * Byte-level byte-pair encoding (BPE) as GPT-2 does it (Radford et al. 2019; UDL section 12.5.1):
 *
 * 1. split the text at special tokens (`<|endoftext|>`), which map to their own ids;
 * 2. pre-tokenize each stretch with GPT-2's pattern (contractions, words with one leading
 *    space, numbers, punctuation runs, whitespace);
 * 3. encode each piece as UTF-8 bytes and merge adjacent parts greedily: while some adjacent
 *    pair's concatenation is in the vocabulary, merge the pair of lowest rank (the leftmost of
 *    equal ranks) — the order in which the merges were learned;
 * 4. each remaining part is one token id (its rank).
 *
 * Step 3 is written with a heap of candidate pairs over a linked list of parts, so a piece of n
 * bytes takes O(n log n) rather than the O(n²) of rescanning every pair after every merge (a
 * 20,000-letter word: milliseconds, not 40 s). Decoding concatenates the tokens' bytes and
 * decodes UTF-8 with U+FFFD for invalid sequences, keeping a leading U+FEFF (as Hugging Face does).
 */
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';

/** The rank file format of `js-tiktoken/ranks/*` (tiktoken's encodings). */
export interface TiktokenRanks {
  pat_str: string;
  special_tokens: Record<string, number>;
  /** Lines `<first token> <offset> <base64 bytes>...`: the i-th token has rank offset + i. */
  bpe_ranks: string;
}

/** Bytes as a string of char codes 0..255: a compact, hashable key for the rank map. */
function bytesKey(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A binary min-heap of candidate merges ordered by (rank, position of the left part). */
class MergeHeap {
  private rank: number[] = [];
  private pos: number[] = [];
  get size(): number {
    return this.rank.length;
  }
  private less(a: number, b: number): boolean {
    const ra = this.rank[a]!;
    const rb = this.rank[b]!;
    return ra < rb || (ra === rb && this.pos[a]! < this.pos[b]!);
  }
  private swap(a: number, b: number): void {
    [this.rank[a], this.rank[b]] = [this.rank[b]!, this.rank[a]!];
    [this.pos[a], this.pos[b]] = [this.pos[b]!, this.pos[a]!];
  }
  push(rank: number, pos: number): void {
    this.rank.push(rank);
    this.pos.push(pos);
    let i = this.rank.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  /** Remove the top; returns [rank, pos]. */
  pop(): [number, number] {
    const top: [number, number] = [this.rank[0]!, this.pos[0]!];
    const last = this.rank.length - 1;
    this.swap(0, last);
    this.rank.pop();
    this.pos.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.rank.length && this.less(l, m)) m = l;
      if (r < this.rank.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
}

/**
 * A byte-level BPE encoder/decoder over tiktoken-format ranks (GPT-2's are
 * `js-tiktoken/ranks/gpt2`). `encode` allows the special tokens in the text, as Hugging Face's
 * GPT-2 tokenizer does.
 *
 * @example
 *   const bpe = new BytePairEncoding(gpt2Ranks);
 *   bpe.encode('The best thing about Bath is'); // [464, 1266, 1517, 546, 24967, 318]
 */
export class BytePairEncoding {
  /** Byte sequence (as a char-code string) → rank (the token id). */
  private readonly ranks = new Map<string, number>();
  /** Token id → its bytes. */
  private readonly bytesOf: Uint8Array[] = [];
  private readonly special: Map<string, number>;
  private readonly pattern: RegExp;
  private readonly specialPattern: RegExp | null;
  private readonly encoder = new TextEncoder();
  // fatal: false gives U+FFFD for invalid bytes; ignoreBOM keeps a leading U+FEFF as text.
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  /** One more than the largest id. */
  readonly vocabSize: number;

  constructor(ranks: TiktokenRanks) {
    for (const line of ranks.bpe_ranks.split('\n')) {
      if (!line) continue;
      const fields = line.split(' ');
      const offset = Number.parseInt(fields[1]!, 10);
      for (let i = 2; i < fields.length; i++) {
        const bytes = base64Bytes(fields[i]!);
        const id = offset + i - 2;
        this.ranks.set(bytesKey(bytes, 0, bytes.length), id);
        this.bytesOf[id] = bytes;
      }
    }
    this.special = new Map(Object.entries(ranks.special_tokens));
    for (const [text, id] of this.special) this.bytesOf[id] = this.encoder.encode(text);
    this.vocabSize = this.bytesOf.length;
    this.pattern = new RegExp(ranks.pat_str, 'gu');
    const names = [...this.special.keys()].map((s) => s.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&'));
    this.specialPattern = names.length ? new RegExp(names.join('|'), 'g') : null;
  }

  /** Text → token ids. */
  encode(text: string): number[] {
    if (typeof text !== 'string')
      throw new ValueError('BytePairEncoding.encode', `text must be a string, received ${show(text)}`);
    const out: number[] = [];
    let start = 0;
    if (this.specialPattern) {
      this.specialPattern.lastIndex = 0;
      for (let m = this.specialPattern.exec(text); m; m = this.specialPattern.exec(text)) {
        this.encodeOrdinary(text.slice(start, m.index), out);
        out.push(this.special.get(m[0])!);
        start = m.index + m[0].length;
      }
    }
    this.encodeOrdinary(text.slice(start), out);
    return out;
  }

  /** Token ids → text (ids are checked by the caller). */
  decode(ids: readonly number[]): string {
    let length = 0;
    for (const id of ids) length += this.bytesOf[id]?.length ?? 0;
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const id of ids) {
      const b = this.bytesOf[id];
      if (b) {
        bytes.set(b, at);
        at += b.length;
      }
    }
    return this.decoder.decode(bytes);
  }

  private encodeOrdinary(text: string, out: number[]): void {
    this.pattern.lastIndex = 0;
    for (let m = this.pattern.exec(text); m; m = this.pattern.exec(text)) {
      const piece = this.encoder.encode(m[0]);
      const whole = this.ranks.get(bytesKey(piece, 0, piece.length));
      if (whole !== undefined) out.push(whole);
      else this.merge(piece, out);
    }
  }

  /** Step 3: greedy lowest-rank merges of adjacent parts of `piece`, then one id per part. */
  private merge(piece: Uint8Array, out: number[]): void {
    const n = piece.length;
    // Parts as a doubly linked list over byte positions: part i spans [i, end[i]).
    const end = new Int32Array(n);
    const prev = new Int32Array(n);
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      end[i] = i + 1;
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    const alive = new Uint8Array(n).fill(1);
    const heap = new MergeHeap();
    const candidate = (left: number): void => {
      const right = next[left]!;
      if (right < 0) return;
      const rank = this.ranks.get(bytesKey(piece, left, end[right]!));
      if (rank !== undefined) heap.push(rank, left);
    };
    for (let i = 0; i + 1 < n; i++) candidate(i);
    while (heap.size) {
      const [rank, left] = heap.pop();
      const right = next[left]!;
      // A stale candidate: its left part was merged away, or its pair no longer spans these bytes.
      if (!alive[left] || right < 0 || this.ranks.get(bytesKey(piece, left, end[right]!)) !== rank) continue;
      end[left] = end[right]!;
      alive[right] = 0;
      next[left] = next[right]!;
      if (next[left]! >= 0) prev[next[left]!] = left;
      if (prev[left]! >= 0) candidate(prev[left]!);
      candidate(left);
    }
    for (let i = 0; i >= 0; i = next[i]!) {
      const id = this.ranks.get(bytesKey(piece, i, end[i]!));
      if (id === undefined)
        throw new ValueError(
          'BytePairEncoding.encode',
          `the bytes ${show(Array.from(piece.subarray(i, end[i]!)))} have no token: the ranks do not cover every byte`,
        );
      out.push(id);
    }
  }
}
