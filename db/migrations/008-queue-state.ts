import type { Database } from 'better-sqlite3';
import type { Migration } from './types';

/**
 * Schema v8: what opening a project and labelling read, kept small enough that no request
 * walks the whole project.
 *
 * Before this, `items.next` looked for the first item without a current verdict by walking
 * the queue from its start (900k judged items: 900k head lookups per call), and progress, the
 * project's counts and the item browser's total counted every row. Now:
 *
 * - `queue_frontier`: per labeller and queue ('items': every item by seq; 'assigned': their
 *   assignment by position), a key such that every live item before it is done by them
 *   (a current head that is not a retraction) or is listed in `queue_holes`. `items.next`
 *   reads the holes and the queue from the frontier on, so it looks at a handful of rows.
 *   The frontier moves forward over done items when the item it points at gets done (each
 *   item is passed once; only an item judged out of order ahead of it is passed later);
 *   a retraction behind it adds a hole instead of moving it back, so an undo and a new
 *   answer never walk the queue again.
 * - `queue_holes`: items behind the frontier that are not done (a retraction, an item
 *   taken out of the archive). A hole that got done is deleted; a stale one (its item
 *   archived or reassigned) is harmless, as `items.next` checks every candidate.
 * - `project_counts` (one row): live items, responses, judgment revisions.
 * - `labeller_counts`: per labeller, live items with a verdict (pairwise, ranking, rating:
 *   not skips, not retractions), live items in their assignment, and how many of those have
 *   a verdict: what progress shows.
 *
 * Triggers keep all four in step with whatever writes the tables they summarise (labelling,
 * merges, imports, assignments, packages, archiving), in the writer's own transaction, like
 * `judgment_heads` and `judgment_facts`; salvage skips them and rebuilds them
 * (`rebuildQueueState`). The assignment queue is replaced wholesale by `assign()`, which
 * settles the new queues' frontiers afterwards (`settleAssignedFrontiers`).
 */
export const queueState: Migration = {
  version: 8,
  name: 'queue-state',
  up(db) {
    db.exec(`
      CREATE TABLE queue_frontier (
        labeller_id TEXT NOT NULL,
        queue       TEXT NOT NULL CHECK (queue IN ('items', 'assigned')),
        next_key    INTEGER NOT NULL,
        PRIMARY KEY (labeller_id, queue)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE queue_holes (
        labeller_id TEXT NOT NULL,
        queue       TEXT NOT NULL CHECK (queue IN ('items', 'assigned')),
        key         INTEGER NOT NULL,
        PRIMARY KEY (labeller_id, queue, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE project_counts (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        live_items INTEGER NOT NULL,
        responses  INTEGER NOT NULL,
        judgments  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE labeller_counts (
        labeller_id     TEXT PRIMARY KEY,
        judged          INTEGER NOT NULL DEFAULT 0,
        assigned        INTEGER NOT NULL DEFAULT 0,
        assigned_judged INTEGER NOT NULL DEFAULT 0
      ) STRICT, WITHOUT ROWID;
    `);
    db.exec(TRIGGERS);
    rebuildQueueState(db);
  },
};

/** SQL: the head of labeller `l` on item `item` (id expressions) is current and not a retraction. */
const done = (l: string, item: string) =>
  `EXISTS (SELECT 1 FROM judgment_heads d WHERE d.labeller_id = ${l} AND d.item_id = ${item} AND d.kind <> 'retract')`;

/** SQL: a head kind that is a verdict (counted as judged; skips and retractions are not). */
const verdict = (kind: string) => `(${kind} IN ('pairwise', 'ranking', 'rating'))`;

/**
 * SQL: the first key at or after `from` in labeller `l`'s queue whose item is live and not done
 * by them, or one past the end. Walks forward over done items only.
 */
export function walkItems(l: string, from: string): string {
  return `coalesce(
    (SELECT w.seq FROM items w WHERE w.seq >= ${from} AND w.archived = 0 AND NOT ${done(l, 'w.id')}
      ORDER BY w.seq LIMIT 1),
    (SELECT coalesce(max(seq), 0) + 1 FROM items))`;
}

export function walkAssigned(l: string, from: string): string {
  return `coalesce(
    (SELECT wa.position FROM assignments wa INDEXED BY assignments_queue JOIN items wi ON wi.id = wa.item_id
      WHERE wa.labeller_id = ${l} AND wa.position >= ${from} AND wi.archived = 0 AND NOT ${done(l, 'wa.item_id')}
      ORDER BY wa.position LIMIT 1),
    (SELECT coalesce(max(position), 0) + 1 FROM assignments WHERE labeller_id = ${l}))`;
}

const seqOf = (item: string) => `(SELECT seq FROM items WHERE id = ${item})`;
const positionOf = (l: string, item: string) =>
  `(SELECT position FROM assignments WHERE labeller_id = ${l} AND item_id = ${item})`;
const frontier = (l: string, queue: 'items' | 'assigned') =>
  `(SELECT next_key FROM queue_frontier WHERE labeller_id = ${l} AND queue = '${queue}')`;

/*
 * Rows are added with NOT EXISTS rather than INSERT OR IGNORE: a trigger's statements take the
 * conflict clause of the statement that fired it, and the upsert that moves a head would turn
 * an OR IGNORE here into a failure.
 */
const addFrontier = (l: string, queue: string, when: string) => `
  INSERT INTO queue_frontier (labeller_id, queue, next_key) SELECT ${l}, ${queue}, 0
   WHERE ${when} AND NOT EXISTS (SELECT 1 FROM queue_frontier x WHERE x.labeller_id = ${l} AND x.queue = ${queue});`;
const addHole = (l: string, queue: string, key: string, from: string, when: string) => `
  INSERT INTO queue_holes (labeller_id, queue, key) SELECT ${l}, ${queue}, ${key} ${from}
   WHERE ${when}
     AND NOT EXISTS (SELECT 1 FROM queue_holes x WHERE x.labeller_id = ${l} AND x.queue = ${queue} AND x.key = ${key});`;
const addCounts = (l: string) => `
  INSERT INTO labeller_counts (labeller_id) SELECT ${l}
   WHERE NOT EXISTS (SELECT 1 FROM labeller_counts x WHERE x.labeller_id = ${l});`;

/**
 * What happens when the head of `h` (NEW or OLD) on its item gets done or stops being done,
 * for both queues. Getting done removes its hole and, when the item is at or past the
 * frontier, moves the frontier on (a walk of one row unless the frontier's own item got done).
 */
function becameDone(h: string): string {
  const l = `${h}.labeller_id`;
  const assigned = positionOf(l, `${h}.item_id`);
  return `
    ${addFrontier(l, "'items'", 'TRUE')}
    DELETE FROM queue_holes WHERE labeller_id = ${l} AND queue = 'items' AND key = ${seqOf(`${h}.item_id`)};
    UPDATE queue_frontier SET next_key = ${walkItems(l, 'next_key')}
     WHERE labeller_id = ${l} AND queue = 'items' AND next_key <= ${seqOf(`${h}.item_id`)};
    ${addFrontier(l, "'assigned'", `${assigned} IS NOT NULL`)}
    DELETE FROM queue_holes WHERE labeller_id = ${l} AND queue = 'assigned' AND key = ${assigned};
    UPDATE queue_frontier SET next_key = ${walkAssigned(l, 'next_key')}
     WHERE labeller_id = ${l} AND queue = 'assigned' AND next_key <= ${assigned};`;
}

/** A done item stops being done (a retraction): behind the frontier it becomes a hole. */
function becameUndone(h: string): string {
  const l = `${h}.labeller_id`;
  const seq = seqOf(`${h}.item_id`);
  const assigned = positionOf(l, `${h}.item_id`);
  return `
    ${addHole(l, "'items'", seq, '', `${seq} < ${frontier(l, 'items')}`)}
    ${addHole(l, "'assigned'", assigned, '', `${assigned} < ${frontier(l, 'assigned')}`)}`;
}

/** Add `d` (an SQL expression, ±1 or 0) to the labeller's verdict counts for the head's item. */
function countVerdict(h: string, d: string): string {
  const l = `${h}.labeller_id`;
  return `
    ${addCounts(l)}
    UPDATE labeller_counts
       SET judged = judged + ${d},
           assigned_judged = assigned_judged
             + CASE WHEN ${positionOf(l, `${h}.item_id`)} IS NOT NULL THEN ${d} ELSE 0 END
     WHERE labeller_id = ${l} AND (SELECT archived FROM items WHERE id = ${h}.item_id) = 0;`;
}

const TRIGGERS = `
  CREATE TRIGGER queue_head_insert AFTER INSERT ON judgment_heads BEGIN
    ${countVerdict('NEW', verdict('NEW.kind'))}
  END;
  CREATE TRIGGER queue_head_insert_done AFTER INSERT ON judgment_heads WHEN NEW.kind <> 'retract' BEGIN
    ${becameDone('NEW')}
  END;

  CREATE TRIGGER queue_head_update AFTER UPDATE OF kind ON judgment_heads
    WHEN ${verdict('NEW.kind')} <> ${verdict('OLD.kind')} BEGIN
    ${countVerdict('NEW', `${verdict('NEW.kind')} - ${verdict('OLD.kind')}`)}
  END;
  CREATE TRIGGER queue_head_update_done AFTER UPDATE OF kind ON judgment_heads
    WHEN OLD.kind = 'retract' AND NEW.kind <> 'retract' BEGIN
    ${becameDone('NEW')}
  END;
  CREATE TRIGGER queue_head_update_undone AFTER UPDATE OF kind ON judgment_heads
    WHEN OLD.kind <> 'retract' AND NEW.kind = 'retract' BEGIN
    ${becameUndone('NEW')}
  END;

  CREATE TRIGGER queue_head_delete AFTER DELETE ON judgment_heads BEGIN
    ${countVerdict('OLD', `-${verdict('OLD.kind')}`)}
  END;
  CREATE TRIGGER queue_head_delete_done AFTER DELETE ON judgment_heads WHEN OLD.kind <> 'retract' BEGIN
    ${becameUndone('OLD')}
  END;

  CREATE TRIGGER counts_item_insert AFTER INSERT ON items WHEN NEW.archived = 0 BEGIN
    UPDATE project_counts SET live_items = live_items + 1;
  END;
  CREATE TRIGGER counts_item_delete AFTER DELETE ON items WHEN OLD.archived = 0 BEGIN
    UPDATE project_counts SET live_items = live_items - 1;
  END;
  CREATE TRIGGER counts_response_insert AFTER INSERT ON responses BEGIN
    UPDATE project_counts SET responses = responses + 1;
  END;
  CREATE TRIGGER counts_response_delete AFTER DELETE ON responses BEGIN
    UPDATE project_counts SET responses = responses - 1;
  END;
  CREATE TRIGGER counts_judgment_insert AFTER INSERT ON judgments BEGIN
    UPDATE project_counts SET judgments = judgments + 1;
  END;
  CREATE TRIGGER counts_judgment_delete AFTER DELETE ON judgments BEGIN
    UPDATE project_counts SET judgments = judgments - 1;
  END;

  -- Archiving or unarchiving an item changes every count that only counts live items; an
  -- item back from the archive behind someone's frontier is a hole in their queue.
  CREATE TRIGGER queue_item_archived AFTER UPDATE OF archived ON items
    WHEN NEW.archived <> OLD.archived BEGIN
    UPDATE queue_frontier SET next_key = ${walkItems('queue_frontier.labeller_id', 'next_key')}
     WHERE NEW.archived = 1 AND queue = 'items' AND next_key = NEW.seq;
    UPDATE queue_frontier SET next_key = ${walkAssigned('queue_frontier.labeller_id', 'next_key')}
     WHERE NEW.archived = 1 AND queue = 'assigned' AND next_key = ${positionOf('queue_frontier.labeller_id', 'NEW.id')};
    UPDATE project_counts SET live_items = live_items + OLD.archived - NEW.archived;
    UPDATE labeller_counts
       SET judged = judged + (OLD.archived - NEW.archived) * EXISTS (
             SELECT 1 FROM judgment_heads h WHERE h.labeller_id = labeller_counts.labeller_id
               AND h.item_id = NEW.id AND ${verdict('h.kind')}),
           assigned = assigned + (OLD.archived - NEW.archived) * EXISTS (
             SELECT 1 FROM assignments a WHERE a.labeller_id = labeller_counts.labeller_id AND a.item_id = NEW.id),
           assigned_judged = assigned_judged + (OLD.archived - NEW.archived) * EXISTS (
             SELECT 1 FROM assignments a JOIN judgment_heads h ON h.labeller_id = a.labeller_id AND h.item_id = a.item_id
              WHERE a.labeller_id = labeller_counts.labeller_id AND a.item_id = NEW.id AND ${verdict('h.kind')});
    ${addHole(
      'f.labeller_id',
      "'items'",
      'NEW.seq',
      'FROM queue_frontier f',
      `NEW.archived = 0 AND f.queue = 'items' AND f.next_key > NEW.seq AND NOT ${done('f.labeller_id', 'NEW.id')}`,
    )}
    ${addHole(
      'f.labeller_id',
      "'assigned'",
      'a.position',
      'FROM queue_frontier f JOIN assignments a ON a.labeller_id = f.labeller_id AND a.item_id = NEW.id',
      `NEW.archived = 0 AND f.queue = 'assigned' AND f.next_key > a.position AND NOT ${done('f.labeller_id', 'NEW.id')}`,
    )}
  END;

  -- A queue changed under its frontier: forget it (the queue is read from its start until
  -- settleAssignedFrontiers or the next answer puts it back).
  CREATE TRIGGER queue_assignment_delete AFTER DELETE ON assignments BEGIN
    DELETE FROM queue_frontier WHERE labeller_id = OLD.labeller_id AND queue = 'assigned';
    DELETE FROM queue_holes WHERE labeller_id = OLD.labeller_id AND queue = 'assigned';
    UPDATE labeller_counts
       SET assigned = assigned - 1,
           assigned_judged = assigned_judged - EXISTS (
             SELECT 1 FROM judgment_heads h WHERE h.labeller_id = OLD.labeller_id AND h.item_id = OLD.item_id
               AND ${verdict('h.kind')})
     WHERE labeller_id = OLD.labeller_id AND (SELECT archived FROM items WHERE id = OLD.item_id) = 0;
  END;
  CREATE TRIGGER queue_assignment_insert AFTER INSERT ON assignments BEGIN
    ${addHole(
      'NEW.labeller_id',
      "'assigned'",
      'NEW.position',
      '',
      `NEW.position < ${frontier('NEW.labeller_id', 'assigned')} AND NOT ${done('NEW.labeller_id', 'NEW.item_id')}`,
    )}
    ${addCounts('NEW.labeller_id')}
    UPDATE labeller_counts
       SET assigned = assigned + 1,
           assigned_judged = assigned_judged + EXISTS (
             SELECT 1 FROM judgment_heads h WHERE h.labeller_id = NEW.labeller_id AND h.item_id = NEW.item_id
               AND ${verdict('h.kind')})
     WHERE labeller_id = NEW.labeller_id AND (SELECT archived FROM items WHERE id = NEW.item_id) = 0;
  END;
`;

/**
 * Settle every assigned queue's frontier at its first live item not yet done (no holes
 * behind it). After `assign()` replaces the queues; one walk over each labeller's done prefix.
 */
export function settleAssignedFrontiers(db: Database): void {
  db.exec(`
    DELETE FROM queue_holes WHERE queue = 'assigned';
    INSERT OR REPLACE INTO queue_frontier (labeller_id, queue, next_key)
      SELECT q.labeller_id, 'assigned', ${walkAssigned('q.labeller_id', '0')}
        FROM (SELECT DISTINCT labeller_id FROM assignments) q;
  `);
}

/** Recompute the frontiers and counts from the tables they summarise (the migration, salvage). */
export function rebuildQueueState(db: Database): void {
  db.exec(`
    DELETE FROM queue_frontier;
    DELETE FROM queue_holes;
    DELETE FROM project_counts;
    DELETE FROM labeller_counts;
    INSERT INTO project_counts (id, live_items, responses, judgments) VALUES (1,
      (SELECT count(*) FROM items WHERE archived = 0),
      (SELECT count(*) FROM responses),
      (SELECT count(*) FROM judgments));
    INSERT INTO labeller_counts (labeller_id, judged, assigned, assigned_judged)
      SELECT l.id,
        (SELECT count(*) FROM judgment_heads h JOIN items i ON i.id = h.item_id
          WHERE h.labeller_id = l.id AND ${verdict('h.kind')} AND i.archived = 0),
        (SELECT count(*) FROM assignments a JOIN items i ON i.id = a.item_id
          WHERE a.labeller_id = l.id AND i.archived = 0),
        (SELECT count(*) FROM assignments a JOIN items i ON i.id = a.item_id
           JOIN judgment_heads h ON h.labeller_id = a.labeller_id AND h.item_id = a.item_id
          WHERE a.labeller_id = l.id AND i.archived = 0 AND ${verdict('h.kind')})
      FROM labellers l;
    INSERT INTO queue_frontier (labeller_id, queue, next_key)
      SELECT l.id, 'items', ${walkItems('l.id', '0')} FROM labellers l;
  `);
  settleAssignedFrontiers(db);
}
