import { useEffect, useState } from 'react';
import type { ReviewDecisionInput, ReviewItem } from '../../../shared/api/contract';
import { DEFAULT_STRENGTH_LABELS } from '../../../shared/domain/task';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { useAppStoreShallow } from '../../state/store';
import { PromptView } from '../labelling/PromptView';

type Verdict = ReviewItem['judgments'][number]['verdict'];

/** A verdict in response terms, as a reviewer reads it. */
export function describeVerdict(v: Verdict): string {
  switch (v.kind) {
    case 'pairwise':
      if (v.outcome === 'tie') return `Tie (responses ${v.chosenIdx + 1} and ${v.rejectedIdx + 1})`;
      if (v.outcome === 'both_bad')
        return `Both bad (responses ${v.chosenIdx + 1} and ${v.rejectedIdx + 1})`;
      return `Response ${v.chosenIdx + 1} better than ${v.rejectedIdx + 1}${v.strength ? ` — ${DEFAULT_STRENGTH_LABELS[v.strength - 1] ?? `strength ${v.strength}`}` : ''}`;
    case 'ranking':
      return `${v.tiers.map((t) => t.map((i) => `Response ${i + 1}`).join(' = ')).join(' > ')}${v.noneAcceptable ? ' (none acceptable)' : ''}`;
    case 'rating':
      return v.ratings
        .map(
          (r) =>
            `Response ${r.idx + 1}: ${Object.entries(r.aspects)
              .map(([k, x]) => `${k} ${x}`)
              .join(', ')}${r.thumb ? ` ${r.thumb === 'up' ? '👍' : '👎'}` : ''}`,
        )
        .join('; ');
    case 'skip':
      return `Skipped${v.reason ? `: ${v.reason}` : ''}`;
  }
}

/** The pair most judgments compared (pairwise items with more than two responses). */
function commonPair(item: ReviewItem): [number, number] {
  const counts = new Map<string, number>();
  for (const j of item.judgments)
    if (j.verdict.kind === 'pairwise') {
      const key = [j.verdict.chosenIdx, j.verdict.rejectedIdx].sort((a, b) => a - b).join(':');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '0:1';
  return best.split(':').map(Number) as [number, number];
}

/** Every labeller's judgment side by side with rationales, and the adjudication form. */
export function ItemReview({ item }: { item: ReviewItem }) {
  const { decide, withdraw, error } = useAppStoreShallow((s) => ({
    decide: s.decide,
    withdraw: s.withdraw,
    error: s.reviewError,
  }));
  const [lo, hi] = commonPair(item);
  const rankings = item.judgments.filter((j) => j.verdict.kind === 'ranking');
  const [choice, setChoice] = useState<ReviewDecisionInput | null>(null);
  const [strength, setStrength] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [asGold, setAsGold] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setChoice(null);
    setNote('');
    setAsGold(false);
    setStrength(null);
  }, [item.item.id]);

  const pairwise = (
    outcome: 'preferred' | 'tie' | 'both_bad',
    chosen = lo,
    rejected = hi,
  ): ReviewDecisionInput => ({
    kind: 'pairwise',
    outcome,
    chosenIdx: chosen,
    rejectedIdx: rejected,
    strength: null,
  });
  const options: Array<{ key: string; label: string; decision: ReviewDecisionInput }> =
    rankings.length > 0 && item.judgments.every((j) => j.verdict.kind === 'ranking')
      ? rankings.map((j) => ({
          key: `rank-${j.labellerId}`,
          label: `Use ${j.labellerName}'s ranking`,
          decision: {
            kind: 'ranking',
            tiers: (j.verdict as Extract<Verdict, { kind: 'ranking' }>).tiers,
          },
        }))
      : [
          {
            key: 'lo',
            label: `Response ${lo + 1} better`,
            decision: pairwise('preferred', lo, hi),
          },
          {
            key: 'hi',
            label: `Response ${hi + 1} better`,
            decision: pairwise('preferred', hi, lo),
          },
          { key: 'tie', label: 'Tie', decision: pairwise('tie') },
          { key: 'both_bad', label: 'Both bad', decision: pairwise('both_bad') },
        ];
  options.push({ key: 'discard', label: 'Discard item', decision: { kind: 'discard' } });
  const selected = options.find((o) => JSON.stringify(o.decision) === JSON.stringify(choice));

  async function save() {
    if (!choice) return;
    setSaving(true);
    const d =
      choice.kind === 'pairwise' && choice.outcome === 'preferred'
        ? { ...choice, strength }
        : choice;
    await decide(d, note, asGold && choice.kind !== 'discard');
    setSaving(false);
  }

  return (
    <div className="review-item" data-testid="review-item" data-item-id={item.item.id}>
      <section className="panel">
        <h3>Item {item.item.id}</h3>
        <PromptView prompt={item.item.prompt} whole />
        <div className="side-by-side" style={{ marginTop: 12 }}>
          {item.item.responses.map((r) => (
            <div className="verdict" key={r.index} data-testid={`review-response-${r.index + 1}`}>
              <div className="verdict-head">
                Response {r.index + 1}
                {r.model ? <span className="hint"> — {r.model}</span> : null}
              </div>
              <SafeMarkdown text={r.content} />
            </div>
          ))}
        </div>
      </section>
      <section className="panel">
        <h3>Judgments ({item.judgments.length})</h3>
        <div className="side-by-side" data-testid="review-judgments">
          {item.judgments.map((j) => (
            <div className="verdict" key={j.judgmentId} data-labeller={j.labellerName}>
              <div className="verdict-head">{j.labellerName}</div>
              <div data-testid="review-verdict">{describeVerdict(j.verdict)}</div>
              {j.verdict.kind === 'pairwise' && Object.keys(j.verdict.criteria).length ? (
                <div className="hint">
                  {Object.entries(j.verdict.criteria)
                    .map(([c, v]) => `${c}: ${v === 'tie' ? 'tie' : `response ${v + 1}`}`)
                    .join(' · ')}
                </div>
              ) : null}
              <div className="hint">
                {(j.timeMs / 1000).toFixed(1)} s
                {j.leftWon === null ? '' : ` · picked the ${j.leftWon ? 'left' : 'right'} side`}
                {j.revision > 1 ? ` · revision ${j.revision}` : ''}
                {j.flags.length ? ` · flags: ${j.flags.join(', ')}` : ''}
              </div>
              {j.rationale ? (
                <p className="rationale" data-testid="review-rationale">
                  {j.rationale}
                </p>
              ) : null}
            </div>
          ))}
        </div>
      </section>
      <section className="panel adjudicate" data-testid="adjudication">
        <h3>Adjudication</h3>
        {item.decision ? (
          <p data-testid="current-decision">
            In force: <strong>{item.history[0]?.summary}</strong>
            {item.history[0]?.note ? ` — “${item.history[0].note}”` : ''} (
            {item.history[0]?.reviewerName})
          </p>
        ) : (
          <p className="hint">
            No decision yet: exports that prefer adjudicated decisions fall back to the labellers’
            verdicts.
          </p>
        )}
        <div className="choice-row" role="group" aria-label="Decision">
          {options.map((o) => (
            <button
              type="button"
              key={o.key}
              aria-pressed={selected?.key === o.key}
              onClick={() => setChoice(o.decision)}
              data-testid={`decide-${o.key}`}
            >
              {o.label}
            </button>
          ))}
        </div>
        {item.strengthLevels > 0 &&
        choice?.kind === 'pairwise' &&
        choice.outcome === 'preferred' ? (
          <label>
            Strength{' '}
            <select
              value={strength ?? ''}
              onChange={(e) => setStrength(e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">—</option>
              {Array.from({ length: item.strengthLevels }, (_, i) => (
                <option key={i} value={i + 1}>
                  {DEFAULT_STRENGTH_LABELS[i] ?? i + 1}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Note
          <textarea
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="Why this decision (kept with it)"
            data-testid="adjudication-note"
            style={{ display: 'block', width: '100%' }}
          />
        </label>
        <label>
          <input type="checkbox" checked={asGold} onChange={(e) => setAsGold(e.target.checked)} />{' '}
          Also use as a hidden gold item
        </label>
        <div className="choice-row">
          <button
            type="button"
            className="primary"
            disabled={!choice || saving}
            onClick={() => void save()}
            data-testid="adjudication-save"
          >
            Save decision
          </button>
          {item.decision ? (
            <button
              type="button"
              onClick={() => void withdraw(note)}
              data-testid="adjudication-withdraw"
            >
              Withdraw decision
            </button>
          ) : null}
        </div>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        {item.history.length ? (
          <details>
            <summary>History ({item.history.length})</summary>
            <ul>
              {item.history.map((h) => (
                <li key={h.id}>
                  {new Date(h.createdAt).toLocaleString()} — {h.reviewerName}: {h.summary}
                  {h.note ? ` — “${h.note}”` : ''}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
    </div>
  );
}
