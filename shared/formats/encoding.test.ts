import { describe, expect, it } from 'vitest';
import {
  describeInvalidUtf8,
  firstInvalidUtf8,
  sniffEncoding,
  UnsupportedEncodingError,
} from './encoding';

const b = (...bytes: number[]) => new Uint8Array(bytes);

describe('sniffEncoding', () => {
  it.each([
    [b(0xef, 0xbb, 0xbf, 0x7b), { encoding: 'utf-8', bom: 3, evidence: 'bom' }],
    [b(0xff, 0xfe, 0x7b, 0), { encoding: 'utf-16le', bom: 2, evidence: 'bom' }],
    [b(0xfe, 0xff, 0, 0x7b), { encoding: 'utf-16be', bom: 2, evidence: 'bom' }],
    [b(0x7b, 0, 0x22, 0, 0x61, 0, 0x22, 0), { encoding: 'utf-16le', bom: 0, evidence: 'pattern' }],
    [b(0, 0x7b, 0, 0x22, 0, 0x61, 0, 0x22), { encoding: 'utf-16be', bom: 0, evidence: 'pattern' }],
    [b(0x7b, 0x22, 0xc3, 0xa9), { encoding: 'utf-8', bom: 0, evidence: 'default' }],
  ])('%s', (head, expected) => expect(sniffEncoding(head)).toEqual(expected));

  it('recognises UTF-32 and refuses it', () => {
    expect(() => sniffEncoding(b(0xff, 0xfe, 0, 0))).toThrow(UnsupportedEncodingError);
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    [b(0x61, 0xc3, 0xa9), -1],
    [b(0xf0, 0x9d, 0x84, 0x9e), -1],
    [b(0x61, 0xe9, 0x62), 1], // Latin-1 é
    [b(0xc0, 0xaf), 0], // overlong
    [b(0xed, 0xa0, 0x80), 0], // an encoded surrogate
    [b(0xf4, 0x90, 0x80, 0x80), 0], // above U+10FFFF
    [b(0x61, 0xe2, 0x82), 1], // truncated
    [b(0xef, 0xbb, 0x7b, 0x7d), 0], // an incomplete BOM
  ])('%s → %d', (bytes, at) => {
    expect(firstInvalidUtf8(bytes)).toBe(at);
    // Agrees with the platform's strict decoder.
    let valid = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      valid = false;
    }
    expect(valid).toBe(at === -1);
  });

  it('describes the column in characters, not bytes', () => {
    expect(describeInvalidUtf8(new TextEncoder().encode('éé\u00ff').slice(0, 5), 4).column).toBe(3);
  });
});
