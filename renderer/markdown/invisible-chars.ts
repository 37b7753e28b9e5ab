/**
 * Characters that change how text reads without being seen: bidirectional overrides and
 * isolates (the "Trojan Source" trick: code or a sentence that displays in another order than
 * it reads), zero-width spaces and joiners used to hide words from filters, invisible math
 * operators, and Unicode tag characters (U+E0000–E007F), which smuggle whole ASCII sentences
 * past a human eye. Labellers must see them: each is shown as a small visible marker instead.
 * Joiners that build emoji (ZWJ) and the LRM/RLM marks of normal right-to-left text are left
 * alone.
 */
const NAMES: Record<number, [short: string, long: string]> = {
  0x202a: ['LRE', 'LEFT-TO-RIGHT EMBEDDING'],
  0x202b: ['RLE', 'RIGHT-TO-LEFT EMBEDDING'],
  0x202c: ['PDF', 'POP DIRECTIONAL FORMATTING'],
  0x202d: ['LRO', 'LEFT-TO-RIGHT OVERRIDE'],
  0x202e: ['RLO', 'RIGHT-TO-LEFT OVERRIDE'],
  0x2066: ['LRI', 'LEFT-TO-RIGHT ISOLATE'],
  0x2067: ['RLI', 'RIGHT-TO-LEFT ISOLATE'],
  0x2068: ['FSI', 'FIRST STRONG ISOLATE'],
  0x2069: ['PDI', 'POP DIRECTIONAL ISOLATE'],
  0x200b: ['ZWSP', 'ZERO WIDTH SPACE'],
  0x2060: ['WJ', 'WORD JOINER'],
  0xfeff: ['ZWNBSP', 'ZERO WIDTH NO-BREAK SPACE'],
  0x2061: ['FA', 'FUNCTION APPLICATION'],
  0x2062: ['IT', 'INVISIBLE TIMES'],
  0x2063: ['IS', 'INVISIBLE SEPARATOR'],
  0x2064: ['IP', 'INVISIBLE PLUS'],
};

const PATTERN =
  /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF\u2061-\u2064]|[\u{E0000}-\u{E007F}]+/gu;

export type TextPiece = string | { marker: string; title: string };

/** Split text into plain runs and markers (null when there is nothing to mark: the common case). */
export function markInvisibles(text: string): TextPiece[] | null {
  PATTERN.lastIndex = 0;
  if (!PATTERN.test(text)) return null;
  PATTERN.lastIndex = 0;
  const out: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(PATTERN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(describe(m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function describe(run: string): { marker: string; title: string } {
  const cp = run.codePointAt(0)!;
  const named = NAMES[cp];
  if (named)
    return {
      marker: `⟨${named[0]}⟩`,
      title: `U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${named[1]}, invisible in the original`,
    };
  // A run of tag characters: spell out the ASCII it hides.
  const hidden = Array.from(run, (c) => {
    const a = c.codePointAt(0)! - 0xe0000;
    return a >= 0x20 && a < 0x7f ? String.fromCharCode(a) : '';
  }).join('');
  return {
    marker: `⟨hidden: ${JSON.stringify(hidden)}⟩`,
    title: `${[...run].length} invisible Unicode tag characters`,
  };
}
