import type { Outcome } from '../shared/domain/judgment';
import type { Db } from './open';
import { uuidv7 } from './ids';
import { stmt } from './statements';

/**
 * A reviewer's adjudicated decision for an item, in response indices. Append-only like
 * judgments: a new decision is a new revision; `retract` withdraws the item's decision.
 */
export type ReviewDecision =
  | {
      kind: 'pairwise';
      outcome: Outcome;
      chosenIdx: number;
      rejectedIdx: number;
      strength: number | null;
    }
  | { kind: 'ranking'; tiers: number[][]; noneAcceptable: boolean }
  /** The item should not be used (broken prompt, unusable responses). */
  | { kind: 'discard' }
  | { kind: 'retract' };

export interface ReviewRow {
  id: string;
  item_id: string;
  reviewer_id: string;
  revision: number;
  supersedes: string | null;
  kind: ReviewDecision['kind'];
  outcome: Outcome | null;
  chosen_idx: number | null;
  rejected_idx: number | null;
  strength: number | null;
  payload_json: string | null;
  note: string | null;
  created_at: number;
}

export function appendReview(
  db: Db,
  r: {
    itemId: string;
    reviewerId: string;
    decision: ReviewDecision;
    note: string | null;
    id?: string;
    createdAt?: number;
  },
): { id: string; revision: number } {
  return db
    .transaction(() => {
      const last = latestReview(db, r.itemId);
      const id = r.id ?? uuidv7();
      const revision = (last?.revision ?? 0) + 1;
      const d = r.decision;
      stmt(
        db,
        `INSERT INTO reviews (id, item_id, reviewer_id, revision, supersedes, kind, outcome, chosen_idx, rejected_idx,
           strength, payload_json, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        r.itemId,
        r.reviewerId,
        revision,
        last?.id ?? null,
        d.kind,
        d.kind === 'pairwise' ? d.outcome : null,
        d.kind === 'pairwise' ? d.chosenIdx : null,
        d.kind === 'pairwise' ? d.rejectedIdx : null,
        d.kind === 'pairwise' ? d.strength : null,
        d.kind === 'ranking'
          ? JSON.stringify({ tiers: d.tiers, noneAcceptable: d.noneAcceptable })
          : null,
        r.note,
        r.createdAt ?? Date.now(),
      );
      return { id, revision };
    })
    .immediate();
}

/** The item's latest review revision, whatever its kind. */
export function latestReview(db: Db, itemId: string): ReviewRow | undefined {
  return stmt<[string], ReviewRow>(
    db,
    'SELECT * FROM reviews WHERE item_id = ? ORDER BY revision DESC LIMIT 1',
  ).get(itemId);
}

/** The decision in force for an item: its latest revision unless that is a retraction. */
export function currentDecision(db: Db, itemId: string): ReviewDecision | null {
  const row = latestReview(db, itemId);
  return row ? decisionOf(row) : null;
}

export function decisionOf(row: ReviewRow): ReviewDecision | null {
  switch (row.kind) {
    case 'pairwise':
      return {
        kind: 'pairwise',
        outcome: row.outcome!,
        chosenIdx: row.chosen_idx!,
        rejectedIdx: row.rejected_idx!,
        strength: row.strength,
      };
    case 'ranking':
      return {
        kind: 'ranking',
        ...(JSON.parse(row.payload_json!) as { tiers: number[][]; noneAcceptable: boolean }),
      };
    case 'discard':
      return { kind: 'discard' };
    case 'retract':
      return null;
  }
}
