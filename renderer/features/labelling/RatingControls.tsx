import { useAppStoreShallow, useStoreApi } from '../../state/store';

/** Likert scales per aspect and thumbs up/down for one response (rating mode). */
export function RatingControls({ position, letter }: { position: number; letter: string }) {
  const store = useStoreApi();
  const s = useAppStoreShallow((st) => ({
    task: st.task,
    entry: st.form.rating.find((e) => e.position === position),
    cursor: st.form.cursor,
  }));
  if (s.task?.mode !== 'rating') return null;
  const { aspects, thumbs } = s.task.rating;
  const perResponse = aspects.length + (thumbs ? 1 : 0);
  const first = position * perResponse;
  return (
    <div className="rating" data-testid={`rating-${letter}`}>
      {aspects.map((a, i) => {
        const cell = first + i;
        const value = s.entry?.aspects[a.name];
        return (
          <div
            key={a.name}
            className={`rating-row${s.cursor === cell ? ' cell-cursor' : ''}`}
            role="group"
            aria-label={`${a.name} of response ${letter}`}
          >
            <span className="rating-name">{a.name}</span>
            {Array.from({ length: a.max - a.min + 1 }, (_, k) => a.min + k).map((v) => (
              <button
                key={v}
                type="button"
                className="scale-point"
                aria-pressed={value === v}
                aria-label={`${a.name} ${v} for response ${letter}`}
                data-testid={`rate-${letter}-${a.name}-${v}`}
                onClick={() => store.getState().rateCell(cell, v)}
              >
                {v}
              </button>
            ))}
          </div>
        );
      })}
      {thumbs ? (
        <div
          className={`rating-row${s.cursor === first + aspects.length ? ' cell-cursor' : ''}`}
          role="group"
          aria-label={`Thumbs for response ${letter}`}
        >
          <span className="rating-name">verdict</span>
          <button
            type="button"
            aria-pressed={s.entry?.thumb === 'up'}
            aria-label={`Thumbs up for response ${letter}`}
            data-testid={`thumb-${letter}-up`}
            onClick={() => store.getState().thumb('up', position)}
          >
            Up <kbd>+</kbd>
          </button>
          <button
            type="button"
            aria-pressed={s.entry?.thumb === 'down'}
            aria-label={`Thumbs down for response ${letter}`}
            data-testid={`thumb-${letter}-down`}
            onClick={() => store.getState().thumb('down', position)}
          >
            Down <kbd>-</kbd>
          </button>
        </div>
      ) : null}
    </div>
  );
}
