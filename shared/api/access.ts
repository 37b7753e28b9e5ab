/**
 * Who may call what on a team host (`rankwise serve --team`): one entry per contract method
 * and per event. The tables are total (`{[M in MethodName]: …}`), so a method added to the
 * contract without an entry here does not compile. The server enforces exactly this table
 * (db/team-host/gate.ts), the security test calls every method with every role's token
 * against it (cli/serve/team-access.test.ts), and a page may read it to show what a role can
 * do. Outside a team host (the desktop app, the single-user `rankwise serve`, the CLI) there
 * is one person and nothing here applies.
 */
import type { EventName, MethodName } from './contract';
import type { Role } from './methods/access';
import type { AuditAction } from './methods/audit';

export type { Role } from './methods/access';

export interface MethodAccess {
  /** The least role that may call it: labeller < reviewer < lead. */
  role: Role;
  /**
   * The input field naming a person, which must be the caller: nobody acts as someone else
   * (submits, undoes, reads the queue or drafts of another), whatever their role.
   */
  self?: 'labellerId' | 'reviewerId';
  /** Only the person who started the job (or a lead): jobs.get, jobs.cancel. */
  jobOwner?: true;
  /** Recorded in the audit log (with who and when) under this action when the call succeeds. */
  audit?: AuditAction;
}

const labeller: MethodAccess = { role: 'labeller' };
const own: MethodAccess = { role: 'labeller', self: 'labellerId' };
const reviewer: MethodAccess = { role: 'reviewer' };
const lead: MethodAccess = { role: 'lead' };
const audited = (action: AuditAction): MethodAccess => ({ role: 'lead', audit: action });

/**
 * A labeller labels their own queue and sees the guidelines and their own progress. Every call
 * that reads other people's judgments, imports, exports, merges, changes settings or touches
 * backups needs more. A reviewer adds review, adjudication, agreement and the leaderboard (and
 * the dashboard); a lead has everything.
 */
export const METHOD_ACCESS: { readonly [M in MethodName]: MethodAccess } = {
  'project.info': labeller,
  'session.get': labeller,
  // On a team host a name comes with the invitation: answered by the host, never changed.
  'session.identify': lead,
  'settings.get': labeller,
  'settings.updateTask': audited('settings'),
  'settings.updateGuidelines': audited('settings'),
  'items.next': own,
  'items.get': own,
  'items.list': own,
  'items.recent': own,
  'judgments.submit': own,
  'judgments.undo': own,
  'progress.get': own,
  'session.summary': own,
  'drafts.get': own,
  'drafts.save': own,
  'drafts.discard': own,
  'leases.renew': own,
  'leases.release': own,
  'recovery.status': labeller,
  'recovery.openReadOnly': audited('recovery'),
  'recovery.retry': audited('recovery'),
  'recovery.salvage': audited('recovery'),
  'exports.start': audited('export'),
  'exports.preview': lead,
  'jobs.cancel': { role: 'reviewer', jobOwner: true },
  'jobs.get': { role: 'reviewer', jobOwner: true },
  'backups.list': lead,
  'backups.create': audited('backup'),
  'backups.restore': audited('backup'),
  'backups.setSchedule': audited('backup'),
  'team.members': reviewer,
  'team.addMember': lead,
  'team.assign': audited('assign'),
  'team.setGold': audited('gold'),
  'team.exportPackage': audited('package'),
  'team.exportAnnotations': audited('annotations'),
  'merge.start': audited('merge'),
  'agreement.start': reviewer,
  'agreement.get': reviewer,
  'leaderboard.start': reviewer,
  'leaderboard.get': reviewer,
  'reviews.queue': reviewer,
  'reviews.item': reviewer,
  'reviews.decide': { role: 'reviewer', self: 'reviewerId' },
  'reviews.retract': { role: 'reviewer', self: 'reviewerId' },
  'imports.preview': lead,
  'imports.start': audited('import'),
  'imports.pickFile': lead,
  'imports.discard': lead,
  'imports.list': lead,
  'dashboard.get': reviewer,
  // Recorded by the handler itself (db/team-host/people.ts), as `rankwise invite` is.
  'access.list': lead,
  'access.invite': lead,
  'access.revoke': lead,
  'audit.list': lead,
  'leases.setOverlap': audited('settings'),
  // Judges are the lead's sources; reviewers compare them with people. A labeller sees only the
  // suggestion on the item in front of them, when the project's suggestion settings allow it.
  'judges.list': reviewer,
  'judges.import': audited('judge'),
  'judges.fromSource': audited('judge'),
  'judges.run': audited('judge'),
  // Calls an endpoint with the lead's key; stores nothing, so nothing to record.
  'judges.test': lead,
  'judges.getTemplate': reviewer,
  'judges.setTemplate': audited('judge'),
  'judges.getSuggestions': labeller,
  'judges.setSuggestions': audited('settings'),
  'judges.suggestion': own,
  'judges.triage': reviewer,
};

export type EventAccess =
  | { role: Role }
  /** The person who started the job, and leads. */
  | { jobOwner: true }
  /** Only the person the payload's `labellerId` names. */
  | { self: 'labellerId' };

/** Who receives each event on a team host's event stream. */
export const EVENT_ACCESS: { readonly [E in EventName]: EventAccess } = {
  'job.progress': { jobOwner: true },
  'job.finished': { jobOwner: true },
  'import.progress': { jobOwner: true },
  // Says only what kind of data changed: every page follows settings and its own queue.
  'db.changed': { role: 'labeller' },
  'backups.changed': { role: 'lead' },
  'recovery.changed': { role: 'labeller' },
  'app.command': { role: 'lead' },
  'team.changed': { role: 'reviewer' },
  'dashboard.changed': { role: 'reviewer' },
  'access.changed': { role: 'lead' },
  'access.revoked': { self: 'labellerId' },
  'audit.appended': { role: 'lead' },
};

const RANK: Record<Role, number> = { labeller: 0, reviewer: 1, lead: 2 };

/** Does a person with `role` have at least `needed`? */
export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** The methods a role may call (for a page deciding what to show; the server decides for real). */
export function methodsFor(role: Role): MethodName[] {
  return (Object.keys(METHOD_ACCESS) as MethodName[]).filter((m) =>
    roleAllows(role, METHOD_ACCESS[m].role),
  );
}
