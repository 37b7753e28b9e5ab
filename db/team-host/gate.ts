import { timingSafeEqual } from 'node:crypto';
import { EVENT_ACCESS, METHOD_ACCESS, roleAllows } from '../../shared/api/access';
import {
  isEventName,
  isMethodName,
  type EventName,
  type Labeller,
  type Role,
} from '../../shared/api/contract';
import type { ApiErrorShape, Result } from '../../shared/api/errors';
import { dispatch } from '../dispatch';
import type { EventHub } from '../events';
import type { Handlers } from '../handlers/context';
import type { Db } from '../open';
import { actingAs } from './actor';
import { accessFingerprint, hashToken, lookupToken } from './people';
import { Presence } from './presence';

/** The person a request comes from, derived from its credential, never from what it says. */
export interface Principal {
  labeller: Labeller;
  role: Role;
  /** The hash of the credential, looked up again while their event stream stays open. */
  tokenHash: string;
}

export type Identified =
  | { ok: true; principal: Principal }
  | { ok: false; code: 'UNAUTHORIZED' | 'ACCESS_REVOKED'; message: string };

/** What the gate serves: a ProjectHost (whose project may be closed, damaged, or reopened). */
export interface GatedHost {
  handlers: Handlers;
  events: EventHub;
  readonly backend: { project: { db: Db } } | null;
}

export interface GateOptions {
  /** The host's own session (the URL `rankwise serve --team` prints): always a lead. */
  lead: { token: string; labeller: () => Labeller | null; name: string };
  /** What the lead's page should warn about (no TLS beyond this machine, say). */
  warnings: string[];
  presence?: Presence;
  /** How often open event streams are checked against the file for revoked links. */
  recheckMs?: number;
  /** db.changed is passed on to one page at most this often (its kinds coalesced). */
  coalesceMs?: number;
}

/** How many started jobs are remembered with who started them (for jobs.get, job events). */
const JOBS_REMEMBERED = 2000;

/**
 * The roles of a team host, enforced per contract method by one table (shared/api/access.ts):
 * a call from someone whose role does not allow it, or naming another person as the labeller
 * (or reviewer) it acts for, or asking about a job someone else started, is refused with
 * FORBIDDEN before its input is even read. Calls run as their person (`actingAs`), so the audit
 * log names them. Events are filtered by the same table per page, `db.changed` coalesced,
 * and a page whose link is revoked (here or by `rankwise invite --revoke`) is told and closed.
 * Transport-free: the HTTP host (cli/serve/team-http.ts) authenticates and calls this.
 */
export class TeamGate {
  readonly presence: Presence;
  private readonly leadHash: Buffer;
  private readonly jobOwners = new Map<string, string>();
  private readonly streams = new Set<{
    principal: Principal;
    end: () => void;
    notify: () => void;
  }>();
  private readonly recheck: NodeJS.Timeout;
  private readonly unwatch: () => void;
  private lastVersion: number | null = null;
  private lastFingerprint: string | null = null;

  constructor(
    private readonly host: GatedHost,
    private readonly options: GateOptions,
  ) {
    this.presence = options.presence ?? new Presence();
    this.leadHash = Buffer.from(hashToken(options.lead.token), 'hex');
    this.recheck = setInterval(() => this.recheckAccess(), options.recheckMs ?? 2000);
    this.recheck.unref();
    // People changed through this host (a new link replacing one, a revocation): check at once.
    this.unwatch = host.events.subscribe((name) => {
      if (name === 'access.changed') this.checkStreams();
    });
    const db = this.db();
    if (db) {
      this.lastVersion = db.pragma('data_version', { simple: true }) as number;
      this.lastFingerprint = accessFingerprint(db);
    }
  }

  close(): void {
    clearInterval(this.recheck);
    this.unwatch();
    for (const s of [...this.streams]) s.end();
  }

  /** Whose credential this is: the host's lead session, or a link looked up in the file now. */
  identify(token: string): Identified {
    const hash = hashToken(token);
    if (timingSafeEqual(Buffer.from(hash, 'hex'), this.leadHash)) {
      const labeller = this.options.lead.labeller() ?? { id: '', name: this.options.lead.name };
      return { ok: true, principal: { labeller, role: 'lead', tokenHash: hash } };
    }
    const db = this.db();
    if (!db) return { ok: false, code: 'UNAUTHORIZED', message: UNKNOWN_LINK };
    const found = lookupToken(db, hash);
    if (found.kind === 'valid')
      return {
        ok: true,
        principal: { labeller: found.labeller, role: found.role, tokenHash: hash },
      };
    if (found.kind === 'ended')
      return {
        ok: false,
        code: 'ACCESS_REVOKED',
        message:
          found.why === 'revoked'
            ? `Your access to this project was revoked, ${found.labeller.name}. What you had not submitted is kept on this page; ask the lead if this is a mistake.`
            : `This link of ${found.labeller.name}'s was replaced by a newer invitation: open the newest link the lead sent you.`,
      };
    return { ok: false, code: 'UNAUTHORIZED', message: UNKNOWN_LINK };
  }

  /** A credential already identified is still good (a stream's, rechecked). */
  stillValid(principal: Principal): boolean {
    if (principal.tokenHash === this.leadHash.toString('hex')) return true;
    const db = this.db();
    return db !== null && lookupToken(db, principal.tokenHash).kind === 'valid';
  }

  /**
   * One call from `principal`: refused (403) when the table says their role may not, or when it
   * names someone else; otherwise dispatched as their call. `session.get` answers who they are.
   */
  async call(
    principal: Principal,
    method: string,
    input: unknown,
  ): Promise<{ status: number; result: Result<unknown> }> {
    if (!isMethodName(method))
      return { status: 200, result: await dispatch(this.host.handlers, method, input) };
    const refusal = this.refusal(principal, method, input);
    if (refusal) return { status: 403, result: { ok: false, error: refusal } };
    this.presence.seen(principal.labeller.id);
    if (method === 'session.get') {
      const warnings = principal.role === 'lead' ? this.options.warnings : [];
      return {
        status: 200,
        result: {
          ok: true,
          value: {
            labeller: principal.labeller,
            host: 'browser',
            access: { role: principal.role, warnings },
          },
        },
      };
    }
    if (method === 'session.identify')
      return {
        status: 200,
        result: {
          ok: false,
          error: {
            code: 'CONFLICT',
            message:
              'On a team host your name comes with your invitation; the lead can invite you again under another name.',
          },
        },
      };
    const actor = {
      id: principal.labeller.id || null,
      name: principal.labeller.name,
      via: 'host' as const,
    };
    const result = await actingAs(actor, () => dispatch(this.host.handlers, method, input));
    const jobId = result.ok ? (result.value as { jobId?: unknown } | null)?.jobId : undefined;
    if (typeof jobId === 'string') this.ownJob(jobId, principal.labeller.id);
    return { status: 200, result };
  }

  /** Why `principal` may not make this call, or null. */
  refusal(principal: Principal, method: string, input: unknown): ApiErrorShape | null {
    if (!isMethodName(method)) return null;
    const rule = METHOD_ACCESS[method];
    const who = principal.labeller.name;
    if (!roleAllows(principal.role, rule.role))
      return {
        code: 'FORBIDDEN',
        message: `${method} needs ${rule.role === 'lead' ? 'the lead' : `a ${rule.role}`}'s access; ${who} is ${principal.role === 'lead' ? 'a lead' : `a ${principal.role}`} on this project.`,
      };
    const fields = (input ?? {}) as Record<string, unknown>;
    if (rule.self && fields[rule.self] !== principal.labeller.id)
      return {
        code: 'FORBIDDEN',
        message: `${method} acts only as yourself: ${rule.self} must be your own id (${principal.labeller.id}), not ${JSON.stringify(fields[rule.self] ?? null)}.`,
      };
    if (rule.jobOwner && principal.role !== 'lead') {
      const owner = this.jobOwners.get(String(fields['jobId']));
      if (owner !== principal.labeller.id)
        return { code: 'FORBIDDEN', message: `${method}: only jobs you started (or the lead).` };
    }
    return null;
  }

  /** Who started a job, for downloads of its result (null: not started through this host). */
  jobOwner(jobId: string): string | null {
    return this.jobOwners.get(jobId) ?? null;
  }

  /** May `principal` receive this event? */
  visible(principal: Principal, name: string, payload: unknown): boolean {
    if (!isEventName(name)) return false;
    const rule = EVENT_ACCESS[name];
    if ('role' in rule) return roleAllows(principal.role, rule.role);
    const p = (payload ?? {}) as Record<string, unknown>;
    if ('self' in rule) return p[rule.self] === principal.labeller.id;
    return (
      principal.role === 'lead' || this.jobOwners.get(String(p['jobId'])) === principal.labeller.id
    );
  }

  /**
   * A page of `principal` holds the event stream: it gets the events it may see (db.changed at
   * most once per `coalesceMs` per kind), counts as connected, and is told and closed when its
   * link stops working. Returns what to call when the page goes.
   */
  openStream(
    principal: Principal,
    write: (name: EventName, payload: unknown) => void,
    end: () => void,
  ): () => void {
    const coalesceMs = this.options.coalesceMs ?? 1000;
    const lastSent = new Map<string, number>();
    const pending = new Map<string, { payload: unknown; timer: NodeJS.Timeout }>();
    const deliver = (name: EventName, payload: unknown) => {
      if (name !== 'db.changed') return write(name, payload);
      const key = `${name}:${(payload as { what?: string }).what ?? ''}`;
      const due = (lastSent.get(key) ?? 0) + coalesceMs - Date.now();
      if (due <= 0) {
        lastSent.set(key, Date.now());
        return write(name, payload);
      }
      const waiting = pending.get(key);
      if (waiting) return void (waiting.payload = payload);
      const timer = setTimeout(() => {
        const p = pending.get(key);
        pending.delete(key);
        lastSent.set(key, Date.now());
        if (p) write(name, p.payload);
      }, due);
      pending.set(key, { payload, timer });
    };
    const unsubscribe = this.host.events.subscribe((name, payload) => {
      if (!this.visible(principal, name, payload)) return;
      deliver(name, payload);
      if (name === 'access.revoked') finish();
    });
    const disconnect = this.presence.connect(principal.labeller.id, principal.role);
    const streams = this.streams;
    let open = true;
    const finish = () => {
      if (!open) return;
      open = false;
      streams.delete(entry);
      unsubscribe();
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
      disconnect();
      end();
    };
    const entry = {
      principal,
      end: finish,
      notify: () => {
        if (open) write('access.revoked', { labellerId: principal.labeller.id });
        finish();
      },
    };
    streams.add(entry);
    return finish;
  }

  private ownJob(jobId: string, labellerId: string): void {
    this.jobOwners.set(jobId, labellerId);
    if (this.jobOwners.size > JOBS_REMEMBERED)
      this.jobOwners.delete(this.jobOwners.keys().next().value!);
  }

  private db(): Db | null {
    try {
      return this.host.backend?.project.db ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Another process (`rankwise invite`) may have invited or revoked someone: SQLite's
   * data_version moves when another connection commits. Then open streams are checked again
   * and the lead's pages told that people changed.
   */
  private recheckAccess(): void {
    const db = this.db();
    if (!db) return;
    try {
      const version = db.pragma('data_version', { simple: true }) as number;
      if (version === this.lastVersion) return;
      this.lastVersion = version;
      this.checkStreams();
      const fingerprint = accessFingerprint(db);
      const changed = this.lastFingerprint !== null && fingerprint !== this.lastFingerprint;
      this.lastFingerprint = fingerprint;
      if (changed) this.host.events.emit('access.changed', { what: 'people' });
    } catch {
      // A project closing or damaged: the next tick tries again.
    }
  }

  /** Close the streams whose link no longer works (revoked, or replaced by a new invitation). */
  private checkStreams(): void {
    for (const s of [...this.streams]) if (!this.stillValid(s.principal)) s.notify();
  }
}

const UNKNOWN_LINK =
  'This link is not valid for this project (mistyped, or from another host). Open the link the lead sent you.';
