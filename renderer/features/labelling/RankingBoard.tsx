import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionButton } from '../shortcuts/ActionButton';
import { useAppStoreShallow, useStoreApi } from '../../state/store';
import { placeNumbers } from '../../model/judgment-form/ranking-moves';
import { slotLetter } from './ResponsesArea';

const DIVIDER = 'unranked';
const idOf = (position: number) => `r${position}`;

/**
 * Ranking: one sortable list of every response, with the ones not ranked yet below a line.
 * Drag a response above the line to rank it, within the ranking to reorder it, below the
 * line to take it back; or press its number to put it next (t first to tie it with the last).
 * Dragging works from the keyboard too: focus a row, Space, arrows, Space.
 */
export function RankingBoard() {
  const store = useStoreApi();
  const s = useAppStoreShallow((st) => ({
    ranking: st.form.ranking,
    tieNext: st.form.tieNext,
    responses: st.current?.responses ?? [],
    allowTies: st.task?.ranking.allowTies ?? true,
  }));
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const placed = s.ranking.order;
  const unplaced = s.responses.map((_, p) => p).filter((p) => !placed.includes(p));
  const ids = [...placed.map(idOf), DIVIDER, ...unplaced.map(idOf)];
  const places = placeNumbers(s.ranking);

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = ids.indexOf(String(active.id));
    const moved = arrayMove(ids, from, ids.indexOf(String(over.id)));
    // Whatever ends above the line is the ranking, in that order.
    const k = moved.indexOf(String(active.id));
    const above = k < moved.indexOf(DIVIDER);
    const position = Number(String(active.id).slice(1));
    const st = store.getState();
    const wasPlaced = from < placed.length;
    if (wasPlaced && above) st.rankMove(from, k);
    else if (wasPlaced) st.rankRemove(from);
    else if (above) st.rankInsert(position, k);
  };

  return (
    <div className="ranking" data-testid="ranking-board">
      <div className="ranking-head">
        <strong>Ranking</strong>
        <span className="hint">
          Best first. Press a response’s number or drag it above the line.
        </span>
        <span className="spacer" />
        {s.allowTies ? <ActionButton id="tie" pressed={s.tieNext} /> : null}
        <ActionButton id="clear" />
        <ActionButton id="none-acceptable" pressed={s.ranking.noneAcceptable} />
      </div>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={ids} strategy={verticalListSortingStrategy}>
          <ol className="ranking-list" data-own-keys>
            {placed.map((p, i) => (
              <RankRow
                key={idOf(p)}
                position={p}
                place={places[i]!}
                tied={s.ranking.tiedWithPrev[i] ?? false}
                index={i}
                preview={s.responses[p]?.content ?? ''}
                allowTies={s.allowTies}
              />
            ))}
            <Divider empty={unplaced.length === 0} />
            {unplaced.map((p) => (
              <RankRow
                key={idOf(p)}
                position={p}
                place={null}
                tied={false}
                index={-1}
                preview={s.responses[p]?.content ?? ''}
                allowTies={false}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
    </div>
  );
}

function RankRow({
  position,
  place,
  tied,
  index,
  preview,
  allowTies,
}: {
  position: number;
  place: number | null;
  tied: boolean;
  index: number;
  preview: string;
  allowTies: boolean;
}) {
  const store = useStoreApi();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: idOf(position),
  });
  const letter = slotLetter(position);
  return (
    <li
      ref={setNodeRef}
      className={`rank-row${place === null ? ' rank-unplaced' : ''}${tied ? ' rank-tied' : ''}${isDragging ? ' rank-dragging' : ''}`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-testid={`rank-row-${letter}`}
      data-place={place ?? ''}
    >
      <span
        className="rank-handle"
        {...attributes}
        {...listeners}
        aria-label={`Response ${letter}${place === null ? ', not ranked' : `, ranked ${place}`}: press Space to move it`}
        aria-roledescription="sortable response"
      >
        <span className="rank-place">{place === null ? '–' : tied ? `=${place}` : place}</span>
        <span className="response-slot">{letter}</span>
        <span className="rank-preview">{previewOf(preview)}</span>
      </span>
      {place === null ? (
        <button
          type="button"
          className="ghost"
          aria-label={`Rank ${letter} next`}
          onClick={() => store.getState().rankPlace(position)}
        >
          Rank next <kbd>{position + 1}</kbd>
        </button>
      ) : (
        <>
          {index > 0 && allowTies ? (
            <button
              type="button"
              className="ghost"
              aria-pressed={tied}
              aria-label={`Tie ${letter} with the response above`}
              onClick={() => store.getState().rankToggleTie(index)}
            >
              = above
            </button>
          ) : null}
          <button
            type="button"
            className="ghost"
            aria-label={`Take ${letter} out of the ranking`}
            onClick={() => store.getState().rankRemove(index)}
          >
            ×
          </button>
        </>
      )}
    </li>
  );
}

function Divider({ empty }: { empty: boolean }) {
  const { setNodeRef, transform, transition } = useSortable({ id: DIVIDER, disabled: true });
  return (
    <li
      ref={setNodeRef}
      className="rank-divider"
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-testid="rank-divider"
      aria-hidden={empty}
    >
      {empty ? 'All ranked' : 'Not ranked yet'}
    </li>
  );
}

/**
 * The start of a response as one line, markdown punctuation dropped, for recognising it.
 * Emphasis marks go only at word edges: `binary_search` keeps its underscore.
 */
export function previewOf(text: string): string {
  return text
    .slice(0, 400)
    .replace(/```[\w+-]*/g, ' ')
    .replace(/^\s*(#+|>+)\s*/gm, ' ')
    .replace(/[`|]+/g, ' ')
    .replace(/(^|[^\p{L}\p{N}*_])[*_]+|[*_]+(?=[^\p{L}\p{N}*_]|$)/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
}
