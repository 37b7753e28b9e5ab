import { ApiError } from '../../shared/api/errors';

export interface MergeProblem {
  /** 1-based line in an annotation file; null for a whole-file problem or a project file. */
  line: number | null;
  reason: string;
}

const SHOWN = 5;

/**
 * A source refused whole: nothing from it was merged. The message names the file, the line
 * and the reason of the first problems (`annotations-ada.jsonl:12: unknown item "q9"`).
 */
export class MergeRefused extends ApiError {
  constructor(
    readonly file: string,
    readonly problems: MergeProblem[],
    readonly why: 'newer' | 'format' | 'content' = 'content',
  ) {
    const lines = problems
      .slice(0, SHOWN)
      .map((p) => `${file}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
    if (problems.length > SHOWN)
      lines.push(`… and ${problems.length - SHOWN} more problems in ${file}`);
    super(
      why === 'newer' ? 'PROJECT_NEWER_VERSION' : 'MERGE_REFUSED',
      `${lines.join('\n')}\nNothing from ${file} was merged.`,
      { file, problems: problems.slice(0, 100), total: problems.length },
    );
  }
}
