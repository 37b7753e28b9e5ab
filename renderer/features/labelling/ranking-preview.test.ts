import { describe, expect, it } from 'vitest';
import { previewOf } from './RankingBoard';

describe('previewOf (a ranking row’s one-line start of a response)', () => {
  it('keeps underscores inside identifiers and drops markdown marks around words', () => {
    expect(
      previewOf('Use **bisect**:\n```python\ndef binary_search(xs):\n    return _lo\n```'),
    ).toBe('Use bisect: def binary_search(xs): return lo');
  });

  it('drops headings, quotes and table bars', () => {
    expect(previewOf('# Title\n> quoted *text*\n| a | b |')).toBe('Title quoted text a b');
  });
});
