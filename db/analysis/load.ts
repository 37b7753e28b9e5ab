import type {
  AnalysisInput,
  GoldAnswer,
  JudgmentRecord,
  RepeatPair,
} from '../../shared/analysis/input';
import type { Db } from '../open';
import { getTask } from '../settings';

/** A verdict row as the loader selects it: codes instead of strings where SQL can make them. */
type Row = [
  itemId: string,
  kind: 0 | 1 | 2,
  outcome: 0 | 1 | 2 | null,
  chosen: number | null,
  rejected: number | null,
  strength: number | null,
  criteria: string | null,
  payload: string | null,
  /** 1 when the chosen response was shown before the rejected one. */
  leftWon: 0 | 1 | null,
  timeMs: number,
  createdAt: number,
];

const KINDS = ['pairwise', 'ranking', 'rating'] as const;
const OUTCOMES = ['preferred', 'tie', 'both_bad'] as const;

/** The columns of a verdict row (table alias j); leftWon compares positions in the displayed-order JSON. */
const VERDICT_COLUMNS = `
  CASE j.kind WHEN 'pairwise' THEN 0 WHEN 'ranking' THEN 1 ELSE 2 END,
  CASE j.outcome WHEN 'preferred' THEN 0 WHEN 'tie' THEN 1 WHEN 'both_bad' THEN 2 END,
  j.chosen_idx, j.rejected_idx, j.strength, j.criteria_json, j.payload_json,
  CASE WHEN j.outcome = 'preferred' THEN
    instr(',' || substr(j.displayed_order_json, 2, length(j.displayed_order_json) - 2) || ',', ',' || j.chosen_idx || ',')
    < instr(',' || substr(j.displayed_order_json, 2, length(j.displayed_order_json) - 2) || ',', ',' || j.rejected_idx || ',')
  END,
  j.time_ms, j.created_at`;

/**
 * Read what the review figures need in a few sequential scans that never touch prompt or
 * response text (the covering indices of migration 004): labellers, item ids, model names,
 * every labeller's current verdict, gold answers, repeat answers. Rows come back as arrays
 * (`raw()`), and display orders are parsed once per distinct order.
 */
export function loadAnalysisInput(db: Db): AnalysisInput {
  // Labellers with at least one current verdict (a lead who only reviews is not a rater).
  const labellers = db
    .prepare(
      `SELECT id, name FROM labellers l
        WHERE EXISTS (SELECT 1 FROM judgment_heads h WHERE h.labeller_id = l.id AND h.kind IN ('pairwise', 'ranking', 'rating'))
        ORDER BY name, id`,
    )
    .all() as Array<{
    id: string;
    name: string;
  }>;
  const labellerIndex = new Map(labellers.map((l, i) => [l.id, i]));
  const archived = new Set(
    db
      .prepare('SELECT id FROM items INDEXED BY items_archived WHERE archived = 1')
      .pluck()
      .all() as string[],
  );
  const seqOf = new Map<string, number>();
  for (const [id, seq] of db
    .prepare('SELECT id, seq FROM items')
    .raw()
    .iterate() as IterableIterator<[string, number]>)
    seqOf.set(id, seq);
  const totalItems = seqOf.size - archived.size;

  const ids: string[] = [];
  const seqs: number[] = [];
  const itemIndex = new Map<string, number>();
  const indexOf = (id: string): number => {
    let i = itemIndex.get(id);
    if (i === undefined) {
      i = ids.push(id) - 1;
      seqs.push(seqOf.get(id)!);
      itemIndex.set(id, i);
    }
    return i;
  };

  const criteriaCache = new Map<string, Record<string, number | 'tie'>>();
  const criteriaOf = (json: string) => {
    let c = criteriaCache.get(json);
    if (!c) criteriaCache.set(json, (c = JSON.parse(json) as Record<string, number | 'tie'>));
    return c;
  };
  const judgments: JudgmentRecord[] = [];
  // One labeller at a time, along the heads' primary key: no labeller id per row.
  const byLabeller = db.prepare(
    `SELECT h.item_id, ${VERDICT_COLUMNS}
       FROM judgment_heads h JOIN judgments j ON j.id = h.judgment_id
      WHERE h.labeller_id = ? AND h.kind IN ('pairwise', 'ranking', 'rating')`,
  );
  for (const [l, who] of labellers.entries()) {
    for (const row of byLabeller.raw().iterate(who.id) as IterableIterator<Row>) {
      if (archived.size && archived.has(row[0])) continue;
      const rec = toRecord(row, l, indexOf(row[0]), criteriaOf);
      judgments.push(rec);
    }
  }

  const gold = new Map<number, GoldAnswer>();
  for (const g of db
    .prepare('SELECT item_id, kind, outcome, chosen_idx, rejected_idx, payload_json FROM gold')
    .all() as Array<{
    item_id: string;
    kind: 'pairwise' | 'ranking';
    outcome: 'preferred' | 'tie' | 'both_bad' | null;
    chosen_idx: number | null;
    rejected_idx: number | null;
    payload_json: string | null;
  }>) {
    if (archived.has(g.item_id) || !seqOf.has(g.item_id)) continue;
    gold.set(
      indexOf(g.item_id),
      g.kind === 'pairwise'
        ? {
            kind: 'pairwise',
            outcome: g.outcome!,
            chosen: g.chosen_idx!,
            rejected: g.rejected_idx!,
          }
        : { kind: 'ranking', tiers: (JSON.parse(g.payload_json!) as { tiers: number[][] }).tiers },
    );
  }

  const repeats: RepeatPair[] = [];
  // Verdicts by (labeller, item), only when there are repeat answers to pair them with.
  let heads: Map<string, JudgmentRecord> | null = null;
  const headOf = (l: number, item: number) => {
    if (!heads) {
      heads = new Map();
      for (const r of judgments) heads.set(`${r.labeller}\u0000${r.item}`, r);
    }
    return heads.get(`${l}\u0000${item}`);
  };
  for (const [labellerId, ...row] of db
    .prepare(
      `SELECT r.labeller_id, r.item_id, ${VERDICT_COLUMNS}
         FROM repeat_judgments j JOIN repeats r ON r.id = j.repeat_id
        WHERE j.kind IN ('pairwise', 'ranking', 'rating')`,
    )
    .raw()
    .iterate() as IterableIterator<[string, ...Row]>) {
    const l = labellerIndex.get(labellerId);
    const item = itemIndex.get(row[0]);
    const first = l === undefined || item === undefined ? undefined : headOf(l, item);
    if (!first) continue;
    repeats.push({
      labeller: first.labeller,
      item: first.item,
      first,
      second: toRecord(row, first.labeller, first.item, criteriaOf),
    });
  }

  const models: Array<Array<string | null>> = ids.map(() => []);
  const byseq = new Map(seqs.map((s, i) => [s, i]));
  for (const [seq, idx, model] of db
    .prepare('SELECT item_seq, idx, model FROM responses INDEXED BY responses_models')
    .raw()
    .iterate() as IterableIterator<[number, number, string | null]>) {
    const i = byseq.get(seq);
    if (i !== undefined) models[i]![idx] = model;
  }

  const adjudicated = db
    .prepare(
      `SELECT count(*) FROM reviews r WHERE r.kind <> 'retract'
          AND r.revision = (SELECT max(revision) FROM reviews WHERE item_id = r.item_id)`,
    )
    .pluck()
    .get() as number;

  return {
    labellers,
    items: { ids, seq: seqs },
    models,
    judgments,
    gold,
    repeats,
    promptGroups: promptGroups(db, itemIndex),
    strengthLevels: getTask(db).pairwise.strengthLevels,
    totalItems,
    adjudicated,
  };
}

function toRecord(
  row: Row,
  labeller: number,
  item: number,
  criteriaOf: (json: string) => Record<string, number | 'tie'>,
): JudgmentRecord {
  const [
    ,
    kindCode,
    outcome,
    chosen,
    rejected,
    strength,
    criteria,
    payload,
    leftWon,
    timeMs,
    createdAt,
  ] = row;
  const kind = KINDS[kindCode];
  if (kind === 'pairwise')
    return {
      kind,
      item,
      labeller,
      outcome: OUTCOMES[outcome!],
      chosen: chosen!,
      rejected: rejected!,
      strength,
      criteria: criteria ? criteriaOf(criteria) : null,
      leftWon: leftWon === null ? null : leftWon === 1,
      timeMs,
      createdAt,
    };
  const p = JSON.parse(payload ?? '{}') as Record<string, unknown>;
  if (kind === 'ranking')
    return { kind, item, labeller, tiers: (p['tiers'] as number[][]) ?? [], timeMs, createdAt };
  return {
    kind,
    item,
    labeller,
    ratings: (p['ratings'] as Extract<JudgmentRecord, { kind: 'rating' }>['ratings']) ?? [],
    timeMs,
    createdAt,
  };
}

/**
 * Judged items whose prompt is shared with other judged items (pair datasets often split one
 * prompt into several items), grouped, with each response keyed by its text: where one
 * labeller's preferences can contradict themselves (a > b, b > c, c > a).
 */
function promptGroups(db: Db, itemIndex: Map<string, number>): AnalysisInput['promptGroups'] {
  if (itemIndex.size < 3) return [];
  // Candidate keys from the prompt-key index, read in order (covering: no prompt text), then
  // the exact prompts of those items only.
  const keys: Array<[number, string]> = [];
  let prev: [number, string] | null = null;
  let counted = false;
  for (const key of db
    .prepare(
      `SELECT octet_length(prompt_json), substr(prompt_json, 1, 100) FROM items INDEXED BY items_prompt_key
        ORDER BY 1, 2`,
    )
    .raw()
    .iterate() as IterableIterator<[number, string]>) {
    const same = prev !== null && prev[0] === key[0] && prev[1] === key[1];
    if (same && !counted) keys.push(prev!);
    counted = same;
    prev = key;
  }
  const byKey = db.prepare(
    `SELECT seq, id, prompt_json FROM items INDEXED BY items_prompt_key
      WHERE octet_length(prompt_json) = ? AND substr(prompt_json, 1, 100) = ? AND archived = 0`,
  );
  const candidates = keys.flatMap(
    ([n, p]) => byKey.all(n, p) as Array<{ seq: number; id: string; prompt_json: string }>,
  );
  const groups = new Map<string, Array<{ seq: number; item: number }>>();
  for (const r of candidates) {
    const item = itemIndex.get(r.id);
    if (item === undefined) continue;
    const g = groups.get(r.prompt_json);
    if (g) g.push({ seq: r.seq, item });
    else groups.set(r.prompt_json, [{ seq: r.seq, item }]);
  }
  const texts = db.prepare('SELECT content FROM responses WHERE item_seq = ? ORDER BY idx').pluck();
  const out: AnalysisInput['promptGroups'] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const responseKeys = new Map<number, string[]>();
    for (const { seq, item } of g) responseKeys.set(item, texts.all(seq) as string[]);
    out.push({ items: g.map((x) => x.item), responseKeys });
  }
  return out;
}
