/**
 * Where and why a JSON text is invalid, for error messages a person can act on
 * ("unexpected '}' at column 12"). V8's own messages name a position only for some errors
 * and quote the whole input for others, so we rescan — only after JSON.parse has failed.
 *
 * Iterative (an explicit stack), so deeply nested input cannot overflow the call stack.
 */
export interface JsonErrorLocation {
  /** 1-based column, in UTF-16 code units of the decoded line. */
  column: number;
  reason: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function locateJsonError(text: string): JsonErrorLocation {
  let i = 0;
  const stack: Array<'array' | 'object'> = [];
  const fail = (reason: string, at = i): JsonErrorLocation => ({ column: at + 1, reason });
  const skipWs = (): void => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const token = (): string =>
    i < text.length ? `unexpected ${JSON.stringify(text[i])}` : 'unexpected end of line';

  const string = (): JsonErrorLocation | null => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20)
        return fail(
          `unescaped control character U+${c.toString(16).padStart(4, '0').toUpperCase()} in a string`,
        );
      if (c === 0x5c) {
        const n = text[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return fail('invalid \\u escape in a string');
          i += 6;
          continue;
        }
        if (n === undefined || !'"\\/bfnrt'.includes(n))
          return fail(`invalid escape ${JSON.stringify('\\' + (n ?? ''))} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
    return fail('unterminated string', start);
  };

  const scalar = (): JsonErrorLocation | null => {
    const c = text[i];
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return null;
      }
    }
    return fail(`${token()} where a value was expected`);
  };

  const number = (): JsonErrorLocation | null => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-') return fail(`${token()}: invalid number`);
    i += m[0].length;
    const next = text[i];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) return fail(`${token()}: invalid number`);
    return null;
  };

  let expect: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skipWs();
    if (expect === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        skipWs();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          expect = 'after';
        } else {
          stack.push(c === '{' ? 'object' : 'array');
          expect = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      const e = scalar();
      if (e) return e;
      expect = 'after';
    } else if (expect === 'key') {
      if (text[i] !== '"')
        return fail(`${token()} where a property name in double quotes was expected`);
      const e = string();
      if (e) return e;
      skipWs();
      if (text[i] !== ':') return fail(`${token()} where ':' was expected after a property name`);
      i++;
      expect = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (i < text.length) return fail(`${token()} after the end of the JSON value`);
        break;
      }
      const close = top === 'object' ? '}' : ']';
      if (text[i] === ',') {
        i++;
        expect = top === 'object' ? 'key' : 'value';
      } else if (text[i] === close) {
        i++;
        stack.pop();
      } else {
        return fail(`${token()} where ',' or '${close}' was expected`);
      }
    }
  }
  // The scanner accepts what JSON.parse rejected (should not happen): say so plainly.
  return { column: 1, reason: 'not valid JSON' };
}
