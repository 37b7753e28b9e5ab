import { ApiError } from '../../shared/api/errors';

export interface MergeProblem {
  /** 1-based line in an annotation file; null for a whole-file problem or a project file. */
  line: number | null;
  reason: string;
}

/** How many problems of one file are kept and shown; beyond that they are only counted. */
export const PROBLEMS_SHOWN = 100;

/**
 * The problems of one file: every one counted, the first `PROBLEMS_SHOWN` kept (whole-file
 * problems first, then by line), so a file with a million bad lines costs no more memory than
 * one with a hundred.
 */
export class ProblemList {
  private readonly kept: MergeProblem[] = [];
  private count = 0;

  /** A list of these problems, counting `total` in all (more than it keeps, after a cap). */
  static of(problems: readonly MergeProblem[], total = problems.length): ProblemList {
    const list = new ProblemList();
    for (const p of problems) list.add(p);
    list.count = Math.max(list.count, total);
    return list;
  }

  add(p: MergeProblem): void {
    this.count++;
    const key = p.line ?? 0;
    let at = this.kept.length;
    while (at > 0 && (this.kept[at - 1]!.line ?? 0) > key) at--;
    if (at >= PROBLEMS_SHOWN) return;
    this.kept.splice(at, 0, p);
    if (this.kept.length > PROBLEMS_SHOWN) this.kept.pop();
  }

  /** The kept problems, at most `PROBLEMS_SHOWN`. */
  get shown(): readonly MergeProblem[] {
    return this.kept;
  }

  get total(): number {
    return this.count;
  }
}

/** `file:line: reason`, the form every report of a problem takes. */
export function problemText(file: string, p: MergeProblem): string {
  return `${file}${p.line ? `:${p.line}` : ''}: ${p.reason}`;
}

/**
 * A source refused whole: nothing from it was merged. The message names the file, the line
 * and the reason of every problem up to `PROBLEMS_SHOWN`
 * (`annotations-ada.jsonl:12: unknown item "q9"`), and counts the rest.
 */
export class MergeRefused extends ApiError {
  readonly problems: readonly MergeProblem[];
  readonly total: number;

  constructor(
    readonly file: string,
    problems: readonly MergeProblem[] | ProblemList,
    readonly why: 'newer' | 'format' | 'content' = 'content',
  ) {
    const list = problems instanceof ProblemList ? problems : ProblemList.of(problems);
    const lines = list.shown.map((p) => problemText(file, p));
    if (list.total > list.shown.length)
      lines.push(`… and ${list.total - list.shown.length} more problems in ${file}`);
    super(
      why === 'newer' ? 'PROJECT_NEWER_VERSION' : 'MERGE_REFUSED',
      `${lines.join('\n')}\nNothing from ${file} was merged.`,
      { file, problems: list.shown, total: list.total },
    );
    this.problems = list.shown;
    this.total = list.total;
  }

  /** The same refusal under the name the user knows the file by (an upload's own name). */
  named(file: string): MergeRefused {
    return new MergeRefused(file, ProblemList.of(this.problems, this.total), this.why);
  }
}
