/**
 * A person's search box text as an FTS5 query: every word must appear (AND), "quoted words"
 * must appear together, and the last word matches as a prefix while it is still being typed.
 * Every term is quoted, so FTS5 syntax in the input (NEAR, *, column filters, a stray quote)
 * is searched for as text and can never make the query fail. Null when nothing is searchable.
 */
export function ftsQuery(input: string): string | null {
  const terms: string[] = [];
  let lastIsWord = false;
  for (const m of input.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const phrase = m[1] !== undefined;
    const text = (phrase ? m[1]! : m[2]!).replace(/"/g, ' ').trim();
    // Only letters and digits reach the index (unicode61); a term without any matches nothing.
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    terms.push(`"${text}"`);
    lastIsWord = !phrase;
  }
  if (!terms.length) return null;
  if (lastIsWord && !/\s$/.test(input)) terms[terms.length - 1] += '*';
  return terms.join(' ');
}
