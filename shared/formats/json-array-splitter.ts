/**
 * A streaming splitter for a JSON array of records (`[ {...}, {...} ]`), over bytes: it finds
 * where each top-level element starts and ends without parsing it, so a file of any size is
 * read with one element in memory at a time, and each element is then handed to JSON.parse
 * (far faster than a token-level streaming parser). It tracks strings and bracket nesting,
 * and physical line numbers, so errors name the line a person sees in an editor.
 *
 * Errors that make the rest of the array unreadable (a mismatched bracket, garbage after the
 * closing `]`, a missing `]`) are fatal and thrown as JsonArrayError; an element that is merely
 * invalid JSON is returned like any other and fails when parsed, so "skip bad lines" can skip it.
 */
export interface ArrayElement {
  bytes: Uint8Array;
  /** 1-based physical line of the element's first byte. */
  line: number;
  /** 1-based column (in bytes) of the element's first byte on that line. */
  column: number;
}

export class JsonArrayError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'JsonArrayError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const COMMA = 0x2c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;

type State = 'start' | 'first' | 'next' | 'element' | 'string' | 'done';

function isWs(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

export class JsonArraySplitter {
  private state: State = 'start';
  /** Open brackets inside the current element. */
  private stack: number[] = [];
  private escaped = false;
  private parts: Uint8Array[] = [];
  private elementLine = 0;
  private elementColumn = 0;
  private line = 1;
  /** Where in the current chunk newlines have been counted up to. */
  private counted = 0;
  /** Where the current line starts in this chunk, or -1 if it started in an earlier one. */
  private lineStart = -1;
  /** Bytes of the current line that were in earlier chunks. */
  private carried = 0;
  private chunk: Uint8Array = new Uint8Array(0);

  /** Feed the next chunk; returns the elements completed in it. */
  push(chunk: Uint8Array): ArrayElement[] {
    this.chunk = chunk;
    this.counted = 0;
    this.lineStart = -1;
    const out: ArrayElement[] = [];
    let start = this.state === 'element' || this.state === 'string' ? 0 : -1;
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      switch (this.state) {
        case 'string': {
          // Jump to the next quote; a quote preceded by an odd run of backslashes is escaped.
          let j = i;
          if (this.escaped) {
            this.escaped = false;
            j++;
          }
          for (;;) {
            const q = chunk.indexOf(QUOTE, j);
            if (q < 0) {
              // The string continues in the next chunk; remember a trailing lone backslash.
              let k = n - 1;
              let run = 0;
              while (k >= j && chunk[k] === BACKSLASH) {
                run++;
                k--;
              }
              this.escaped = run % 2 === 1;
              i = n;
              break;
            }
            let k = q - 1;
            let run = 0;
            while (k >= j && chunk[k] === BACKSLASH) {
              run++;
              k--;
            }
            if (run % 2 === 0) {
              this.state = 'element';
              i = q + 1;
              break;
            }
            j = q + 1;
          }
          continue;
        }
        case 'element': {
          const b = chunk[i]!;
          if (b === QUOTE) this.state = 'string';
          else if (b === OPEN_OBJ || b === OPEN_ARR) this.stack.push(b);
          else if (b === CLOSE_OBJ || b === CLOSE_ARR) {
            if (this.stack.length === 0) {
              if (b === CLOSE_OBJ)
                throw this.fail(i, `unexpected '}' where ',' or ']' was expected`);
              out.push(this.finishElement(chunk, start, i));
              start = -1;
              this.state = 'done';
            } else {
              const open = this.stack.pop()!;
              if ((open === OPEN_OBJ) !== (b === CLOSE_OBJ))
                throw this.fail(
                  i,
                  `unexpected '${String.fromCharCode(b)}': it does not close the '${String.fromCharCode(open)}' before it`,
                );
            }
          } else if (b === COMMA && this.stack.length === 0) {
            out.push(this.finishElement(chunk, start, i));
            start = -1;
            this.state = 'next';
          }
          i++;
          continue;
        }
        default: {
          const b = chunk[i]!;
          if (isWs(b)) {
            i++;
            continue;
          }
          if (this.state === 'start') {
            if (b !== OPEN_ARR)
              throw this.fail(i, `expected a JSON array of records ('['), found '${printable(b)}'`);
            this.state = 'first';
          } else if (this.state === 'done') {
            throw this.fail(i, `unexpected '${printable(b)}' after the end of the JSON array`);
          } else if (this.state === 'first' && b === CLOSE_ARR) {
            this.state = 'done';
          } else if (this.state === 'next' && b === CLOSE_ARR) {
            throw this.fail(i, "unexpected ']' after ',': a value was expected (trailing comma)");
          } else if (this.state === 'next' && b === COMMA) {
            throw this.fail(i, "unexpected ',': a value was expected");
          } else {
            // An element starts here.
            this.elementLine = this.lineAt(i);
            this.elementColumn = (this.lineStart >= 0 ? i - this.lineStart : this.carried + i) + 1;
            start = i;
            this.state = b === QUOTE ? 'string' : 'element';
            if (b === OPEN_OBJ || b === OPEN_ARR) this.stack.push(b);
            else if (b === CLOSE_OBJ)
              throw this.fail(i, "unexpected '}' where a value was expected");
          }
          i++;
        }
      }
    }
    if (start >= 0 && (this.state === 'element' || this.state === 'string'))
      this.parts.push(chunk.subarray(start, n));
    this.lineAt(n);
    this.carried = this.lineStart >= 0 ? n - this.lineStart : this.carried + n;
    return out;
  }

  /** The input is complete: the array must have been closed. */
  end(): void {
    if (this.state !== 'done')
      throw new JsonArrayError(
        this.line,
        this.state === 'start'
          ? 'the file is empty: expected a JSON array of records'
          : "unexpected end of file: the JSON array is not closed with ']'",
      );
  }

  private finishElement(chunk: Uint8Array, start: number, end: number): ArrayElement {
    let bytes: Uint8Array;
    const tail = chunk.subarray(Math.max(0, start), end);
    if (this.parts.length === 0) bytes = tail;
    else {
      this.parts.push(tail);
      let size = 0;
      for (const p of this.parts) size += p.length;
      bytes = new Uint8Array(size);
      let at = 0;
      for (const p of this.parts) {
        bytes.set(p, at);
        at += p.length;
      }
      this.parts = [];
    }
    return { bytes, line: this.elementLine, column: this.elementColumn };
  }

  /** The physical line at `pos` in the current chunk (counting newlines lazily, once each). */
  private lineAt(pos: number): number {
    const chunk = this.chunk;
    if (pos <= this.counted) return this.line;
    let from = this.counted;
    for (;;) {
      const nl = chunk.indexOf(LF, from);
      if (nl < 0 || nl >= pos) break;
      this.line++;
      from = nl + 1;
      this.lineStart = from;
    }
    this.counted = pos;
    return this.line;
  }

  private fail(pos: number, reason: string): JsonArrayError {
    return new JsonArrayError(this.lineAt(pos), reason);
  }
}

function printable(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
}
