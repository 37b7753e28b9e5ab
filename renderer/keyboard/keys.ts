/**
 * A key as the action table names it: modifiers in a fixed order, then the key.
 * `mod` is Ctrl on Linux/Windows and Cmd on macOS. Shift is folded into printable keys
 * ("?" not "shift+/"), so layouts that need Shift for a character still match.
 */
export function keyOf(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): string {
  const printable = e.key.length === 1;
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('mod');
  if (e.altKey) parts.push('alt');
  if (e.shiftKey && !printable) parts.push('shift');
  parts.push(printable ? e.key.toLowerCase() : e.key);
  return parts.join('+');
}

/** How a key is shown to people (help overlay, button hints). */
export function keyLabel(key: string, isMac = false): string {
  const names: Record<string, string> = {
    ArrowLeft: '←',
    ArrowRight: '→',
    ArrowUp: '↑',
    ArrowDown: '↓',
    Escape: 'Esc',
    Enter: '↵',
  };
  return key
    .split('+')
    .map((p) => (p === 'mod' ? (isMac ? '⌘' : 'Ctrl') : (names[p] ?? p.toUpperCase())))
    .join(isMac ? '' : '+');
}
