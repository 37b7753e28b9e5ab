import type { PackedQueue } from '../../shared/analysis/queue-pack';
import type { AgreementReport, Leaderboard } from '../../shared/analysis/report';
import type { EventHub } from '../events';
import type { AnalysisService } from './service';

/**
 * The latest agreement report (with its disagreement queue) and leaderboard, kept by the
 * backend so the review screen pages through the queue without recomputing. Marked stale
 * when judgments, merges or reviews change, so the UI can offer a refresh.
 */
export class AnalysisCache {
  agreement: { report: AgreementReport; queue: PackedQueue } | null = null;
  leaderboard: Leaderboard | null = null;
  agreementStale = false;
  leaderboardStale = false;
  agreementJob: string | null = null;
  leaderboardJob: string | null = null;

  constructor(
    events: EventHub,
    /** Where analyses run; told of every change to the project's data, so none reads old input. */
    readonly service: AnalysisService,
  ) {
    events.subscribe((name, payload) => {
      if (name !== 'db.changed' && name !== 'team.changed') return;
      service.invalidate();
      const what = (payload as { what?: string }).what;
      if (name === 'db.changed' && (what === 'judgments' || what === 'judges')) this.markStale();
      if (name === 'team.changed' && (what === 'merge' || what === 'reviews' || what === 'gold'))
        this.markStale();
    });
  }

  private markStale(): void {
    if (this.agreement) this.agreementStale = true;
    if (this.leaderboard) this.leaderboardStale = true;
  }
}
