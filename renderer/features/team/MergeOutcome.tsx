import type { FileOutcomeView } from '../../../shared/api/methods/merge';

/**
 * What a merge did with one file: what it added, warnings (a file that may be missing its
 * end), notes (older revisions that only went into history, items judged twice in the file),
 * or, for a refused file, every problem the merge kept (up to 100) as `file:line: reason`.
 * Everything here is plain text: file names and reasons come from the files.
 */
export function MergeOutcome({ outcome: f }: { outcome: FileOutcomeView }) {
  if (f.status === 'merged')
    return (
      <li data-status="merged">
        <strong>{f.file}</strong>: merged {f.added} new judgment revisions
        {f.repeatAnswersAdded ? ` and ${f.repeatAnswersAdded} repeat answers` : ''} (
        {f.alreadyPresent} already here) from {f.labellers.map((l) => l.name).join(', ')}
        {f.warnings.map((w, i) => (
          <div className="warning" data-testid="merge-warning" key={`w${i}`}>
            Warning: {w}
          </div>
        ))}
        {f.notes.map((n, i) => (
          <div className="hint" data-testid="merge-note" key={`n${i}`}>
            {n}
          </div>
        ))}
      </li>
    );
  const more = f.problemCount - f.problemList.length;
  return (
    <li data-status="refused">
      <div className="outcome-refused">
        <strong>{f.file}</strong>: refused ({f.problemCount}{' '}
        {f.problemCount === 1 ? 'problem' : 'problems'}); nothing from it was merged.
      </div>
      <ul className="merge-problems" data-testid="merge-problems">
        {f.problemList.map((p, i) => (
          <li key={i}>
            {f.file}
            {p.line ? `:${p.line}` : ''}: {p.reason}
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <div className="hint">
          … and {more} more {more === 1 ? 'problem' : 'problems'} in {f.file}
        </div>
      ) : null}
    </li>
  );
}
