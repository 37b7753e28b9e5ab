import { useEffect, useState } from 'react';
import { useAppStoreShallow, useStoreApi } from '../../state/store';

/**
 * Saving, quietly: nothing while it works, a clear line when it does not (what failed, when
 * it retries, a button to retry now), and whether the half-made judgment is kept.
 */
export function SaveStatus() {
  const store = useStoreApi();
  const s = useAppStoreShallow((st) => ({
    saving: st.saving,
    error: st.saveError,
    notice: st.notice,
    draft: st.draftStatus,
  }));
  const now = useNow(s.error?.retryAt ?? null);
  return (
    <span className="save-status">
      {s.error ? (
        <span role="alert" className="error save-error" data-testid="save-error">
          Not saved: {s.error.message}.{' '}
          {s.error.retryAt !== null
            ? `Retrying in ${Math.max(0, Math.ceil((s.error.retryAt - now) / 1000))} s.`
            : 'Change the judgment and submit again.'}{' '}
          {s.error.retryAt !== null ? (
            <button
              type="button"
              onClick={() => store.getState().retrySave()}
              data-testid="retry-save"
            >
              Retry now
            </button>
          ) : null}
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
        {s.saving
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
