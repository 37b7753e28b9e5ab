/**
 * A key as the action table names it: modifiers in a fixed order, then the key.
 * `mod` is Ctrl on Linux/Windows and Cmd on macOS. Shift is folded into printable keys
 * ("?" not "shift+/"), so layouts that need Shift for a character still match. Two
 * exceptions name the physical key instead, because the character varies by layout: Shift
 * with a digit key that does not type a digit (US Shift+1 types "!"; "shift+1" here), and Alt
 * with a letter or digit (macOS Alt+T types "†"; "alt+t" here).
 */
export function keyOf(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'> & {
    code?: string;
  },
): string {
  const code = e.code ?? '';
  const digitCode = /^Digit(\d)$/.exec(code);
  const letterCode = /^Key([A-Z])$/.exec(code);
  let key = e.key;
  let shiftNamed = false;
  if (e.altKey && (digitCode || letterCode))
    key = (digitCode?.[1] ?? letterCode![1]!).toLowerCase();
  else if (e.shiftKey && digitCode && !/^\d$/.test(e.key)) {
    key = digitCode[1]!;
    shiftNamed = true;
  }
  const printable = key.length === 1;
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('mod');
  if (e.altKey) parts.push('alt');
  if (e.shiftKey && (!printable || shiftNamed)) parts.push('shift');
  parts.push(printable ? key.toLowerCase() : key);
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
    Enter: 'Enter',
    Backspace: 'Backspace',
    shift: 'Shift',
    alt: isMac ? '⌥' : 'Alt',
  };
  // "mod++" splits into ['mod', '', '']: the key itself is "+".
  const parts = key.endsWith('++') ? [...key.slice(0, -2).split('+'), '+'] : key.split('+');
  return parts
    .map((p) => (p === 'mod' ? (isMac ? '⌘' : 'Ctrl') : (names[p] ?? p.toUpperCase())))
    .join(isMac ? '' : '+');
}

export const isMac = (): boolean =>
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
