import { createHash, randomBytes } from 'node:crypto';
import type { Invitation, Labeller, Person, Role } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { ensureLabeller, findLabeller, findLabellerByName } from '../labellers';
import type { Db } from '../open';
import { stmt } from '../statements';
import { appendAudit, type Actor } from './audit';
import type { AuditEntry } from '../../shared/api/contract';

/**
 * People invited to a project and their links. A link carries a random token (32 bytes); the
 * file keeps only its SHA-256, so a copy of the project (a backup, a package sent around)
 * lets nobody in. A plain hash suffices for tokens this random: there is nothing to guess a
 * preimage from, so no salt or slow hash is needed.
 */

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The link of a token, relative to the host: the page trades it for a cookie at once. */
export function linkOf(token: string): string {
  return `/?token=${token}`;
}

export type TokenLookup =
  | { kind: 'valid'; labeller: Labeller; role: Role }
  /** A real link that no longer works: revoked, or replaced by a newer invitation. */
  | { kind: 'ended'; why: 'revoked' | 'replaced'; labeller: Labeller }
  | { kind: 'unknown' };

/** Whose token this is, looked up by its hash (one index lookup: cheap enough for every request). */
export function lookupToken(db: Db, tokenHash: string): TokenLookup {
  const row = stmt<
    [string],
    {
      id: string;
      name: string;
      role: Role | null;
      ended_why: 'revoked' | 'replaced' | null;
      revoked_at: number | null;
    }
  >(
    db,
    `SELECT l.id, l.name, m.role, t.ended_why, m.revoked_at
       FROM access_tokens t JOIN labellers l ON l.id = t.labeller_id
       LEFT JOIN team_members m ON m.labeller_id = t.labeller_id
      WHERE t.token_hash = ?`,
  ).get(tokenHash);
  if (!row) return { kind: 'unknown' };
  const labeller = { id: row.id, name: row.name };
  if (row.ended_why) return { kind: 'ended', why: row.ended_why, labeller };
  if (row.revoked_at !== null || row.role === null)
    return { kind: 'ended', why: 'revoked', labeller };
  return { kind: 'valid', labeller, role: row.role };
}

/**
 * Invite a person: the name's labeller (an existing one keeps its id, so their earlier work
 * and every file that names them stay theirs), their role, and a new link. Inviting someone
 * again (to change their role, or because a link was lost) replaces their link: the old one
 * stops working. Recorded in the audit log, in the same transaction.
 */
export function invitePerson(
  db: Db,
  { name, role }: { name: string; role: Role },
  actor: Actor,
  now = Date.now(),
): { invitation: Invitation; audit: AuditEntry } {
  return db
    .transaction(() => {
      const labeller = findLabellerByName(db, name) ?? ensureLabeller(db, { name });
      stmt(
        db,
        `INSERT INTO team_members (labeller_id, role, invited_at, revoked_at) VALUES (?, ?, ?, NULL)
         ON CONFLICT (labeller_id) DO UPDATE SET role = excluded.role, invited_at = excluded.invited_at, revoked_at = NULL`,
      ).run(labeller.id, role, now);
      const replaced = endTokens(db, labeller.id, 'replaced', now);
      const token = newToken();
      stmt(
        db,
        'INSERT INTO access_tokens (token_hash, labeller_id, created_at) VALUES (?, ?, ?)',
      ).run(hashToken(token), labeller.id, now);
      const audit = appendAudit(
        db,
        actor,
        'invite',
        labeller.name,
        { labellerId: labeller.id, role, replacedLinks: replaced },
        now,
      );
      return { invitation: { labeller, role, token, url: linkOf(token) }, audit };
    })
    .immediate();
}

/**
 * End a person's access: every link of theirs stops working at its next request. Their work
 * stays. False when they had no access to end (never invited, or already revoked).
 */
export function revokePerson(
  db: Db,
  labellerId: string,
  actor: Actor,
  now = Date.now(),
): { labeller: Labeller; revoked: boolean; audit: AuditEntry | null } {
  return db
    .transaction(() => {
      const labeller = findLabeller(db, labellerId);
      if (!labeller)
        throw new ApiError('NOT_FOUND', `no labeller with id ${labellerId} in this project`);
      const member = stmt<[string], { revoked_at: number | null }>(
        db,
        'SELECT revoked_at FROM team_members WHERE labeller_id = ?',
      ).get(labellerId);
      const ended = endTokens(db, labellerId, 'revoked', now);
      if (!member || (member.revoked_at !== null && ended === 0))
        return { labeller, revoked: false, audit: null };
      stmt(db, 'UPDATE team_members SET revoked_at = ? WHERE labeller_id = ?').run(now, labellerId);
      const audit = appendAudit(
        db,
        actor,
        'revoke',
        labeller.name,
        { labellerId, linksEnded: ended },
        now,
      );
      return { labeller, revoked: true, audit };
    })
    .immediate();
}

function endTokens(db: Db, labellerId: string, why: 'revoked' | 'replaced', now: number): number {
  return stmt(
    db,
    `UPDATE access_tokens SET ended_at = ?, ended_why = ?
      WHERE labeller_id = ? AND ended_at IS NULL`,
  ).run(now, why, labellerId).changes;
}

export function listPeople(db: Db): Person[] {
  return stmt<
    [],
    { id: string; name: string; role: Role; invited_at: number; revoked_at: number | null }
  >(
    db,
    `SELECT l.id, l.name, m.role, m.invited_at, m.revoked_at
       FROM team_members m JOIN labellers l ON l.id = m.labeller_id ORDER BY l.name, l.id`,
  )
    .all()
    .map((r) => ({
      labeller: { id: r.id, name: r.name },
      role: r.role,
      invitedAt: r.invited_at,
      revokedAt: r.revoked_at,
    }));
}

/** The person a command line names: an id, or a name (the earliest labeller with it). */
export function findPerson(db: Db, nameOrId: string): Labeller | undefined {
  return findLabeller(db, nameOrId) ?? findLabellerByName(db, nameOrId);
}

/** The host's lead is listed as a lead (without a link: the host's own URL is theirs). */
export function ensureLeadMember(db: Db, labeller: Labeller, now = Date.now()): void {
  stmt(
    db,
    `INSERT INTO team_members (labeller_id, role, invited_at) VALUES (?, 'lead', ?)
     ON CONFLICT (labeller_id) DO NOTHING`,
  ).run(labeller.id, now);
}

/**
 * A fingerprint of the people and links, to notice changes made by another process
 * (`rankwise invite`) without comparing everything.
 */
export function accessFingerprint(db: Db): string {
  const r = stmt<[], { n: number; t: number | null; e: number | null; m: number | null }>(
    db,
    `SELECT (SELECT count(*) FROM access_tokens) AS n,
            (SELECT max(created_at) FROM access_tokens) AS t,
            (SELECT count(*) FROM access_tokens WHERE ended_at IS NOT NULL) AS e,
            (SELECT max(coalesce(revoked_at, invited_at)) FROM team_members) AS m`,
  ).get()!;
  return `${r.n}/${r.t}/${r.e}/${r.m}`;
}
