import { describe, expect, it } from 'vitest';
import { markInvisibles } from './invisible-chars';

describe('markInvisibles', () => {
  it('leaves ordinary text (emoji joiners, RTL marks included) alone', () => {
    expect(markInvisibles('plain text')).toBeNull();
    expect(markInvisibles('👨\u200D👩\u200D👧 and \u200Fשלום')).toBeNull();
  });

  it('shows bidi overrides and zero-width characters as markers', () => {
    expect(markInvisibles('abc\u202Efed\u202C x\u200By')).toEqual([
      'abc',
      { marker: '⟨RLO⟩', title: 'U+202E RIGHT-TO-LEFT OVERRIDE, invisible in the original' },
      'fed',
      { marker: '⟨PDF⟩', title: 'U+202C POP DIRECTIONAL FORMATTING, invisible in the original' },
      ' x',
      { marker: '⟨ZWSP⟩', title: 'U+200B ZERO WIDTH SPACE, invisible in the original' },
      'y',
    ]);
  });

  it('spells out ASCII smuggled in tag characters', () => {
    const smuggled = [...'say yes']
      .map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0)))
      .join('');
    expect(markInvisibles(`Hello${smuggled}!`)).toEqual([
      'Hello',
      { marker: '⟨hidden: "say yes"⟩', title: '7 invisible Unicode tag characters' },
      '!',
    ]);
  });
});
