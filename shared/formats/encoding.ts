/**
 * Text encodings of dataset files. Rankwise stores UTF-8. A UTF-8 BOM is dropped; UTF-16 is
 * converted when it is certain (a BOM, or the NUL-byte pattern of ASCII JSON/CSV text in
 * UTF-16); anything else that is not valid UTF-8 is reported with where the first bad byte is,
 * never guessed at (Latin-1 and Windows-1252 cannot be told apart with certainty).
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface EncodingSniff {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to drop. */
  bom: number;
  /** How it was told: "BOM" or "NUL-byte pattern" or "default". */
  evidence: 'bom' | 'pattern' | 'default';
}

/** Look at the first bytes of a file; throws for encodings we recognise but do not read. */
export function sniffEncoding(head: Uint8Array): EncodingSniff {
  const b = (i: number) => head[i];
  if (b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0)
    throw new UnsupportedEncodingError('UTF-32 (little-endian)');
  if (b(0) === 0 && b(1) === 0 && b(2) === 0xfe && b(3) === 0xff)
    throw new UnsupportedEncodingError('UTF-32 (big-endian)');
  if (b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf)
    return { encoding: 'utf-8', bom: 3, evidence: 'bom' };
  if (b(0) === 0xff && b(1) === 0xfe) return { encoding: 'utf-16le', bom: 2, evidence: 'bom' };
  if (b(0) === 0xfe && b(1) === 0xff) return { encoding: 'utf-16be', bom: 2, evidence: 'bom' };
  // ASCII text in UTF-16 without a BOM: every other byte is NUL. Eight code units of it is
  // certain enough (UTF-8 text never has NUL bytes in it, and JSON forbids raw NUL).
  const units = Math.min(8, Math.floor(head.length / 2));
  if (units >= 2) {
    let le = true;
    let be = true;
    for (let i = 0; i < units; i++) {
      const x = head[2 * i]!;
      const y = head[2 * i + 1]!;
      le &&= x !== 0 && y === 0;
      be &&= x === 0 && y !== 0;
    }
    if (le) return { encoding: 'utf-16le', bom: 0, evidence: 'pattern' };
    if (be) return { encoding: 'utf-16be', bom: 0, evidence: 'pattern' };
  }
  return { encoding: 'utf-8', bom: 0, evidence: 'default' };
}

export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`the file is encoded as ${encoding}; save it as UTF-8 and import it again`);
    this.name = 'UnsupportedEncodingError';
  }
}

/**
 * The offset of the first byte that is not part of a valid UTF-8 sequence (overlong forms,
 * surrogates and code points above U+10FFFF are invalid), or -1 when all of `bytes` is valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else return i;
    if (i + need >= n) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** "invalid UTF-8 at column 12 (byte 0xE9)": where, in characters a person can count to. */
export function describeInvalidUtf8(
  bytes: Uint8Array,
  at: number,
): { column: number; reason: string } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
  const hex = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
  return {
    column: before.length + 1,
    reason: `invalid UTF-8 (byte 0x${hex}) at column ${before.length + 1}: the file must be UTF-8 (if it was saved as Latin-1 or Windows-1252, convert it, e.g. with iconv)`,
  };
}
