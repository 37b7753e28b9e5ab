import { useAppStoreShallow, useStoreApi } from '../../state/store';

/** The project's flags as toggles (Shift+1…9, or f to reach them and Space to toggle). */
export function FlagsField() {
  const store = useStoreApi();
  const s = useAppStoreShallow((st) => ({ all: st.task?.flags ?? [], on: st.form.flags }));
  if (!s.all.length) return null;
  return (
    <fieldset className="flags" data-testid="flags">
      <legend>Flags</legend>
      {s.all.map((flag, i) => (
        <label key={flag} className={`flag${s.on.includes(flag) ? ' flag-on' : ''}`}>
          <input
            type="checkbox"
            checked={s.on.includes(flag)}
            onChange={() => store.getState().toggleFlag(flag)}
            data-testid={`flag-${flag}`}
          />
          {flag}
          {i < 9 ? <kbd>Shift+{i + 1}</kbd> : null}
        </label>
      ))}
    </fieldset>
  );
}
