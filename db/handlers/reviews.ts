import type { QueueRow } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { queueEntries } from '../analysis/queue-page';
import { getItem, getResponses } from '../items';
import { verdictOf, type JudgmentRow } from '../judgments';
import {
  appendReview,
  currentDecision,
  decisionOf,
  latestReview,
  type ReviewDecision,
  type ReviewRow,
} from '../reviews';
import { getTask } from '../settings';
import { stmt } from '../statements';
import { getGold, setGold } from '../team/gold';
import { requireLabeller, type BackendContext, type HandlerGroup } from './context';

/** A decision in a few words, for the queue and the history ("Response 2 better", "Tie"). */
export function summarise(d: ReviewDecision | null): string {
  if (!d) return 'withdrawn';
  switch (d.kind) {
    case 'pairwise':
      return d.outcome === 'preferred'
        ? `Response ${d.chosenIdx + 1} better${d.strength ? ` (strength ${d.strength})` : ''}`
        : d.outcome === 'tie'
          ? 'Tie'
          : 'Both bad';
    case 'ranking':
      return `Ranking ${d.tiers.map((t) => t.map((i) => i + 1).join(' = ')).join(' > ')}`;
    case 'discard':
      return 'Discarded';
    case 'retract':
      return 'withdrawn';
  }
}

export function reviewHandlers(ctx: BackendContext): HandlerGroup<'reviews'> {
  const { db } = ctx;
  const checkDecision = (itemId: string, d: ReviewDecision) => {
    const item = getItem(db, itemId);
    if (!item) throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(itemId)}`);
    const n = getResponses(db, item.seq).length;
    const idx =
      d.kind === 'pairwise'
        ? [d.chosenIdx, d.rejectedIdx]
        : d.kind === 'ranking'
          ? d.tiers.flat()
          : [];
    if (idx.some((i) => i >= n))
      throw new ApiError(
        'INVALID_INPUT',
        `item ${JSON.stringify(itemId)} has ${n} responses; the decision names another`,
      );
    if (d.kind === 'pairwise' && d.chosenIdx === d.rejectedIdx)
      throw new ApiError('INVALID_INPUT', 'a pairwise decision compares two different responses');
    if (d.kind === 'ranking' && new Set(idx).size !== idx.length)
      throw new ApiError('INVALID_INPUT', 'a ranking places each response once');
  };
  return {
    'reviews.queue': ({ offset, limit, status }) => {
      const cached = ctx.analysis.agreement;
      if (!cached) return { total: 0, rows: [], computedAt: null };
      // Current decisions by item seq: the packed queue identifies items by seq.
      const decided = new Map(
        stmt<[], ReviewRow & { seq: number }>(
          db,
          `SELECT i.seq, r.* FROM reviews r JOIN items i ON i.id = r.item_id
            WHERE r.revision = (SELECT max(revision) FROM reviews WHERE item_id = r.item_id)`,
        )
          .all()
          .filter((r) => r.kind !== 'retract')
          .map((r) => [r.seq, summarise(decisionOf(r))]),
      );
      const q = cached.queue;
      const picked: number[] = [];
      for (let i = 0; i < q.seq.length; i++)
        if (status === 'all' || decided.has(q.seq[i]!) === (status === 'adjudicated'))
          picked.push(i);
      const rows: QueueRow[] = queueEntries(db, q, picked.slice(offset, offset + limit)).map(
        (e) => ({ ...e, decision: decided.get(e.seq) ?? null }),
      );
      return { total: picked.length, rows, computedAt: cached.report.computedAt };
    },

    'reviews.item': ({ itemId }) => {
      const item = getItem(db, itemId);
      if (!item) throw new ApiError('NOT_FOUND', `no item with id ${JSON.stringify(itemId)}`);
      const task = getTask(db);
      const responses = getResponses(db, item.seq).map((r) => ({
        index: r.idx,
        model: task.showModelNames ? r.model : null,
        content: r.content,
      }));
      const rows = stmt<[string], JudgmentRow & { labeller_name: string }>(
        db,
        `SELECT j.*, l.name AS labeller_name FROM judgment_heads h JOIN judgments j ON j.id = h.judgment_id
           JOIN labellers l ON l.id = h.labeller_id
          WHERE h.item_id = ? AND h.kind <> 'retract' ORDER BY l.name, l.id`,
      ).all(item.id);
      const judgments = rows.map((j) => {
        const verdict = verdictOf(j)!;
        const order = JSON.parse(j.displayed_order_json) as number[];
        const leftWon =
          verdict.kind === 'pairwise' && verdict.outcome === 'preferred'
            ? order.indexOf(verdict.chosenIdx) < order.indexOf(verdict.rejectedIdx)
            : null;
        return {
          judgmentId: j.id,
          labellerId: j.labeller_id,
          labellerName: j.labeller_name,
          revision: j.revision,
          verdict,
          rationale: j.rationale,
          flags: j.flags_json ? (JSON.parse(j.flags_json) as string[]) : [],
          timeMs: j.time_ms,
          createdAt: j.created_at,
          leftWon,
          displayedOrder: order,
        };
      });
      const history = stmt<[string], ReviewRow & { reviewer_name: string }>(
        db,
        `SELECT r.*, l.name AS reviewer_name FROM reviews r JOIN labellers l ON l.id = r.reviewer_id
          WHERE r.item_id = ? ORDER BY r.revision DESC`,
      )
        .all(item.id)
        .map((r) => ({
          id: r.id,
          revision: r.revision,
          kind: r.kind,
          summary: summarise(decisionOf(r)),
          note: r.note,
          reviewerName: r.reviewer_name,
          createdAt: r.created_at,
        }));
      const decision = currentDecision(db, item.id);
      const gold = getGold(db, item.id);
      return {
        item: {
          id: item.id,
          seq: item.seq,
          prompt: item.prompt,
          metadata: item.metadata,
          responses,
        },
        judgments,
        decision: decision && decision.kind !== 'retract' ? decision : null,
        history,
        gold: gold && (({ hidden: _h, ...g }) => g)(gold),
        strengthLevels: task.pairwise.strengthLevels,
      };
    },

    'reviews.decide': ({ itemId, reviewerId, decision, note, asGold }) => {
      requireLabeller(ctx, reviewerId);
      checkDecision(itemId, decision);
      const result = db.transaction(() => {
        const r = appendReview(db, { itemId, reviewerId, decision, note });
        if (asGold && decision.kind !== 'discard')
          setGold(
            db,
            itemId,
            decision.kind === 'pairwise'
              ? {
                  kind: 'pairwise',
                  outcome: decision.outcome,
                  chosen: decision.chosenIdx,
                  rejected: decision.rejectedIdx,
                }
              : { kind: 'ranking', tiers: decision.tiers },
            { hidden: asGold.hidden, note },
          );
        return r;
      })();
      ctx.events.emit('team.changed', { what: 'reviews' });
      return result;
    },

    'reviews.retract': ({ itemId, reviewerId, note }) => {
      requireLabeller(ctx, reviewerId);
      if (!latestReview(db, itemId) || !currentDecision(db, itemId))
        throw new ApiError(
          'NOT_FOUND',
          `item ${JSON.stringify(itemId)} has no decision to withdraw`,
        );
      const r = appendReview(db, { itemId, reviewerId, decision: { kind: 'retract' }, note });
      ctx.events.emit('team.changed', { what: 'reviews' });
      return r;
    },
  };
}
