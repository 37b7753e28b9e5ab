import type { BackendContext } from '../handlers/context';
import { computeDashboard, summariseAgreement, type AgreementSummary } from './dashboard';
import type { Presence } from './presence';

export interface DashboardFeedOptions {
  /** At most one `dashboard.changed` per this long (the first at once, the last never lost). */
  publishMs?: number;
  /** The agreement is recomputed at most this often, and only after judgments came in. */
  agreementMs?: number;
}

/**
 * Keeps the dashboard of a team host live: `dashboard.changed` carries the whole dashboard
 * after judgments, merges, leases, invitations or connections change, at most once a second,
 * and only while someone who may see it (a reviewer or lead) is connected. The agreement so far
 * is computed in the analysis worker, off the labellers' thread, at most every 30 s while
 * judgments keep coming, never per judgment.
 */
export class DashboardFeed {
  private agreement: AgreementSummary | null = null;
  private agreementDirty = true;
  private agreementRunning = false;
  private lastAgreement = 0;
  private lastPublish = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly ticker: NodeJS.Timeout;
  private readonly off: Array<() => void> = [];
  private readonly publishMs: number;
  private readonly agreementMs: number;
  private stopped = false;

  constructor(
    private readonly ctx: BackendContext,
    private readonly presence: Presence,
    options: DashboardFeedOptions = {},
  ) {
    this.publishMs = options.publishMs ?? 1000;
    this.agreementMs = options.agreementMs ?? 30_000;
    this.off.push(
      ctx.events.subscribe((name, payload) => {
        if (name === 'dashboard.changed' || name === 'job.progress') return;
        const what = (payload as { what?: string } | null)?.what;
        if ((name === 'db.changed' && what === 'judgments') || name === 'team.changed')
          this.agreementDirty = true;
        this.poke();
      }),
      presence.onChange(() => {
        this.poke();
        this.maybeComputeAgreement();
      }),
    );
    this.ticker = setInterval(() => this.maybeComputeAgreement(), Math.min(this.agreementMs, 5000));
    this.ticker.unref();
  }

  /** The dashboard now, with the latest agreement summary. */
  snapshot() {
    return computeDashboard(this.ctx.db, { presence: this.presence, agreement: this.agreement });
  }

  /** Something shown changed: publish soon (throttled). */
  poke(): void {
    if (this.timer || this.stopped) return;
    const wait = Math.max(0, this.lastPublish + this.publishMs - Date.now());
    this.timer = setTimeout(() => this.publish(), wait);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.ticker);
    if (this.timer) clearTimeout(this.timer);
    for (const off of this.off) off();
  }

  private publish(): void {
    this.timer = null;
    if (this.stopped || !this.presence.watching('reviewer')) return;
    this.lastPublish = Date.now();
    try {
      this.ctx.events.emit('dashboard.changed', this.snapshot());
    } catch {
      // The project went away (closed, damaged) meanwhile: there is nothing to show.
    }
  }

  private maybeComputeAgreement(): void {
    if (this.stopped || this.agreementRunning || !this.agreementDirty) return;
    if (!this.presence.watching('reviewer')) return;
    if (Date.now() - this.lastAgreement < this.agreementMs) return;
    this.agreementRunning = true;
    this.agreementDirty = false;
    this.lastAgreement = Date.now();
    this.ctx.analysis.service.run({ task: 'agreement' }).then(
      ({ result }) => {
        this.agreementRunning = false;
        if (result.task === 'agreement') this.agreement = summariseAgreement(result.report);
        this.poke();
      },
      () => {
        // Cancelled or failed (the project closing): try again at the next change.
        this.agreementRunning = false;
        this.agreementDirty = true;
      },
    );
  }
}
