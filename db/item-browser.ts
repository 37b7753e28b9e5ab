import type { ItemFilter, ItemRow } from '../shared/api/contract';
import type { Db } from './open';
import { countLiveItems } from './items';
import { ftsQuery } from './search';
import { stmt } from './statements';

/** The labeller's current verdict (if any) beside each item, with its flags. */
const STATUS_JOINS = `
  LEFT JOIN judgment_heads h ON h.labeller_id = @labeller AND h.item_id = i.id AND h.kind <> 'retract'
  LEFT JOIN judgments j ON j.id = h.judgment_id`;

const head = (cond: string) =>
  `EXISTS (SELECT 1 FROM judgment_heads h WHERE h.labeller_id = @labeller AND h.item_id = i.id AND ${cond})`;

/** Each filter as a condition on items alone, so paging and counting join nothing they do not need. */
const FILTERS: Record<ItemFilter, string> = {
  all: '',
  unlabelled: `AND NOT ${head("h.kind <> 'retract'")}`,
  mine: `AND ${head("h.kind IN ('pairwise', 'ranking', 'rating')")}`,
  skipped: `AND ${head("h.kind = 'skip'")}`,
  flagged: `AND ${head("h.kind <> 'retract' AND (SELECT j.flags_json FROM judgments j WHERE j.id = h.judgment_id) IS NOT NULL")}`,
  drafts:
    'AND EXISTS (SELECT 1 FROM drafts d WHERE d.labeller_id = @labeller AND d.item_id = i.id)',
};

const SEARCH = 'AND i.seq IN (SELECT item_seq FROM item_search WHERE item_search MATCH @match)';

/** The start of a prompt: the text, or a conversation's last user turn. */
const PREVIEW = `substr(CASE json_type(i.prompt_json)
    WHEN 'text' THEN i.prompt_json ->> '$'
    ELSE coalesce(
      (SELECT value ->> 'content' FROM json_each(i.prompt_json) WHERE value ->> 'role' = 'user' ORDER BY key DESC LIMIT 1),
      (SELECT value ->> 'content' FROM json_each(i.prompt_json) ORDER BY key DESC LIMIT 1))
  END, 1, 200)`;

interface RawRow {
  id: string;
  seq: number;
  preview: string | null;
  turns: number;
  responses: number;
  status: ItemRow['status'];
  flags_json: string | null;
  has_draft: number;
}

export interface ListOptions {
  labellerId: string;
  filter: ItemFilter;
  query: string;
  offset: number;
  limit: number;
  withTotal: boolean;
}

/**
 * One page of the item browser. Pages by queue order with LIMIT/OFFSET and counts only when
 * asked: the browser fetches the pages it shows, never the whole table.
 */
export function listItems(db: Db, o: ListOptions): { rows: ItemRow[]; total: number | null } {
  const match = o.query.trim() ? ftsQuery(o.query) : null;
  if (o.query.trim() && match === null) return { rows: [], total: o.withTotal ? 0 : null };
  const where = `WHERE i.archived = 0 ${FILTERS[o.filter]} ${match ? SEARCH : ''}`;
  const params: Record<string, unknown> = { labeller: o.labellerId };
  if (match) params['match'] = match;

  // Page first (the seqs only, which an index walk answers), details for that page after.
  const seqs = stmt<[Record<string, unknown>], { seq: number }>(
    db,
    `SELECT i.seq FROM items i ${where} ORDER BY i.seq LIMIT @limit OFFSET @offset`,
  )
    .all({ ...params, limit: o.limit, offset: o.offset })
    .map((r) => r.seq);
  const raw = seqs.length
    ? stmt<[Record<string, unknown>], RawRow>(
        db,
        `SELECT i.id, i.seq, ${PREVIEW} AS preview,
            CASE json_type(i.prompt_json) WHEN 'array' THEN json_array_length(i.prompt_json) ELSE 1 END AS turns,
            (SELECT count(*) FROM responses r WHERE r.item_seq = i.seq) AS responses,
            h.kind AS status, j.flags_json,
            EXISTS (SELECT 1 FROM drafts d WHERE d.labeller_id = @labeller AND d.item_id = i.id) AS has_draft
          FROM items i ${STATUS_JOINS}
          WHERE i.seq IN (SELECT value FROM json_each(@seqs))
          ORDER BY i.seq`,
      ).all({ labeller: o.labellerId, seqs: JSON.stringify(seqs) })
    : [];

  // Every live item (the default view) is a counter kept by triggers: counting a million
  // rows would cost the browser's first page a second. Filters and searches count their rows.
  const total = !o.withTotal
    ? null
    : o.filter === 'all' && !match
      ? countLiveItems(db)
      : stmt<[Record<string, unknown>], { n: number }>(
          db,
          `SELECT count(*) AS n FROM items i ${where}`,
        ).get(params)!.n;

  return {
    rows: raw.map((r) => ({
      id: r.id,
      seq: r.seq,
      preview: (r.preview ?? '').replace(/\s+/g, ' ').trim(),
      turns: r.turns,
      responses: r.responses,
      status: r.status,
      flags: r.flags_json ? (JSON.parse(r.flags_json) as string[]) : [],
      hasDraft: r.has_draft === 1,
    })),
    total,
  };
}
