import { describe, expect, it } from 'vitest';
import { JsonArrayError, JsonArraySplitter, type ArrayElement } from './json-array-splitter';

const enc = new TextEncoder();
const dec = new TextDecoder();

function split(
  text: string,
  chunkSize: number,
): Array<{ text: string; line: number; column: number }> {
  const bytes = enc.encode(text);
  const s = new JsonArraySplitter();
  const out: ArrayElement[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize)
    out.push(...s.push(bytes.subarray(i, i + chunkSize)));
  s.end();
  return out.map((e) => ({ text: dec.decode(e.bytes).trim(), line: e.line, column: e.column }));
}

describe('JsonArraySplitter', () => {
  const text =
    '[\n  {"a": "x,]}\\"{[", "b": [1, {"c": "\\\\"}]},\n  "str\\\\",\n\t12.5e3 , null,\n  [[], {}],\n  {"é": "𝄞\\n"}\n]\n';
  const expected = [
    { text: '{"a": "x,]}\\"{[", "b": [1, {"c": "\\\\"}]}', line: 2, column: 3 },
    { text: '"str\\\\"', line: 3, column: 3 },
    { text: '12.5e3', line: 4, column: 2 },
    { text: 'null', line: 4, column: 11 },
    { text: '[[], {}]', line: 5, column: 3 },
    { text: '{"é": "𝄞\\n"}', line: 6, column: 3 },
  ];

  it('finds every element, with its line and column, however the bytes are chunked', () => {
    for (const size of [1, 2, 3, 5, 7, 16, 1000]) expect(split(text, size)).toEqual(expected);
    // And every element is the JSON it was.
    expect(split(text, 4).map((e) => JSON.parse(e.text) as unknown)).toEqual(JSON.parse(text));
  });

  it('accepts an empty array and surrounding whitespace', () => {
    expect(split(' \n[ ]\n', 1)).toEqual([]);
  });

  it.each([
    ['{"a":1}', 1, /expected a JSON array/],
    ['[1 2]', 1, null],
    ['[1,\n2}', 2, /does not close|where ',' or ']'/],
    ['[1]\n x', 2, /after the end of the JSON array/],
    ['[1,', 1, /not closed/],
    ['[1,,2]', 1, /a value was expected/],
    ['', 1, /the file is empty/],
  ])('%j fails at line %d', (input, line, reason) => {
    try {
      split(input, 2);
      if (reason === null) return; // "1 2" is one malformed element: the parser reports it.
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(JsonArrayError);
      expect((e as JsonArrayError).line).toBe(line);
      if (reason) expect((e as JsonArrayError).reason).toMatch(reason);
    }
  });
});
