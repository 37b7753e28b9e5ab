import { memo, useRef } from 'react';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { DataText } from '../../markdown/DataText';
import { placeNumbers } from '../../model/judgment-form/ranking-moves';
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
        <PaneState letter={letter} position={position} active={active} />
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

const NO_STATE = { chosen: false, tie: false, bad: false, place: null as number | null };

/**
 * What the judgment so far says about this response: chosen, its place, a thumb. Rendered in
 * both item layers so that moving on changes no DOM inside them (a layer swap stays a
 * restyle of two elements): a layer that is not on screen shows what it showed last, which is
 * nothing for the item waiting underneath and the last judgment for the item just left.
 */
function PaneState({
  letter,
  position,
  active,
}: {
  letter: string;
  position: number;
  active: boolean;
}) {
  const live = useAppStoreShallow((st) => {
    if (!active) return NO_STATE;
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
  const last = useRef(NO_STATE);
  if (active) last.current = live;
  const s = last.current;
  return (
    <span className="pane-state" data-testid={active ? `pane-state-${letter}` : undefined}>
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
