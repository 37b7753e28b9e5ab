import { describe, expect, it } from 'vitest';
import { nestingProblem, splitForRender } from './limits';

describe('splitForRender', () => {
  it('keeps short texts whole and cuts long ones at a line break near the limit', () => {
    expect(splitForRender('short', 100)).toEqual({ head: 'short', rest: '' });
    const text = 'a'.repeat(90) + '\n' + 'b'.repeat(50);
    expect(splitForRender(text, 100)).toEqual({
      head: 'a'.repeat(90),
      rest: '\n' + 'b'.repeat(50),
    });
  });

  it('cuts a single huge line at the limit without splitting a surrogate pair', () => {
    const line = 'x'.repeat(99) + '😀' + 'y'.repeat(10_000);
    const { head, rest } = splitForRender(line, 100);
    expect(head).toBe('x'.repeat(99));
    expect(rest.startsWith('😀')).toBe(true);
  });
});

describe('nestingProblem', () => {
  it('accepts ordinary nesting', () => {
    expect(
      nestingProblem('> quote\n> > reply\n- a\n  - b\n    - c\n\n```\n        indented code\n```'),
    ).toBeNull();
  });

  it('refuses thousands of containers on one line, or indentation as deep', () => {
    expect(nestingProblem('> '.repeat(10_000) + 'x')).toMatch(/nested too deeply/);
    expect(nestingProblem('ok\n' + '- '.repeat(10_000) + 'x')).toMatch(/nested too deeply/);
    expect(nestingProblem('>'.repeat(30) + ' x')).toMatch(/nested too deeply/);
    expect(nestingProblem(' '.repeat(400) + '- x')).toMatch(/nested too deeply/);
  });
});
