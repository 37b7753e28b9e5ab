import { userInfo } from 'node:os';
import type { AuditAction, AuditEntry } from '../../shared/api/contract';
import type { Db } from '../open';
import { stmt } from '../statements';

/** Who did something: a person of the project through a team host, or the machine's user at the command line. */
export interface Actor {
  id: string | null;
  name: string;
  via: 'host' | 'cli';
}

/** The person running a `rankwise` command: the operating system's user name. */
export function commandLineActor(): Actor {
  let name = 'unknown user';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (a container): the name stays generic.
  }
  return { id: null, name: `${name} (command line)`, via: 'cli' };
}

interface Row {
  seq: number;
  at: number;
  actor_id: string | null;
  actor_name: string;
  via: 'host' | 'cli';
  action: AuditAction;
  target: string | null;
  detail_json: string;
}

function toEntry(r: Row): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: { id: r.actor_id, name: r.actor_name },
    via: r.via,
    action: r.action,
    target: r.target,
    detail: JSON.parse(r.detail_json) as Record<string, unknown>,
  };
}

/** Strings past this length are recorded cut, with their length: the log says what, not all of it. */
const MAX_TEXT = 300;

/** A detail object as recorded: long texts cut, nothing that is not JSON. */
export function recordable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.length > MAX_TEXT
      ? `${value.slice(0, MAX_TEXT)}… (${value.length} characters)`
      : value;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (depth > 6) return '…';
  if (Array.isArray(value)) {
    const kept = value.slice(0, 50).map((v) => recordable(v, depth + 1));
    return value.length > 50 ? [...kept, `… (${value.length} in all)`] : kept;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (v !== undefined) out[k] = recordable(v, depth + 1);
    return out;
  }
  return typeof value; // a function or a symbol: not data, named by its kind
}

/** Append an entry (append-only: entries are never changed or removed). */
export function appendAudit(
  db: Db,
  actor: Actor,
  action: AuditAction,
  target: string | null,
  detail: Record<string, unknown>,
  at = Date.now(),
): AuditEntry {
  const detailJson = JSON.stringify(recordable(detail));
  const seq = Number(
    stmt(
      db,
      `INSERT INTO audit_log (at, actor_id, actor_name, via, action, target, detail_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(at, actor.id, actor.name, actor.via, action, target, detailJson).lastInsertRowid,
  );
  return toEntry({
    seq,
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    via: actor.via,
    action,
    target,
    detail_json: detailJson,
  });
}

/** Newest first, `limit` entries before `before` (a seq), and whether older ones remain. */
export function listAudit(
  db: Db,
  { limit, before }: { limit: number; before?: number | undefined },
): { entries: AuditEntry[]; more: boolean } {
  const rows = stmt<[number, number], Row>(
    db,
    'SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?',
  ).all(before ?? Number.MAX_SAFE_INTEGER, limit + 1);
  return { entries: rows.slice(0, limit).map(toEntry), more: rows.length > limit };
}

/** Every entry, oldest first (`rankwise audit`). */
export function* allAudit(db: Db): Generator<AuditEntry> {
  for (const r of stmt<[], Row>(db, 'SELECT * FROM audit_log ORDER BY seq').iterate())
    yield toEntry(r);
}

/** The latest `limit` entries of one action, newest first (the dashboard's packages and merges). */
export function latestOf(db: Db, action: AuditAction, limit: number): AuditEntry[] {
  return stmt<[string, number], Row>(
    db,
    'SELECT * FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT ?',
  )
    .all(action, limit)
    .map(toEntry);
}
