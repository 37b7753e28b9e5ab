import { useEffect } from 'react';
import { useAppStoreShallow } from '../../state/store';

/** One empty list, so the selector's answer stays the same between renders. */
const NO_WARNINGS: readonly string[] = [];

/**
 * Standing notices above every screen: the project is read-only (and why), a judgment is
 * waiting to be saved, or the shell asked for something this version cannot do.
 */
export function ShellNotices() {
  const s = useAppStoreShallow((st) => ({
    recovery: st.recovery,
    loadRecovery: st.loadRecovery,
    sessionStatus: st.sessionStatus,
    unsaved: st.unsaved,
    retryNow: st.retryUnsavedNow,
    notice: st.shellNotice,
    dismiss: st.dismissShellNotice,
    hostWarnings: st.access?.role === 'lead' ? st.access.warnings : NO_WARNINGS,
  }));
  const { loadRecovery, sessionStatus } = s;
  useEffect(() => {
    if (sessionStatus === 'ready' || sessionStatus === 'identify') void loadRecovery();
  }, [loadRecovery, sessionStatus]);
  const readOnly = s.recovery?.state === 'open' ? s.recovery.readOnly : null;
  return (
    <>
      {s.hostWarnings.map((w) => (
        // The team host's own warnings for a lead (listening beyond this machine without TLS).
        <p key={w} className="banner banner-warn" role="status" data-testid="host-warning">
          <strong>Warning.</strong> {w}
        </p>
      ))}
      {readOnly ? (
        <p className="banner banner-warn" role="status" data-testid="read-only-banner">
          <strong>Read-only.</strong> Browse and export; judgments cannot be saved. {readOnly}
        </p>
      ) : null}
      {s.unsaved ? (
        <p className="banner banner-error" role="alert" data-testid="unsaved-banner">
          {s.unsaved.message}{' '}
          <button type="button" onClick={s.retryNow} data-testid="unsaved-retry">
            Retry now
          </button>
        </p>
      ) : null}
      {s.notice ? (
        <p className="banner" role="status" data-testid="shell-notice">
          {s.notice}{' '}
          <button type="button" className="ghost" onClick={s.dismiss}>
            Dismiss
          </button>
        </p>
      ) : null}
    </>
  );
}
