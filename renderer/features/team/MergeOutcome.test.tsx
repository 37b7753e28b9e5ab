// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FileOutcomeSchema } from '../../../shared/api/methods/merge';
import { MergeOutcome } from './MergeOutcome';

/** An outcome as `merge.start` reports it (checked against the contract's schema). */
const outcome = (o: unknown) => FileOutcomeSchema.parse(o);

function show(o: unknown) {
  return render(
    <ul>
      <MergeOutcome outcome={outcome(o)} />
    </ul>,
  ).container;
}

describe('MergeOutcome', () => {
  it('says what a merged file added, and shows its warnings and notes', () => {
    const c = show({
      status: 'merged',
      file: 'old.jsonl',
      kind: 'annotations',
      labellers: [{ id: 'l1', name: 'Ada' }],
      added: 2,
      alreadyPresent: 1,
      repeatAnswersAdded: 0,
      notes: ['1 added revision is older than the labeller’s current judgment of its item'],
      warnings: ['no end line: written by an earlier Rankwise, or cut short; 3 revisions read'],
      olderRevisions: { count: 1, itemCount: 1, itemIds: ['q1'] },
      twoJudgments: { count: 0, list: [] },
    });
    expect(c.querySelector('li')).toHaveAttribute('data-status', 'merged');
    expect(c.textContent).toContain(
      'old.jsonl: merged 2 new judgment revisions (1 already here) from Ada',
    );
    expect(screen.getByTestId('merge-warning')).toHaveTextContent(
      'Warning: no end line: written by an earlier Rankwise, or cut short; 3 revisions read',
    );
    expect(screen.getByTestId('merge-note')).toHaveTextContent(/older than the labeller/);
  });

  it('lists every problem of a refused file it was given, file:line: reason, and counts the rest', () => {
    const problemList = [
      { line: null, reason: 'no end line: the file was cut short' },
      ...Array.from({ length: 99 }, (_, i) => ({ line: i + 2, reason: `invalid JSON ${i}` })),
    ];
    // A reason is text from the file: markup in it stays text.
    problemList[1]!.reason = '<img src=x onerror="window.__pwned=1">';
    const c = show({
      status: 'refused',
      file: 'bad.jsonl',
      code: 'MERGE_REFUSED',
      message: 'bad.jsonl: no end line…',
      problems: { file: 'bad.jsonl', problems: problemList, total: 130 },
      problemCount: 130,
      problemList,
    });
    expect(c.querySelector('li')).toHaveAttribute('data-status', 'refused');
    expect(c.textContent).toContain(
      'bad.jsonl: refused (130 problems); nothing from it was merged.',
    );
    const items = within(screen.getByTestId('merge-problems')).getAllByRole('listitem');
    expect(items).toHaveLength(100);
    expect(items[0]).toHaveTextContent('bad.jsonl: no end line: the file was cut short');
    expect(items[1]).toHaveTextContent('bad.jsonl:2: <img src=x onerror="window.__pwned=1">');
    expect(items[99]).toHaveTextContent('bad.jsonl:100: invalid JSON 98');
    expect(c.querySelector('img')).toBeNull();
    expect(c.textContent).toContain('… and 30 more problems in bad.jsonl');
  });
});
