import { useEffect, useState } from 'react';
import { useAppStoreShallow, useStoreApi } from '../../state/store';

/**
 * Saving, quietly: nothing while it works, a clear line when it does not (what failed, when
 * it retries, a button to retry now), and whether the half-made judgment is kept.
 */
export function SaveStatus() {
  const store = useStoreApi();
  const s = useAppStoreShallow((st) => ({
    // The item on screen, or the one just left, on its way to disk.
    saving: st.saving || st.savingBehind !== null,
    error: st.saveError,
    unsaved: st.unsaved,
    notice: st.notice,
    draft: st.draftStatus,
  }));
  const now = useNow(s.unsaved?.retryAt ?? null);
  const slowSave = useLasting(s.saving, 300);
  return (
    // data-saving: a judgment (of this item, or of the one just left) is on its way to disk.
    <span
      className="save-status"
      data-testid="save-status"
      data-saving={s.saving ? 'true' : undefined}
    >
      {s.error ? (
        <span role="alert" className="error save-error" data-testid="save-error">
          {s.error}
        </span>
      ) : null}
      {s.unsaved ? (
        // The full story is in the banner above every screen (ShellNotices); here, the state.
        <span className="error save-error" data-testid="save-pending">
          Not saved yet: retrying in {Math.max(0, Math.ceil((s.unsaved.retryAt - now) / 1000))} s{' '}
          <button type="button" onClick={() => store.getState().retryUnsavedNow()}>
            Retry now
          </button>
        </span>
      ) : null}
      {s.notice ? (
        <span role="status" className="save-notice" data-testid="notice">
          {s.notice}{' '}
          <button
            type="button"
            className="ghost"
            aria-label="Dismiss"
            onClick={() => store.getState().dismissNotice()}
          >
            ×
          </button>
        </span>
      ) : null}
      <span
        className="draft-status"
        data-testid="draft-status"
        data-status={s.draft}
        aria-live="polite"
      >
        {slowSave
          ? 'Saving…'
          : s.draft === 'saved'
            ? 'Draft kept'
            : s.draft === 'failed'
              ? 'Draft not kept (will retry)'
              : ''}
      </span>
    </span>
  );
}

/**
 * True once `on` has stayed true for `ms`: a save normally takes a few milliseconds, and a
 * "Saving…" that flashes for each one is noise (and a relayout of the bar in the frame that
 * shows the next item).
 */
function useLasting(on: boolean, ms: number): boolean {
  const [lasting, setLasting] = useState(false);
  useEffect(() => {
    if (!on) {
      setLasting(false);
      return;
    }
    const t = setTimeout(() => setLasting(true), ms);
    return () => clearTimeout(t);
  }, [on, ms]);
  return on && lasting;
}

/** The time, ticking once a second while a countdown is shown. */
function useNow(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  return now;
}
