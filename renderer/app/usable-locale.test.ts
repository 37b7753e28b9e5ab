import { describe, expect, it } from 'vitest';
import { usableLocale } from './usable-locale';

const intl = (tag: string) => Intl.NumberFormat.supportedLocalesOf(tag);

describe('usableLocale', () => {
  it('keeps a valid tag', () => {
    expect(usableLocale('de-CH', intl)).toBe('de-CH');
  });

  it('repairs the tags a POSIX locale makes Chromium report', () => {
    expect(() => intl('en-US@posix')).toThrow(RangeError);
    expect(usableLocale('en-US@posix', intl)).toBe('en-US');
    expect(usableLocale('de_DE.UTF-8', intl)).toBe('de-DE');
  });

  it('falls back to en-US when nothing is usable', () => {
    expect(usableLocale('@@@', intl)).toBe('en-US');
    expect(usableLocale('', intl)).toBe('en-US');
  });
});
