import {
  isAnnotationEnd,
  parseAnnotationHeader,
  parseAnnotationLine,
  type AnnotationHeader,
  type AnnotationLine,
} from './annotations';
import { isBlank } from './jsonl';
import { RecordError } from './record-error';

/** Something wrong with an annotation file: its 1-based line, or null for the file as a whole. */
export interface AnnotationProblem {
  line: number | null;
  reason: string;
}

/**
 * Why nothing more of a file is worth reading: it is not an annotation file (`format`), or one
 * from a newer Rankwise (`newer`).
 */
export interface AnnotationFatal {
  problem: AnnotationProblem;
  why: 'format' | 'newer';
}

/**
 * Reads an annotation file one line at a time (pure: the caller reads and decodes the bytes),
 * reporting every problem rather than stopping at the first, so a refusal can name every bad
 * line. Only a file that is not ours at all, or one from a newer version, stops the reading
 * (`fatal`): listing the lines of someone else's file would help nobody.
 *
 * The end line (docs/annotation-format.md) is checked here: its count must be its own line
 * number minus one, nothing but blank lines may follow it, and a file whose header promises
 * it (`endLine: true`) and lacks it was cut short. A file without the promise is from an
 * earlier Rankwise, or cut short, which no one can tell: it is read, with a warning.
 */
export class AnnotationFileReader {
  header: AnnotationHeader | null = null;
  fatal: AnnotationFatal | null = null;
  readonly warnings: string[] = [];
  /** Lines read as revisions (repeat answers included). */
  read = 0;
  private sawHeader = false;
  private endAt: number | null = null;

  constructor(private readonly problem: (p: AnnotationProblem) => void) {}

  /** A line whose bytes are not valid UTF-8 (no text to read). */
  undecodable(no: number): void {
    const p = { line: no, reason: 'invalid UTF-8' };
    if (!this.sawHeader) this.fatal = { problem: p, why: 'format' };
    else this.problem(p);
  }

  /** One decoded line; returns the revision it holds, if it holds a good one. */
  line(no: number, text: string): AnnotationLine | null {
    if (this.fatal || isBlank(text)) return null;
    if (!this.sawHeader) {
      this.sawHeader = true;
      this.readHeader(no, text);
      return null;
    }
    if (this.endAt !== null) {
      this.problem({
        line: no,
        reason: `after the end line (line ${this.endAt}): the file was damaged (something was added to it, or two files were joined)`,
      });
      return null;
    }
    let entry;
    try {
      entry = parseAnnotationLine(text);
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      this.problem({ line: no, reason: e.message });
      return null;
    }
    if (isAnnotationEnd(entry)) {
      this.endAt = no;
      if (entry.lines !== no - 1)
        this.problem({
          line: no,
          reason: `end line: says ${entry.lines} lines come before it, but ${no - 1} do: the file was damaged (lines were lost or added)`,
        });
      return null;
    }
    const labellerId = this.header?.labeller.id;
    if (labellerId !== undefined && entry.labellerId !== labellerId) {
      this.problem({
        line: no,
        reason: `labellerId: is ${entry.labellerId}, but the header says this file holds the judgments of ${labellerId}`,
      });
      return null;
    }
    this.read++;
    return entry;
  }

  /** After the last line: a file with no header, or one that lost its end line. */
  finish(): void {
    if (this.fatal) return;
    if (!this.sawHeader) {
      this.fatal = {
        problem: { line: null, reason: 'the file is empty (no header line)' },
        why: 'format',
      };
      return;
    }
    if (this.endAt !== null || this.header === null) return;
    const read = `${this.read} revision${this.read === 1 ? '' : 's'} read`;
    if (this.header.endLine)
      this.problem({
        line: null,
        reason: `no end line: the file was cut short (its header says it ends with an end line); ${read}`,
      });
    else this.warnings.push(`no end line: written by an earlier Rankwise, or cut short; ${read}`);
  }

  private readHeader(no: number, text: string): void {
    try {
      this.header = parseAnnotationHeader(text);
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      const problem = { line: no, reason: e.message };
      // Not recognisably ours (not JSON, another format) or too new to read: stop here. A
      // header of ours with a bad field is one problem among the others.
      if (e.field === 'version') this.fatal = { problem, why: 'newer' };
      else if (e.field === 'format' || e.field === '') this.fatal = { problem, why: 'format' };
      else this.problem(problem);
    }
  }
}
