import { memo } from 'react';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { DataText } from '../../markdown/DataText';
import { placeNumbers } from './form/ranking-moves';
import { useAppStoreShallow } from '../../state/store';
import { RatingControls } from './RatingControls';
import type { DiffSegment } from './word-diff';

/** One response: its letter (and model, if the project shows names), its text, and its state in the judgment. */
export const ResponsePane = memo(function ResponsePane({
  letter,
  position,
  model,
  content,
  diff,
  active,
  bodyRef,
  onScroll,
}: {
  letter: string;
  position: number;
  model: string | null;
  content: string;
  diff: DiffSegment[] | null;
  active: boolean;
  bodyRef: (el: HTMLDivElement | null) => void;
  onScroll: () => void;
}) {
  return (
    <article
      className="response"
      aria-label={`Response ${letter}`}
      data-testid={active ? `response-${letter}` : undefined}
    >
      <header className="response-head">
        <span className="response-slot">{letter}</span>
        {model ? <DataText className="response-model" text={model} /> : null}
        {active ? <PaneState letter={letter} position={position} /> : null}
      </header>
      <div
        className="response-body"
        data-testid={active ? `response-${letter}-text` : undefined}
        ref={bodyRef}
        onScroll={onScroll}
        tabIndex={0}
        aria-label={`Text of response ${letter}`}
      >
        {diff ? <DiffText segments={diff} active={active} /> : <SafeMarkdown text={content} />}
      </div>
      {active ? <RatingControls position={position} letter={letter} /> : null}
    </article>
  );
});

/** What the judgment so far says about this response: chosen, its place, a thumb. */
function PaneState({ letter, position }: { letter: string; position: number }) {
  const s = useAppStoreShallow((st) => {
    const mode = st.task?.mode;
    const choice = st.form.pairwise.choice;
    const order = st.form.ranking.order;
    const at = order.indexOf(position);
    return {
      chosen: mode === 'pairwise' && choice === letter,
      tie: mode === 'pairwise' && choice === 'tie',
      bad: mode === 'pairwise' && choice === 'both_bad',
      place: mode === 'ranking' && at >= 0 ? placeNumbers(st.form.ranking)[at]! : null,
    };
  });
  return (
    <span className="pane-state" data-testid={`pane-state-${letter}`}>
      {s.chosen ? <span className="badge badge-chosen">Better</span> : null}
      {s.tie ? <span className="badge">Tie</span> : null}
      {s.bad ? <span className="badge badge-bad">Bad</span> : null}
      {s.place !== null ? (
        <span className="badge badge-place" aria-label={`Ranked ${s.place}`}>
          #{s.place}
        </span>
      ) : null}
    </span>
  );
}

/** A response as written, with what the other response lacks or adds marked. */
function DiffText({ segments, active }: { segments: DiffSegment[]; active: boolean }) {
  return (
    <div className="plain-text diff-text" data-testid={active ? 'diff-text' : undefined}>
      {segments.map((seg, i) =>
        seg.kind === 'same' ? (
          <span key={i}>{seg.text}</span>
        ) : seg.kind === 'removed' ? (
          <del key={i} className="diff-removed">
            {seg.text}
          </del>
        ) : (
          <ins key={i} className="diff-added">
            {seg.text}
          </ins>
        ),
      )}
    </div>
  );
}
