import { describe, expect, it } from 'vitest';
import { ftsQuery } from './search';

describe('ftsQuery', () => {
  it('ANDs quoted terms and treats the word being typed as a prefix', () => {
    expect(ftsQuery('binary sea')).toBe('"binary" "sea"*');
    expect(ftsQuery('binary search ')).toBe('"binary" "search"');
    expect(ftsQuery('"merge sort" python')).toBe('"merge sort" "python"*');
    expect(ftsQuery('python "merge sort"')).toBe('"python" "merge sort"');
  });

  it('turns FTS5 syntax into plain text and drops what cannot match', () => {
    expect(ftsQuery('NEAR(a b) OR text:x')).toBe('"NEAR(a" "b)" "OR" "text:x"*');
    expect(ftsQuery('say "hi')).toBe('"say" "hi"');
    expect(ftsQuery('*** -- "')).toBeNull();
    expect(ftsQuery('')).toBeNull();
  });
});
