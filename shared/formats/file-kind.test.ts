import { describe, expect, it } from 'vitest';
import { binaryKind, looksBinary, notADataset, textKind } from './file-kind';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('files chosen by mistake', () => {
  it('tells common binary formats by their signature', () => {
    expect(binaryKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'a PNG image',
    );
    expect(binaryKind(bytes('PK\u0003\u0004rest'))).toBe('a ZIP archive');
    expect(binaryKind(bytes('%PDF-1.7'))).toBe('a PDF document');
    expect(binaryKind(bytes('SQLite format 3\u0000'))).toMatch(/^a SQLite database/);
    const tar = new Uint8Array(300);
    tar.set(bytes('ustar'), 257);
    expect(binaryKind(tar)).toBe('a tar archive');
    expect(binaryKind(bytes('{"id": 1}'))).toBeNull();
  });

  it('calls text with many control characters binary, but not a line with a stray NUL', () => {
    expect(looksBinary(bytes('{"a": "b\u0000"}\n'.repeat(3)))).toBe(false);
    const soup = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    expect(looksBinary(soup)).toBe(true);
    // Latin-1 "é" is one byte (0xE9): not UTF-8, but not control characters either.
    const latin1 = new Uint8Array(
      'café déjà vu\n'
        .repeat(50)
        .split('')
        .map((c) => c.charCodeAt(0)),
    );
    expect(looksBinary(latin1)).toBe(false);
  });

  it('knows README.md is not data, but reads data.txt that holds JSON', () => {
    expect(textKind('README.md', bytes('# Title'))).toBe('a Markdown document');
    expect(textKind('notes.txt', bytes('hello'))).toBe('a plain text file');
    expect(textKind('data.txt', bytes('  {"prompt": "p"}'))).toBeNull();
    expect(textKind('data.csv', bytes('a,b'))).toBeNull();
    expect(textKind('pairs.txt', bytes('prompt,a,b\nq,x,y\n'))).toBeNull();
    expect(notADataset('a PNG image', true)).toMatch(
      /^this is not a dataset: it is a gzip file holding a PNG image\. Rankwise imports/,
    );
  });
});
