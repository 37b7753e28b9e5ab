/**
 * The budget for rendering one text. Dataset text can be anything: a 5 MB answer, a single
 * megabyte-long line, ten thousand nested quotes. Markdown parsing is far from linear on such
 * shapes (measured here: 20 KB of nested emphasis takes seconds; a line of 10 000 "> " or
 * "- " markers overflows the stack), so every text is measured before it is parsed.
 */

/** Characters rendered as markdown; the rest of a longer text is offered as plain text. */
export const MARKDOWN_LIMIT = 100_000;
/** Plain text revealed per "show more". */
export const PLAIN_CHUNK = 200_000;
/** Block containers (quotes, list items) opened on one line beyond which we do not parse. */
export const MAX_CONTAINERS_PER_LINE = 24;
/** Deepest element tree we will hand to React. */
export const MAX_TREE_DEPTH = 256;
/** How long the worker may take over one text before it is stopped and plain text shown. */
export const RENDER_TIMEOUT_MS = 4_000;

/**
 * Split a text into what is rendered as markdown and the remainder, cutting at a line break
 * near the limit when there is one (and never inside a surrogate pair).
 */
export function splitForRender(
  text: string,
  limit = MARKDOWN_LIMIT,
): { head: string; rest: string } {
  if (text.length <= limit) return { head: text, rest: '' };
  let cut = text.lastIndexOf('\n', limit);
  if (cut <= 0 || cut < limit - 4_000) cut = limit;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return { head: text.slice(0, cut), rest: text.slice(cut) };
}

/**
 * Why a text should not be parsed as markdown at all, or null. Cheap (one pass, no regex
 * backtracking): counts container markers at the start of each line and its indentation.
 */
export function nestingProblem(text: string, max = MAX_CONTAINERS_PER_LINE): string | null {
  let i = 0;
  const n = text.length;
  while (i < n) {
    let markers = 0;
    let indent = 0;
    // Walk the line's prefix of spaces, '>' and list markers.
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) {
        indent += c === 9 ? 4 : 1;
        i++;
      } else if (c === 62 /* > */) {
        markers++;
        i++;
      } else if (
        (c === 45 || c === 42 || c === 43) /* - * + */ &&
        isSpace(text.charCodeAt(i + 1))
      ) {
        markers++;
        i += 2;
      } else break;
      if (markers > max || indent > max * 8)
        return 'nested too deeply to format; shown as plain text';
    }
    const nl = text.indexOf('\n', i);
    i = nl < 0 ? n : nl + 1;
  }
  return null;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}
