import { describe, expect, it } from 'vitest';
import { MAX_DIFF_CHARS, wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('marks words only in A as removed and words only in B as added, keeping whitespace', () => {
    const d = wordDiff('The cat sat\non the mat.', 'The dog sat\non the mat.');
    expect(d.status).toBe('ok');
    if (d.status !== 'ok') return;
    expect(d.a.map((s) => s.text).join('')).toBe('The cat sat\non the mat.');
    expect(d.b.map((s) => s.text).join('')).toBe('The dog sat\non the mat.');
    expect(d.a.filter((s) => s.kind === 'removed').map((s) => s.text)).toEqual(['cat']);
    expect(d.b.filter((s) => s.kind === 'added').map((s) => s.text)).toEqual(['dog']);
    expect(d.changedWords).toBe(2);
  });

  it('refuses texts too long to diff instead of freezing', () => {
    const long = 'x '.repeat(MAX_DIFF_CHARS);
    expect(wordDiff(long, 'y').status).toBe('too-long');
  });
});
