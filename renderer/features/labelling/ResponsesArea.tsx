import { useMemo, useRef } from 'react';
import type { ItemView } from '../../../shared/api/contract';
import { pairOf } from '../../state/labelling/edits';
import { useAppStoreShallow } from '../../state/store';
import { ResponsePane } from './ResponsePane';
import { followScroll } from './sync-scroll';
import { wordDiff } from './word-diff';

export const slotLetter = (position: number) => String.fromCharCode(65 + position);

/**
 * The responses, side by side or stacked: in pairwise mode the compared pair (A and B), in
 * ranking and rating all of them, lettered by display position. Optionally a word diff of
 * the two, and scrolling one pane scrolls the others to the same place.
 */
export function ResponsesArea({ view, active }: { view: ItemView; active: boolean }) {
  const s = useAppStoreShallow((st) => ({
    task: st.task,
    labellerId: st.labeller?.id ?? '',
    layout: st.prefs.layout,
    diff: st.prefs.diff,
    syncScroll: st.prefs.syncScroll,
  }));
  const pairwise = s.task?.mode !== 'ranking' && s.task?.mode !== 'rating';
  const slots = useMemo(() => {
    if (pairwise && s.task) {
      const [a, b] = pairOf(view, s.task, s.labellerId);
      return [
        { position: a, letter: 'A' },
        { position: b, letter: 'B' },
      ];
    }
    return view.responses.map((_, p) => ({ position: p, letter: slotLetter(p) }));
  }, [pairwise, s.task, s.labellerId, view]);

  const diff = useMemo(() => {
    if (!s.diff || slots.length !== 2) return null;
    return wordDiff(
      view.responses[slots[0]!.position]!.content,
      view.responses[slots[1]!.position]!.content,
    );
  }, [s.diff, slots, view]);

  // Synchronised scrolling: the pane the labeller scrolls leads; the echo of the others'
  // programmatic scrolls is ignored until the next frame.
  const bodies = useRef<Array<HTMLDivElement | null>>([]);
  const leading = useRef<number | null>(null);
  const onScroll = (i: number) => {
    if (!s.syncScroll || !active) return;
    if (leading.current !== null && leading.current !== i) return;
    leading.current = i;
    const source = bodies.current[i];
    if (source)
      bodies.current.forEach((el, j) => {
        if (el && j !== i) el.scrollTop = followScroll(source, el);
      });
    requestAnimationFrame(() => (leading.current = null));
  };

  return (
    <div
      className={`responses responses-${s.layout}`}
      data-count={slots.length}
      data-testid={active ? 'responses' : undefined}
    >
      {diff && diff.status !== 'ok' ? (
        <p className="md-note diff-note" role="status">
          {diff.reason}
        </p>
      ) : null}
      {slots.map((slot, i) => {
        const r = view.responses[slot.position]!;
        return (
          <ResponsePane
            key={slot.position}
            letter={slot.letter}
            position={slot.position}
            model={r.model}
            content={r.content}
            diff={diff?.status === 'ok' ? (i === 0 ? diff.a : diff.b) : null}
            active={active}
            bodyRef={(el) => {
              bodies.current[i] = el;
            }}
            onScroll={() => onScroll(i)}
          />
        );
      })}
    </div>
  );
}
