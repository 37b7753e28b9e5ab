import type { Db } from '../open';
import { doneBy, loadOf, resetLeaseCursors } from '../migrations/011-team-host';
import { getSetting, setSetting } from '../settings';
import { stmt } from '../statements';

/**
 * Leases: which labeller an item is shown to on a team host, so that no more than `overlap`
 * people hold or have judged an item at once, and two people asking at the same moment are
 * never both given an item beyond that. Every function here writes, and is called inside the
 * write transaction of the call it serves (db/team-host/live-queue.ts): SQLite serialises
 * them, so "is there room" and "take it" cannot be split by another labeller's request.
 *
 * The tables and the triggers that keep `item_load`, cursors and holes in step are migration
 * 011's; this module is the queries that read them.
 */

/** The most leases one labeller keeps: the item they are on, the one fetched ahead, a spare. */
export const MAX_HELD = 3;

export function getOverlap(db: Db): number {
  const k = getSetting<number>(db, 'team.overlap');
  return typeof k === 'number' && Number.isInteger(k) && k >= 1 ? k : 1;
}

/** Change the overlap; every cursor is forgotten (what "full" means changed). */
export function setOverlap(db: Db, overlap: number): void {
  db.transaction(() => {
    setSetting(db, 'team.overlap', overlap);
    resetLeaseCursors(db);
  })();
}

/** Does a plan (team.assign) say who labels what? Then leases follow it, not the overlap. */
export function planExists(db: Db): boolean {
  return stmt(db, 'SELECT 1 FROM assignments LIMIT 1').get() !== undefined;
}

export function inAssignment(db: Db, labellerId: string, itemId: string): boolean {
  return (
    stmt(db, 'SELECT 1 FROM assignments WHERE labeller_id = ? AND item_id = ?').get(
      labellerId,
      itemId,
    ) !== undefined
  );
}

/** Let every lease that has run out go (their items may open for others). */
export function purgeExpired(db: Db, now: number): number {
  return stmt(db, 'DELETE FROM leases WHERE expires_at <= ?').run(now).changes;
}

/** The expiry of this labeller's lease on the item, if they hold one now. */
export function heldUntil(db: Db, labellerId: string, seq: number, now: number): number | null {
  const row = stmt<[string, number, number], { expires_at: number }>(
    db,
    'SELECT expires_at FROM leases WHERE labeller_id = ? AND item_seq = ? AND expires_at > ?',
  ).get(labellerId, seq, now);
  return row?.expires_at ?? null;
}

/** Take (or extend) this labeller's lease on an item; returns its expiry. */
export function takeLease(db: Db, labellerId: string, seq: number, now: number, leaseMs: number) {
  const expires = now + leaseMs;
  stmt(
    db,
    `INSERT INTO leases (labeller_id, item_seq, taken_at, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (labeller_id, item_seq) DO UPDATE SET expires_at = excluded.expires_at`,
  ).run(labellerId, seq, now, expires);
  return expires;
}

/** Extend a lease this labeller holds; null when they hold none on the item. */
export function renewLease(
  db: Db,
  labellerId: string,
  seq: number,
  now: number,
  leaseMs: number,
): number | null {
  const expires = now + leaseMs;
  const changed = stmt(
    db,
    'UPDATE leases SET expires_at = ? WHERE labeller_id = ? AND item_seq = ? AND expires_at > ?',
  ).run(expires, labellerId, seq, now).changes;
  return changed ? expires : null;
}

export function releaseLease(db: Db, labellerId: string, seq: number): boolean {
  return (
    stmt(db, 'DELETE FROM leases WHERE labeller_id = ? AND item_seq = ?').run(labellerId, seq)
      .changes > 0
  );
}

/** Verdicts plus leases on an item (what the overlap is compared with). */
export function loadOfItem(db: Db, seq: number): number {
  return (
    stmt<[number], { n: number }>(
      db,
      'SELECT judged + held AS n FROM item_load WHERE item_seq = ?',
    ).get(seq)?.n ?? 0
  );
}

/**
 * Keep at most MAX_HELD leases for the labeller: beyond that, the least recently renewed go
 * (never `keep`, the one just taken). A page holds two (the item shown, the next one fetched);
 * only a client asking for more while excluding what it holds reaches the cap, and it cannot
 * hoard items that way.
 */
export function capHeld(db: Db, labellerId: string, keep: number): void {
  const held = stmt<[string], { item_seq: number }>(
    db,
    'SELECT item_seq FROM leases WHERE labeller_id = ? ORDER BY expires_at, item_seq',
  ).all(labellerId);
  let extra = held.length - MAX_HELD;
  for (const h of held) {
    if (extra <= 0) break;
    if (h.item_seq === keep) continue;
    releaseLease(db, labellerId, h.item_seq);
    extra--;
  }
}

/**
 * The first item this labeller already holds (not done, not excluded): shown again rather
 * than another, so a reload or a second fetch does not take more. Leases on items they have
 * done meanwhile (a merge) are let go first.
 */
export function ownLeasedItem(
  db: Db,
  labellerId: string,
  exclude: readonly string[],
  now: number,
): { seq: number; id: string } | undefined {
  stmt(
    db,
    `DELETE FROM leases WHERE labeller_id = @labeller AND item_seq IN (
       SELECT x.item_seq FROM leases x JOIN items i ON i.seq = x.item_seq
        WHERE x.labeller_id = @labeller AND ${doneBy('@labeller', 'i.id')})`,
  ).run({ labeller: labellerId });
  return stmt<[{ labeller: string; now: number; exclude: string }], { seq: number; id: string }>(
    db,
    `SELECT i.seq, i.id FROM leases x JOIN items i ON i.seq = x.item_seq
      WHERE x.labeller_id = @labeller AND x.expires_at > @now AND i.archived = 0
        AND i.id NOT IN (SELECT value FROM json_each(@exclude))
      ORDER BY x.item_seq LIMIT 1`,
  ).get({ labeller: labellerId, now, exclude: JSON.stringify(exclude) });
}

/** SQL: item `i` is live, open (load below @k) and not done by @labeller. */
const OPEN_FOR = `i.archived = 0 AND ${loadOf('i.seq')} < @k AND NOT ${doneBy('@labeller', 'i.id')}`;

/**
 * The labeller's cursor, made on first use from their queue frontier (migration 008): every
 * live item before that is done by them or one of their queue holes, which become lease holes.
 */
function cursorOf(db: Db, labellerId: string): number {
  const row = stmt<[string], { next_seq: number }>(
    db,
    'SELECT next_seq FROM lease_cursor WHERE labeller_id = ?',
  ).get(labellerId);
  if (row) return row.next_seq;
  const from =
    stmt<[string], { next_key: number }>(
      db,
      "SELECT next_key FROM queue_frontier WHERE labeller_id = ? AND queue = 'items'",
    ).get(labellerId)?.next_key ?? 0;
  stmt(
    db,
    `INSERT INTO lease_holes (labeller_id, item_seq)
       SELECT labeller_id, key FROM queue_holes WHERE labeller_id = ? AND queue = 'items'`,
  ).run(labellerId);
  stmt(db, 'INSERT INTO lease_cursor (labeller_id, next_seq) VALUES (?, ?)').run(labellerId, from);
  return from;
}

/**
 * The next open item for this labeller with no plan: the lowest of their open holes and the
 * first open item from their cursor on (open: live, fewer than `overlap` verdicts plus leases,
 * not done by them), leaving out `exclude`. The cursor moves up to the first open item
 * whatever `exclude` says (an excluded item stays before it only while it is theirs), and
 * holes no longer open are dropped. Each statement reads a handful of rows: the labeller's
 * holes, and the items between their cursor and the answer, which are items others filled
 * since they last asked (passed once) or items they excluded.
 */
export function nextOpenItem(
  db: Db,
  labellerId: string,
  overlap: number,
  exclude: readonly string[],
): { seq: number; id: string } | undefined {
  const from = cursorOf(db, labellerId);
  const params = { labeller: labellerId, k: overlap, exclude: JSON.stringify(exclude) };
  stmt(
    db,
    `DELETE FROM lease_holes WHERE labeller_id = @labeller AND item_seq IN (
       SELECT h.item_seq FROM lease_holes h LEFT JOIN items i ON i.seq = h.item_seq
        WHERE h.labeller_id = @labeller AND (i.seq IS NULL OR NOT (${OPEN_FOR})))`,
  ).run({ labeller: labellerId, k: overlap });
  type Row = { seq: number; id: string };
  const first = stmt<[{ labeller: string; k: number; from: number }], Row>(
    db,
    `SELECT i.seq, i.id FROM items i WHERE i.seq >= @from AND ${OPEN_FOR} ORDER BY i.seq LIMIT 1`,
  ).get({ labeller: labellerId, k: overlap, from });
  const cursor =
    first?.seq ??
    stmt<[], { n: number }>(db, 'SELECT coalesce(max(seq), 0) + 1 AS n FROM items').get()!.n;
  if (cursor !== from)
    stmt(db, 'UPDATE lease_cursor SET next_seq = ? WHERE labeller_id = ?').run(cursor, labellerId);
  const hole = stmt<[typeof params], Row>(
    db,
    `SELECT i.seq, i.id FROM lease_holes h JOIN items i ON i.seq = h.item_seq
      WHERE h.labeller_id = @labeller AND ${OPEN_FOR}
        AND i.id NOT IN (SELECT value FROM json_each(@exclude))
      ORDER BY h.item_seq LIMIT 1`,
  ).get(params);
  // Usually the first open item is the answer; only an excluded one needs a second look.
  const ahead =
    first && exclude.includes(first.id)
      ? stmt<[typeof params & { from: number }], Row>(
          db,
          `SELECT i.seq, i.id FROM items i WHERE i.seq > @from AND ${OPEN_FOR}
              AND i.id NOT IN (SELECT value FROM json_each(@exclude))
            ORDER BY i.seq LIMIT 1`,
        ).get({ ...params, from: first.seq })
      : first;
  if (!hole) return ahead;
  if (!ahead) return hole;
  return hole.seq < ahead.seq ? hole : ahead;
}
