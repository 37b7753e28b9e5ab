import { useEffect, useRef } from 'react';
import { formContext } from '../../state/labelling/edits';
import { useAppStoreShallow, useStoreApi } from '../../state/store';
import { rationaleRequired } from '../../model/judgment-form/judgment-form';

/**
 * Why: a text box the rules may require (always, or for ties). When the judgment is done but
 * for the rationale, the box takes focus and says so. Esc always leaves it; Ctrl+Enter
 * submits from inside it.
 */
export function RationaleField() {
  const store = useStoreApi();
  const ref = useRef<HTMLTextAreaElement>(null);
  const s = useAppStoreShallow((st) => ({
    rule: st.task?.rationale ?? 'optional',
    text: st.form.rationale,
    wants: st.wantsRationale,
    required: st.task ? rationaleRequired(st.form, st.task) : false,
    mode: st.task?.mode,
    ready: formContext(st) !== null,
  }));
  useEffect(() => {
    if (s.wants) ref.current?.focus();
  }, [s.wants]);
  if (s.rule === 'off' || !s.ready) return null;
  const label =
    s.rule === 'required'
      ? 'Rationale (required)'
      : s.rule === 'required-for-ties' && s.mode === 'pairwise'
        ? s.required
          ? 'Rationale (required for ties and both bad)'
          : 'Rationale (optional; required for ties)'
        : 'Rationale (optional)';
  return (
    <div className={`rationale${s.wants ? ' rationale-wanted' : ''}`}>
      <label htmlFor="rationale">
        {label} <kbd>R</kbd>
      </label>
      <textarea
        id="rationale"
        ref={ref}
        rows={1}
        maxLength={100_000}
        placeholder="Esc leaves the box · Ctrl+Enter submits"
        aria-describedby="rationale-hint"
        value={s.text}
        aria-required={s.required}
        data-testid="rationale"
        onChange={(e) => store.getState().setRationale(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void store.getState().submit();
          }
        }}
      />
      <span className="visually-hidden" id="rationale-hint">
        Esc leaves the box · Ctrl+Enter submits
      </span>
    </div>
  );
}
