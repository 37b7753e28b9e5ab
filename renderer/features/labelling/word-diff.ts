import { diffWordsWithSpace } from 'diff';

export interface DiffSegment {
  text: string;
  kind: 'same' | 'removed' | 'added';
}

export type WordDiff =
  | { status: 'ok'; a: DiffSegment[]; b: DiffSegment[]; changedWords: number }
  | { status: 'too-long' | 'too-different'; reason: string };

/** Beyond this many characters a side, a word diff is not worth the wait (nor readable). */
export const MAX_DIFF_CHARS = 200_000;

/**
 * A word-level diff of two responses, as the two panes show it: A with what only A says
 * marked as removed, B with what only B says marked as added. Whitespace and newlines are
 * tokens too, so each side reads exactly as written. Bounded: long texts are refused and
 * a diff that takes longer than `timeoutMs` gives up rather than freezing the screen.
 */
export function wordDiff(a: string, b: string, timeoutMs = 250): WordDiff {
  if (a.length > MAX_DIFF_CHARS || b.length > MAX_DIFF_CHARS)
    return {
      status: 'too-long',
      reason: `Too long to diff (over ${MAX_DIFF_CHARS / 1000} k characters)`,
    };
  const changes = diffWordsWithSpace(a, b, { timeout: timeoutMs });
  if (!changes) return { status: 'too-different', reason: 'Too different to diff in time' };
  const left: DiffSegment[] = [];
  const right: DiffSegment[] = [];
  let changedWords = 0;
  for (const c of changes) {
    if (c.added) {
      right.push({ text: c.value, kind: 'added' });
      changedWords += countWords(c.value);
    } else if (c.removed) {
      left.push({ text: c.value, kind: 'removed' });
      changedWords += countWords(c.value);
    } else {
      left.push({ text: c.value, kind: 'same' });
      right.push({ text: c.value, kind: 'same' });
    }
  }
  return { status: 'ok', a: left, b: right, changedWords };
}

function countWords(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}
