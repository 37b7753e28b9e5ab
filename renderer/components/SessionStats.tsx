import type { SessionSummary } from '../../shared/api/contract';
import { paceOf } from './session-pace';

/** This session at a glance: items judged and skipped, and once it means something, the pace. */
export function SessionStats({ summary }: { summary: SessionSummary | null }) {
  if (!summary || summary.judged + summary.skipped === 0) return null;
  const pace = paceOf(summary);
  return (
    <span className="session-stats" data-testid="session-summary" aria-label="This session">
      <span>{summary.judged} judged</span>
      {summary.skipped ? <span>{summary.skipped} skipped</span> : null}
      {pace ? (
        <>
          <span title="Median active time per judged item">{pace.perItem}</span>
          <span title="Judgments per hour of active time">{pace.perHour}/h</span>
        </>
      ) : null}
    </span>
  );
}
