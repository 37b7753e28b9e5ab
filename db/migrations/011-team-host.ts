import type { Database } from 'better-sqlite3';
import type { Migration } from './types';

/**
 * Schema v9: what a team host (`rankwise serve --team`) keeps in the file.
 *
 * People and their links:
 * - `team_members`: who was invited, with which role, and whether their access was revoked.
 * - `access_tokens`: the SHA-256 of every link's token (the token itself is never stored),
 *   with when it ended (revoked, or replaced by a newer invitation): a host looks the hash of
 *   each request's token up here, so an invitation or a revocation made by `rankwise invite`
 *   meanwhile counts at the next request, without a restart.
 * - `audit_log`: invitations, revocations, imports, exports, merges, packages, settings
 *   changes; who, through what, when. Append-only.
 *
 * Handing items out live (no plan):
 * - `leases`: an item shown to a labeller is theirs until `expires_at` (renewed while they
 *   work on it). Soft state: losing one costs nothing but a repeat offer.
 * - `item_load`: per item with any, the labellers with a current verdict (`judged`: not skips,
 *   not retractions) and the leases (`held`). At most `overlap` (project setting
 *   `team.overlap`, default 1) may hold or have judged an item at once.
 * - `lease_cursor` / `lease_holes`: per labeller, a key before which every live item is done
 *   by them, full (`judged + held >= overlap`), or listed as a hole. The next item is the first
 *   of their holes and the first open item from the cursor on (db/team-host/leases.ts), so a
 *   labeller never walks the items others filled before. When an item behind some cursors
 *   opens again (a lease let go, a retraction), it becomes a hole for each of those labellers
 *   who has not done it; changing the overlap forgets every cursor.
 * - `load_histogram`: live items by verdict count (1, 2, …; 0 is the rest), so the dashboard's
 *   "complete" and "judgments left" are a handful of rows at any size.
 * - `judged_days`: verdicts given per labeller per local day, for the dashboard's "today".
 *
 * Triggers keep the derived tables (`item_load`, `load_histogram`, holes, `judged_days`) in
 * step with whatever writes judgments, leases and items (labelling, merges, imports, packages,
 * archiving), like the queue state of migration 008; salvage skips them and rebuilds them
 * (`rebuildLeaseState`).
 */
export const teamHost: Migration = {
  version: 11,
  name: 'team-host',
  up(db) {
    db.exec(`
      CREATE TABLE team_members (
        labeller_id TEXT PRIMARY KEY REFERENCES labellers(id),
        role        TEXT NOT NULL CHECK (role IN ('labeller', 'reviewer', 'lead')),
        invited_at  INTEGER NOT NULL,
        revoked_at  INTEGER
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE access_tokens (
        token_hash  TEXT PRIMARY KEY,
        labeller_id TEXT NOT NULL REFERENCES labellers(id),
        created_at  INTEGER NOT NULL,
        ended_at    INTEGER,
        ended_why   TEXT CHECK (ended_why IN ('revoked', 'replaced')),
        CHECK ((ended_at IS NULL) = (ended_why IS NULL))
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX access_tokens_live ON access_tokens (labeller_id) WHERE ended_at IS NULL;

      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY,
        at          INTEGER NOT NULL,
        actor_id    TEXT,
        actor_name  TEXT NOT NULL,
        via         TEXT NOT NULL CHECK (via IN ('host', 'cli')),
        action      TEXT NOT NULL,
        target      TEXT,
        detail_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_action ON audit_log (action, seq);

      CREATE TABLE leases (
        labeller_id TEXT NOT NULL,
        item_seq    INTEGER NOT NULL,
        taken_at    INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        PRIMARY KEY (labeller_id, item_seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX leases_by_expiry ON leases (expires_at);

      CREATE TABLE item_load (
        item_seq INTEGER PRIMARY KEY,
        judged   INTEGER NOT NULL DEFAULT 0,
        held     INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE load_histogram (
        judged INTEGER PRIMARY KEY CHECK (judged > 0),
        items  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE lease_cursor (
        labeller_id TEXT PRIMARY KEY,
        next_seq    INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE lease_holes (
        labeller_id TEXT NOT NULL,
        item_seq    INTEGER NOT NULL,
        PRIMARY KEY (labeller_id, item_seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE judged_days (
        labeller_id TEXT NOT NULL,
        day         TEXT NOT NULL,
        verdicts    INTEGER NOT NULL,
        PRIMARY KEY (labeller_id, day)
      ) STRICT, WITHOUT ROWID;
    `);
    db.exec(TRIGGERS);
    rebuildLeaseState(db);
  },
};

/** SQL: the project's overlap, read where a trigger needs it (a setting, default 1). */
export const OVERLAP_SQL = `coalesce((SELECT CAST(value_json AS INTEGER) FROM project_settings WHERE key = 'team.overlap'), 1)`;

/** SQL: a head kind that is a verdict (what counts towards the overlap; skips do not). */
const verdict = (kind: string) => `(${kind} IN ('pairwise', 'ranking', 'rating'))`;

/** SQL: labeller `l` has done the item `id` (a current head that is not a retraction). */
export const doneBy = (l: string, id: string) =>
  `EXISTS (SELECT 1 FROM judgment_heads d WHERE d.labeller_id = ${l} AND d.item_id = ${id} AND d.kind <> 'retract')`;

/** SQL: the load of item `seq` (verdicts plus leases). */
export const loadOf = (seq: string) =>
  `coalesce((SELECT w.judged + w.held FROM item_load w WHERE w.item_seq = ${seq}), 0)`;

const seqOf = (id: string) => `(SELECT seq FROM items WHERE id = ${id})`;
const day = (createdAt: string) => `date(${createdAt} / 1000, 'unixepoch', 'localtime')`;

/*
 * Rows are added with NOT EXISTS rather than INSERT OR IGNORE (a trigger's statements take the
 * conflict clause of the statement that fired it; see migration 008).
 */
const addLoad = (seq: string) => `
  INSERT INTO item_load (item_seq) SELECT ${seq}
   WHERE ${seq} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM item_load x WHERE x.item_seq = ${seq});`;

/** A hole for labeller `l` at item `seq` when it is behind their cursor and `when` holds. */
const addHole = (l: string, seq: string, when: string) => `
  INSERT INTO lease_holes (labeller_id, item_seq) SELECT ${l}, ${seq}
   WHERE ${seq} < (SELECT next_seq FROM lease_cursor WHERE labeller_id = ${l}) AND ${when}
     AND NOT EXISTS (SELECT 1 FROM lease_holes x WHERE x.labeller_id = ${l} AND x.item_seq = ${seq});`;

/** Every labeller whose cursor is past item `seq` (id `id`) and who has not done it gets a hole. */
const holesForAll = (seq: string, id: string) => `
  INSERT INTO lease_holes (labeller_id, item_seq)
    SELECT c.labeller_id, ${seq} FROM lease_cursor c
     WHERE c.next_seq > ${seq}
       AND NOT EXISTS (SELECT 1 FROM lease_holes x WHERE x.labeller_id = c.labeller_id AND x.item_seq = ${seq})
       AND NOT ${doneBy('c.labeller_id', id)};`;

/** Move a live item from histogram bucket `from` to `to` (bucket 0 is implicit). */
const moveBucket = (from: string, to: string) => `
  UPDATE load_histogram SET items = items - 1 WHERE judged = ${from};
  INSERT INTO load_histogram (judged, items) SELECT ${to}, 0
   WHERE ${to} > 0 AND NOT EXISTS (SELECT 1 FROM load_histogram x WHERE x.judged = ${to});
  UPDATE load_histogram SET items = items + 1 WHERE judged = ${to};`;

const TRIGGERS = `
  -- Verdicts per item, from the heads (whatever writes them: labelling, merges, packages).
  CREATE TRIGGER load_head_insert AFTER INSERT ON judgment_heads WHEN ${verdict('NEW.kind')} BEGIN
    ${addLoad(seqOf('NEW.item_id'))}
    UPDATE item_load SET judged = judged + 1 WHERE item_seq = ${seqOf('NEW.item_id')};
  END;
  CREATE TRIGGER load_head_update AFTER UPDATE OF kind ON judgment_heads
    WHEN ${verdict('NEW.kind')} <> ${verdict('OLD.kind')} BEGIN
    ${addLoad(seqOf('NEW.item_id'))}
    UPDATE item_load SET judged = judged + ${verdict('NEW.kind')} - ${verdict('OLD.kind')}
     WHERE item_seq = ${seqOf('NEW.item_id')};
  END;
  CREATE TRIGGER load_head_delete AFTER DELETE ON judgment_heads WHEN ${verdict('OLD.kind')} BEGIN
    UPDATE item_load SET judged = judged - 1 WHERE item_seq = ${seqOf('OLD.item_id')};
  END;

  CREATE TRIGGER load_lease_insert AFTER INSERT ON leases BEGIN
    ${addLoad('NEW.item_seq')}
    UPDATE item_load SET held = held + 1 WHERE item_seq = NEW.item_seq;
  END;
  CREATE TRIGGER load_lease_delete AFTER DELETE ON leases BEGIN
    UPDATE item_load SET held = held - 1 WHERE item_seq = OLD.item_seq;
  END;

  -- Live items by verdict count.
  CREATE TRIGGER load_histogram_move AFTER UPDATE OF judged ON item_load
    WHEN NEW.judged <> OLD.judged AND (SELECT archived FROM items WHERE seq = NEW.item_seq) = 0 BEGIN
    ${moveBucket('OLD.judged', 'NEW.judged')}
  END;

  -- An item full before and open now: a hole for everyone past it who has not done it.
  CREATE TRIGGER lease_item_opened AFTER UPDATE ON item_load
    WHEN OLD.judged + OLD.held >= ${OVERLAP_SQL} AND NEW.judged + NEW.held < ${OVERLAP_SQL} BEGIN
    ${holesForAll('NEW.item_seq', '(SELECT id FROM items WHERE seq = NEW.item_seq)')}
  END;

  -- A labeller's verdict taken back, on an item still open: a hole for them.
  CREATE TRIGGER lease_head_undone AFTER UPDATE OF kind ON judgment_heads
    WHEN OLD.kind <> 'retract' AND NEW.kind = 'retract' BEGIN
    ${addHole('NEW.labeller_id', seqOf('NEW.item_id'), `${loadOf(seqOf('NEW.item_id'))} < ${OVERLAP_SQL}`)}
  END;
  CREATE TRIGGER lease_head_removed AFTER DELETE ON judgment_heads WHEN OLD.kind <> 'retract' BEGIN
    ${addHole('OLD.labeller_id', seqOf('OLD.item_id'), `${loadOf(seqOf('OLD.item_id'))} < ${OVERLAP_SQL}`)}
  END;
  -- Done: their hole there is gone.
  CREATE TRIGGER lease_head_done AFTER INSERT ON judgment_heads WHEN NEW.kind <> 'retract' BEGIN
    DELETE FROM lease_holes WHERE labeller_id = NEW.labeller_id AND item_seq = ${seqOf('NEW.item_id')};
  END;
  CREATE TRIGGER lease_head_redone AFTER UPDATE OF kind ON judgment_heads
    WHEN OLD.kind = 'retract' AND NEW.kind <> 'retract' BEGIN
    DELETE FROM lease_holes WHERE labeller_id = NEW.labeller_id AND item_seq = ${seqOf('NEW.item_id')};
  END;

  -- Archiving takes an item's verdicts out of the histogram; one back from the archive behind
  -- someone's cursor, still open, is a hole for them.
  CREATE TRIGGER load_item_archived AFTER UPDATE OF archived ON items
    WHEN NEW.archived <> OLD.archived BEGIN
    UPDATE load_histogram SET items = items + OLD.archived - NEW.archived
     WHERE judged = (SELECT judged FROM item_load WHERE item_seq = NEW.seq);
    INSERT INTO load_histogram (judged, items)
      SELECT judged, 1 FROM item_load WHERE item_seq = NEW.seq AND judged > 0 AND NEW.archived = 0
         AND NOT EXISTS (SELECT 1 FROM load_histogram x WHERE x.judged = item_load.judged);
    INSERT INTO lease_holes (labeller_id, item_seq)
      SELECT c.labeller_id, NEW.seq FROM lease_cursor c
       WHERE NEW.archived = 0 AND c.next_seq > NEW.seq AND ${loadOf('NEW.seq')} < ${OVERLAP_SQL}
         AND NOT EXISTS (SELECT 1 FROM lease_holes x WHERE x.labeller_id = c.labeller_id AND x.item_seq = NEW.seq)
         AND NOT ${doneBy('c.labeller_id', 'NEW.id')};
  END;

  -- Verdicts per labeller and local day.
  CREATE TRIGGER days_judgment_insert AFTER INSERT ON judgments WHEN ${verdict('NEW.kind')} BEGIN
    INSERT INTO judged_days (labeller_id, day, verdicts) SELECT NEW.labeller_id, ${day('NEW.created_at')}, 0
     WHERE NOT EXISTS (SELECT 1 FROM judged_days x
                        WHERE x.labeller_id = NEW.labeller_id AND x.day = ${day('NEW.created_at')});
    UPDATE judged_days SET verdicts = verdicts + 1
     WHERE labeller_id = NEW.labeller_id AND day = ${day('NEW.created_at')};
  END;
`;

/**
 * Forget every labeller's cursor and holes: they are rebuilt from each one's queue frontier at
 * their next request. When the overlap changes, what "full" means changes with it.
 */
export function resetLeaseCursors(db: Database): void {
  db.exec('DELETE FROM lease_cursor; DELETE FROM lease_holes;');
}

/** Recompute the lease state from the tables it summarises (the migration, salvage). Leases go. */
export function rebuildLeaseState(db: Database): void {
  db.exec(`
    DELETE FROM leases;
    DELETE FROM item_load;
    DELETE FROM load_histogram;
    DELETE FROM judged_days;
    INSERT INTO item_load (item_seq, judged, held)
      SELECT i.seq, count(*), 0 FROM judgment_heads h JOIN items i ON i.id = h.item_id
       WHERE ${verdict('h.kind')} GROUP BY i.seq;
    INSERT INTO load_histogram (judged, items)
      SELECT l.judged, count(*) FROM item_load l JOIN items i ON i.seq = l.item_seq
       WHERE i.archived = 0 AND l.judged > 0 GROUP BY l.judged;
    INSERT INTO judged_days (labeller_id, day, verdicts)
      SELECT labeller_id, ${day('created_at')}, count(*) FROM judgments
       WHERE ${verdict('kind')} GROUP BY 1, 2;
  `);
  resetLeaseCursors(db);
}
