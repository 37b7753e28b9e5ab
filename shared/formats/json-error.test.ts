import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-error';

describe('locateJsonError', () => {
  it.each([
    ['{"a":}', 6, /unexpected "}" where a value was expected/],
    ['{"a":1', 7, /unexpected end of line where ',' or '}' was expected/],
    ['[1,2,]', 6, /where a value was expected/],
    ['{"a" 1}', 6, /':' was expected/],
    ['{a:1}', 2, /property name in double quotes/],
    ['"abc', 1, /unterminated string/],
    ['[1] x', 5, /after the end of the JSON value/],
    ['{"a":"\t"}', 7, /control character U\+0009/],
    ['[01]', 3, /invalid number/],
    ['["\\x"]', 3, /invalid escape/],
    ['', 1, /unexpected end of line where a value was expected/],
    ['nul', 1, /where a value was expected/],
  ])('%j fails at column %d', (text, column, reason) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    const at = locateJsonError(text);
    expect(at.column).toBe(column);
    expect(at.reason).toMatch(reason);
  });

  it('survives nesting far deeper than the call stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(199_999);
    expect(locateJsonError(deep).reason).toMatch(/unexpected end of line/);
  });
});
