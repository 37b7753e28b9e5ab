import { useAppStore } from '../state/store';

/** This session at a glance: items judged and skipped, time per item, pace. */
export function SessionStats() {
  const summary = useAppStore((s) => s.summary);
  if (!summary || summary.judged + summary.skipped === 0) return null;
  const perItem = summary.medianMs === null ? null : Math.round(summary.medianMs / 1000);
  const pace =
    summary.activeMs > 0 ? Math.round((summary.judged * 3_600_000) / summary.activeMs) : null;
  return (
    <span className="session-stats" data-testid="session-summary" aria-label="This session">
      <span>{summary.judged} judged</span>
      {summary.skipped ? <span>{summary.skipped} skipped</span> : null}
      {perItem !== null ? (
        <span title="Median active time per judged item">{perItem} s/item</span>
      ) : null}
      {pace !== null ? <span title="Judgments per hour of active time">{pace}/h</span> : null}
    </span>
  );
}
