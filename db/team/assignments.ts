import { planAssignment, type AssignmentRequest } from '../../shared/team/assignment-plan';
import type { Db } from '../open';
import { uuidv7 } from '../ids';
import { settleAssignedFrontiers } from '../migrations/008-queue-state';
import { stmt } from '../statements';
import { triageQueue } from '../judges/triage';

export interface AssignmentSummary {
  labellers: Array<{ id: string; items: number; gold: number; repeats: number }>;
  items: number;
}

/**
 * Plan and store an assignment, replacing the previous plan in one transaction. Queues are
 * plans, not work: replacing them loses no judgment. Repeats that already have an answer are
 * kept (the answer needs its schedule); unanswered ones are replanned.
 */
export function assign(
  db: Db,
  req: Omit<AssignmentRequest, 'items' | 'gold'> & {
    /** Hand items out in queue order (default), or in triage order (db/judges/triage.ts). */
    order?: 'items' | 'triage';
  },
): AssignmentSummary {
  const items =
    req.order === 'triage'
      ? triageQueue(db).map((e) => e.itemId)
      : stmt<[], string>(db, 'SELECT id FROM items WHERE archived = 0 ORDER BY seq').pluck().all();
  const gold = stmt<[], string>(
    db,
    'SELECT g.item_id FROM gold g JOIN items i ON i.id = g.item_id WHERE i.archived = 0 ORDER BY i.seq',
  )
    .pluck()
    .all();
  const plan = planAssignment({ ...req, items, gold });
  const now = Date.now();
  return db
    .transaction(() => {
      db.exec('DELETE FROM assignments');
      db.exec('DELETE FROM repeats WHERE id NOT IN (SELECT repeat_id FROM repeat_judgments)');
      const add = stmt(db, 'INSERT INTO assignments VALUES (?, ?, ?, ?)');
      const addRepeat = stmt(
        db,
        'INSERT OR IGNORE INTO repeats (id, labeller_id, item_id, after_item_id, created_at) VALUES (?, ?, ?, ?, ?)',
      );
      const goldSet = new Set(gold);
      const summary: AssignmentSummary = { labellers: [], items: items.length };
      for (const [labellerId, queue] of plan.queues) {
        queue.forEach((itemId, position) => add.run(labellerId, itemId, position, now));
        const mine = plan.repeats.filter((r) => r.labellerId === labellerId);
        for (const r of mine) addRepeat.run(uuidv7(), r.labellerId, r.itemId, r.afterItemId, now);
        summary.labellers.push({
          id: labellerId,
          items: queue.length,
          gold: queue.filter((i) => goldSet.has(i)).length,
          repeats: mine.length,
        });
      }
      // New queues: each labeller's resumes at their first item not yet done (items.next).
      settleAssignedFrontiers(db);
      return summary;
    })
    .immediate();
}
