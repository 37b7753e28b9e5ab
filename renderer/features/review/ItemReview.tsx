import { useEffect, useRef } from 'react';
import type { ReviewItem } from '../../../shared/api/contract';
import { DEFAULT_STRENGTH_LABELS } from '../../../shared/domain/task';
import { ActionButton } from '../shortcuts/ActionButton';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { seconds } from '../../format';
import { useAppStoreShallow } from '../../state/store';
import { PromptView } from '../labelling/PromptView';
import { decisionOptions } from '../../model/review-decisions';
import { labellerVerdict, lettersByResponse } from './labeller-verdict';

/** Decisions that have a key in the action table (the others are buttons only). */
const KEYED: Record<string, string> = {
  lo: 'review-lo',
  hi: 'review-hi',
  tie: 'review-tie',
  both_bad: 'review-both-bad',
};

/**
 * One item of the disagreement queue: every labeller's judgment in their own letters and in
 * response terms, the prompt and responses (in source order), and, always in view below,
 * the decision with its note. Saving opens the next open disagreement.
 */
export function ItemReview({ item, position }: { item: ReviewItem; position: string }) {
  const s = useAppStoreShallow((st) => ({
    draft: st.reviewDraft,
    setDraft: st.setReviewDraft,
    save: st.saveDecision,
    withdraw: st.withdraw,
    saving: st.reviewSaving,
    error: st.reviewError,
    notice: st.reviewNotice,
  }));
  const { draft, setDraft } = s;
  const options = decisionOptions(item);
  const scroller = useRef<HTMLDivElement>(null);
  const letters = lettersByResponse(item);
  // A new item starts at its top, and takes the focus from the queue row that opened it, so
  // Enter saves the decision instead of pressing that row again.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    if (document.activeElement?.closest('[data-testid="disagreement-queue"]'))
      scroller.current?.focus();
  }, [item.item.id]);
  const preferred = options.find((o) => o.key === draft.choice)?.decision;
  const current = item.history[0];

  return (
    <div className="review-item" data-testid="review-item" data-item-id={item.item.id}>
      <div className="review-item-scroll" ref={scroller} tabIndex={-1}>
        <div className="review-item-head">
          <h3>Item {item.item.id}</h3>
          <span className="hint">{position}</span>
          {item.decision ? null : (
            <span
              className="chip"
              title="Until there is a decision, exports that prefer decisions use the labellers’ verdicts."
              data-testid="review-undecided"
            >
              not decided yet
            </span>
          )}
        </div>
        <section aria-label="Judgments">
          <h4>
            What the labellers said{' '}
            <span className="hint">(each saw the responses in their own order, as A and B)</span>
          </h4>
          <div className="side-by-side" data-testid="review-judgments">
            {item.judgments.map((j) => {
              const v = labellerVerdict(j);
              return (
                <div className="verdict" key={j.judgmentId} data-labeller={j.labellerName}>
                  <div className="verdict-head">{j.labellerName}</div>
                  <div data-testid="review-verdict">
                    <strong>{v.said}</strong>
                    {v.means ? <span> — {v.means}</span> : null}
                  </div>
                  {v.saw ? (
                    <div className="hint" data-testid="review-saw">
                      {v.saw}
                    </div>
                  ) : null}
                  {v.criteria.length ? <div className="hint">{v.criteria.join(' · ')}</div> : null}
                  <div className="hint">
                    {seconds(j.timeMs / 1000)} on the item
                    {j.revision > 1 ? ` · changed ${j.revision - 1}×` : ''}
                    {j.flags.length ? ` · flagged: ${j.flags.join(', ')}` : ''}
                  </div>
                  {j.rationale ? (
                    <p className="rationale" data-testid="review-rationale">
                      {j.rationale}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </div>
        </section>
        <section aria-label="Prompt and responses">
          <h4>Prompt</h4>
          <PromptView prompt={item.item.prompt} whole />
          <div className="side-by-side" style={{ marginTop: 12 }}>
            {item.item.responses.map((r) => (
              <div className="verdict" key={r.index} data-testid={`review-response-${r.index + 1}`}>
                <div className="verdict-head">
                  Response {r.index + 1}
                  {r.model ? <span className="hint"> — {r.model}</span> : null}
                </div>
                {letters.get(r.index) ? (
                  <div className="hint" data-testid="review-seen-as">
                    Seen as {letters.get(r.index)}
                  </div>
                ) : null}
                <SafeMarkdown text={r.content} />
              </div>
            ))}
          </div>
        </section>
        {item.history.length ? (
          <details className="review-history">
            <summary>Decision history ({item.history.length})</summary>
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
      </div>

      <section className="adjudicate" data-testid="adjudication" aria-label="Decision">
        {s.notice ? (
          <p role="status" className="notice" data-testid="review-notice">
            {s.notice}
          </p>
        ) : null}
        {item.decision && current ? (
          <p data-testid="current-decision" className="current-decision">
            In force: <strong>{current.summary}</strong>
            {current.note ? ` — “${current.note}”` : ''} ({current.reviewerName})
          </p>
        ) : null}
        <div className="choice-row" role="group" aria-label="Decision">
          {options.map((o) =>
            KEYED[o.key] ? (
              <ActionButton
                key={o.key}
                id={KEYED[o.key]!}
                label={o.label}
                pressed={draft.choice === o.key}
                testId={`decide-${o.key}`}
              />
            ) : (
              <button
                type="button"
                key={o.key}
                aria-pressed={draft.choice === o.key}
                onClick={() => setDraft({ choice: o.key })}
                data-testid={`decide-${o.key}`}
              >
                {o.label}
              </button>
            ),
          )}
          {item.strengthLevels > 0 &&
          preferred?.kind === 'pairwise' &&
          preferred.outcome === 'preferred' ? (
            <label className="inline-field">
              How much better
              <select
                value={draft.strength ?? ''}
                onChange={(e) =>
                  setDraft({ strength: e.target.value ? Number(e.target.value) : null })
                }
              >
                <option value="">not said</option>
                {Array.from({ length: item.strengthLevels }, (_, i) => (
                  <option key={i} value={i + 1}>
                    {DEFAULT_STRENGTH_LABELS[i] ?? `level ${i + 1}`}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <div className="adjudicate-row">
          <textarea
            rows={2}
            value={draft.note}
            onChange={(e) => setDraft({ note: e.target.value })}
            placeholder="Note: why this decision (kept with it). Esc leaves the box."
            aria-label="Note"
            data-testid="adjudication-note"
          />
          <div className="adjudicate-actions">
            <label className="inline-check">
              <input
                type="checkbox"
                checked={draft.asGold}
                onChange={(e) => setDraft({ asGold: e.target.checked })}
              />
              Also a hidden gold item
            </label>
            <div className="choice-row">
              <ActionButton
                id="review-save"
                className="primary"
                label={s.saving ? 'Saving…' : 'Save decision'}
                testId="adjudication-save"
              />
              {item.decision ? (
                <button
                  type="button"
                  onClick={() => void s.withdraw()}
                  data-testid="adjudication-withdraw"
                >
                  Withdraw decision
                </button>
              ) : null}
            </div>
          </div>
        </div>
        {s.error ? (
          <p role="alert" className="error">
            {s.error}
          </p>
        ) : null}
      </section>
    </div>
  );
}
