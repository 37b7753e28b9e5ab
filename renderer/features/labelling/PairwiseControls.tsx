import { DEFAULT_STRENGTH_LABELS } from '../../../shared/domain/task';
import { ActionButton } from '../shortcuts/ActionButton';
import { useAppStoreShallow, useStoreApi } from '../../state/store';
import type { Side } from '../../model/judgment-form/judgment-form';

/**
 * Pairwise: the overall verdict (A, tie, both bad, B), how much better on the project's
 * scale, and each criterion's A/tie/B. The highlighted row is the one the keys act on.
 */
export function PairwiseControls() {
  const store = useStoreApi();
  const s = useAppStoreShallow((st) => ({
    pairwise: st.form.pairwise,
    cursor: st.form.cursor,
    levels: st.task?.pairwise.strengthLevels ?? 0,
    labels: st.task?.pairwise.strengthLabels ?? [],
    criteria: st.task?.criteria ?? [],
  }));
  const { choice, strength } = s.pairwise;
  const rows = s.criteria.length > 0;
  const pick = (row: number, side: Side) => {
    const st = store.getState();
    st.setCursor(row);
    store.getState().chooseSide(side);
  };
  return (
    <div className="pairwise" data-testid="pairwise-controls">
      <div
        className={`choice-row${rows && s.cursor === 0 ? ' cell-cursor' : ''}`}
        role="group"
        aria-label="Overall"
      >
        {rows ? <span className="row-name">Overall</span> : null}
        <ActionButton
          id="choose-a"
          className="choice"
          pressed={choice === 'A'}
          alsoKeysOf={['pick-1']}
          label="A is better"
        />
        <ActionButton id="tie" className="choice" pressed={choice === 'tie'} label="Tie" />
        <ActionButton id="both-bad" className="choice" pressed={choice === 'both_bad'} />
        <ActionButton
          id="choose-b"
          className="choice"
          pressed={choice === 'B'}
          alsoKeysOf={['pick-2']}
          label="B is better"
        />
      </div>
      {s.levels > 0 ? (
        <div className="choice-row strength-row" role="group" aria-label="How much better">
          <span className="row-name">
            {choice === 'A' || choice === 'B'
              ? `How much is ${choice} better?`
              : 'How much better?'}
          </span>
          {Array.from({ length: s.levels }, (_, i) => (
            <ActionButton
              key={i}
              id={`strength-${i + 1}`}
              className="choice strength"
              pressed={strength === i + 1}
              label={shortLevel(s.labels[i] || DEFAULT_STRENGTH_LABELS[i] || `level ${i + 1}`)}
            />
          ))}
        </div>
      ) : null}
      {s.criteria.length ? (
        <div className="criteria">
          {s.criteria.map((name, i) => {
            const value = s.pairwise.criteria[name];
            const row = i + 1;
            return (
              <div
                key={name}
                className={`choice-row criterion${s.cursor === row ? ' cell-cursor' : ''}`}
                role="group"
                aria-label={`Criterion ${name}`}
                data-testid={`criterion-${name}`}
              >
                <span className="row-name">{name}</span>
                {(['A', 'tie', 'B'] as const).map((side) => (
                  <button
                    key={side}
                    type="button"
                    className="choice choice-small"
                    aria-pressed={value === side}
                    aria-label={`${name}: ${side === 'tie' ? 'tie' : `${side} is better`}`}
                    onClick={() => pick(row, side)}
                  >
                    {side === 'tie' ? 'Tie' : side}
                  </button>
                ))}
              </div>
            );
          })}
        </div>
      ) : null}
      {rows ? (
        <p className="hint">
          ↑ ↓ choose the row; ← → and t answer it (1 and 2 too); the next open row follows.
        </p>
      ) : null}
    </div>
  );
}

/** "slightly better" reads as "slightly" after "How much is A better?". */
function shortLevel(label: string): string {
  const short = label.replace(/\s+better$/i, '');
  return short || label;
}
