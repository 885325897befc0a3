// How much a raw deflate stream (RFC 1951) inflates to, worked out by decoding
// its codes without writing any output: memory stays constant and the work
// stops as soon as the stream passes `limit` bytes. The ZIP checks in kind.ts
// use it to hold each part to the size its headers declare before SheetJS
// inflates it (SheetJS inflates a part to the end of its stream, whatever
// the headers say, reading on past the part's bytes if the stream does not end).

/**
 * A canonical Huffman code (RFC 1951 3.2.2) as a lookup table over the next
 * bits of input (as many as its longest code), in the order they arrive: each entry is the symbol times
 * 16 plus its code's length (0: no such code). Null when the lengths give more
 * codes than fit.
 */
type Huffman = Int32Array;

function huffman(lengths: ArrayLike<number>): Huffman | null {
  const count = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) count[lengths[i]!]!++;
  count[0] = 0;
  const next = new Uint16Array(16);
  let left = 1;
  for (let len = 1, code = 0; len < 16; len++) {
    left = left * 2 - count[len]!;
    if (left < 0) return null;
    code = (code + count[len - 1]!) << 1;
    next[len] = code;
  }
  let longest = 1;
  for (let len = 1; len < 16; len++) if (count[len]) longest = len;
  const table = new Int32Array(1 << longest);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const len = lengths[symbol]!;
    if (!len) continue;
    const code = next[len]!++;
    let reversed = 0;
    for (let i = 0; i < len; i++) reversed |= ((code >>> i) & 1) << (len - 1 - i);
    for (let k = reversed; k < table.length; k += 1 << len) table[k] = (symbol << 4) | len;
  }
  return table;
}

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const FIXED = ((): { lit: Huffman; dist: Huffman } => {
  const lit = new Uint8Array(288);
  lit.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  return { lit: huffman(lit)!, dist: huffman(new Uint8Array(30).fill(5))! };
})();

/** Thrown inside the decoder: the stream is cut off, malformed, or longer than allowed. */
class Stop extends Error {}

/**
 * The number of bytes `data` inflates to and the bytes its stream takes, or
 * null when it does not end within `data`, is malformed, or inflates to more
 * than `limit`.
 */
export function deflatedSize(data: Uint8Array, limit: number): { size: number; read: number } | null {
  // Bits are taken from a buffer filled a byte at a time, least significant first (RFC 1951 3.1.1).
  let pos = 0;
  let buffer = 0;
  let held = 0;
  const bits = (n: number): number => {
    while (held < n) {
      if (pos >= data.length) throw new Stop();
      buffer |= data[pos++]! << held;
      held += 8;
    }
    const v = buffer & ((1 << n) - 1);
    buffer >>>= n;
    held -= n;
    return v;
  };
  const decode = (h: Huffman): number => {
    while (held < 15 && pos < data.length) {
      buffer |= data[pos++]! << held;
      held += 8;
    }
    const entry = h[buffer & (h.length - 1)]!;
    const len = entry & 15;
    if (!len || len > held) throw new Stop();
    buffer >>>= len;
    held -= len;
    return entry >>> 4;
  };
  let size = 0;
  try {
    for (let last = 0; !last;) {
      last = bits(1);
      const type = bits(2);
      if (type === 0) {
        // A stored block starts at the next byte: the bits left in the buffer are dropped.
        buffer = 0;
        held = 0;
        if (pos + 4 > data.length) return null;
        const len = data[pos]! | (data[pos + 1]! << 8);
        if ((data[pos + 2]! | (data[pos + 3]! << 8)) !== (~len & 0xffff)) return null;
        pos += 4;
        if (pos + len > data.length) return null;
        pos += len;
        size += len;
        if (size > limit) return null;
        continue;
      }
      let lit = FIXED.lit;
      let dist = FIXED.dist;
      if (type === 2) {
        const nlen = bits(5) + 257;
        const ndist = bits(5) + 1;
        const ncode = bits(4) + 4;
        const codeLengths = new Uint8Array(19);
        for (let i = 0; i < ncode; i++) codeLengths[CODE_LENGTH_ORDER[i]!] = bits(3);
        const lencode = huffman(codeLengths);
        if (!lencode) return null;
        const lengths = new Uint8Array(nlen + ndist);
        for (let i = 0; i < nlen + ndist;) {
          const sym = decode(lencode);
          if (sym < 16) lengths[i++] = sym;
          else {
            const repeat = sym === 16 ? 3 + bits(2) : sym === 17 ? 3 + bits(3) : 11 + bits(7);
            if (sym === 16 && i === 0) return null;
            const value = sym === 16 ? lengths[i - 1]! : 0;
            if (i + repeat > nlen + ndist) return null;
            lengths.fill(value, i, i + repeat);
            i += repeat;
          }
        }
        const l = huffman(lengths.subarray(0, nlen));
        const d = huffman(lengths.subarray(nlen));
        if (!l || !d) return null;
        lit = l;
        dist = d;
      } else if (type !== 1) return null;
      for (;;) {
        const sym = decode(lit);
        if (sym < 256) size++;
        else if (sym === 256) break;
        else {
          const i = sym - 257;
          if (i >= 29) return null;
          const length = LENGTH_BASE[i]! + bits(LENGTH_EXTRA[i]!);
          const d = decode(dist);
          if (d >= 30) return null;
          if (DIST_BASE[d]! + bits(DIST_EXTRA[d]!) > size) return null; // reaches before the start
          size += length;
        }
        if (size > limit) return null;
      }
    }
  } catch (error) {
    if (error instanceof Stop) return null;
    throw error;
  }
  return { size, read: pos - (held >>> 3) };
}
