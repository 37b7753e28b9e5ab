import {
  allocateTable,
  selectRows,
  type AnalysisInput,
  NO_VERDICT,
  type GoldAnswer,
  type JudgeInput,
  type JudgmentDetail,
  type JudgmentRecord,
  type RepeatPair,
  recordAt,
} from '../../shared/analysis/input';
import type { Db } from '../open';
import { FACT_BYTES, HAS_DETAIL } from '../migrations/006-judgment-facts';
import { getTask } from '../settings';
import { CURRENT_REPEAT_ROW } from '../team/repeats';

/** Facts read per statement: bounds the transient buffers, whatever the project size. */
const CHUNK = 8192;

/** Verdict columns of a repeat answer (table alias j) as small codes, as judgment_facts has them. */
const KIND = `CASE j.kind WHEN 'pairwise' THEN 0 WHEN 'ranking' THEN 1 WHEN 'rating' THEN 2 WHEN 'skip' THEN 3 ELSE 4 END`;
const OUTCOME = `CASE j.outcome WHEN 'tie' THEN 1 WHEN 'both_bad' THEN 2 ELSE 0 END`;
/** 1 when the chosen response was shown before the rejected one, 0 when after, 2 when not a preference. */
const LEFT = `CASE WHEN j.outcome IS NOT 'preferred' THEN 2
  ELSE instr(',' || substr(j.displayed_order_json, 2, length(j.displayed_order_json) - 2) || ',', ',' || j.chosen_idx || ',')
     < instr(',' || substr(j.displayed_order_json, 2, length(j.displayed_order_json) - 2) || ',', ',' || j.rejected_idx || ',')
  END`;

/**
 * Read what the review figures need, as columns: every judgment revision from its fact
 * (judgment_facts, migration 006: fixed-width records read back-to-back, no per-row index
 * lookups, text comparisons or number formatting), model names, gold, repeats. Heads are
 * derived on the way — the current judgment of (labeller, item) is its highest revision, as
 * every write path keeps judgment_heads (db/judgments.ts, merge, salvage) — then retractions,
 * skips and archived items are dropped. Item keys are item seqs (the rowid of items).
 */
export function loadAnalysisInput(db: Db): AnalysisInput {
  // One read transaction: a consistent snapshot across the statements below.
  return db.transaction(() => load(db))();
}

function load(db: Db): AnalysisInput {
  const maxSeq = (db.prepare('SELECT max(seq) FROM items').pluck().get() as number | null) ?? 0;
  const count = maxSeq + 1;
  const archived = new Uint8Array(count);
  let archivedCount = 0;
  for (const seq of db
    .prepare('SELECT seq FROM items INDEXED BY items_archived WHERE archived = 1')
    .pluck()
    .iterate() as IterableIterator<number>) {
    archived[seq] = 1;
    archivedCount++;
  }
  // One scan of the prompt-key index (covering: no prompt text) counts the items and finds the
  // keys two or more items share, one item per key: the candidates for shared prompts.
  const [itemCount, sharedKeys] = db
    .prepare(
      `SELECT coalesce(sum(c), 0), coalesce(group_concat(CASE WHEN c > 1 THEN s END), '') FROM (
         SELECT count(*) AS c, min(seq) AS s FROM items INDEXED BY items_prompt_key
          GROUP BY octet_length(prompt_json), substr(prompt_json, 1, 100))`,
    )
    .raw()
    .get() as [number, string];
  const totalItems = itemCount - archivedCount;

  // Labellers by rowid; only those with a current verdict become raters, ordered by name.
  const people = db.prepare('SELECT rowid, id, name FROM labellers').raw().all() as Array<
    [number, string, string]
  >;
  const byRowid = new Int32Array(people.reduce((m, [rowid]) => Math.max(m, rowid), 0) + 1).fill(-1);
  people.forEach(([rowid], i) => (byRowid[rowid] = i));

  const rows = readJudgments(db, byRowid);
  const L0 = people.length;
  // Later revisions: the highest per (labeller, item) is the current one.
  let latest: Map<number, number> | null = null;
  for (let r = 0; r < rows.n; r++) {
    if (rows.revision[r]! <= 1) continue;
    latest ??= new Map();
    const key = rows.item[r]! * L0 + rows.labeller[r]!;
    if ((latest.get(key) ?? 1) < rows.revision[r]!) latest.set(key, rows.revision[r]!);
  }
  const keep = new Uint32Array(rows.n);
  let kept = 0;
  const rated = new Uint8Array(L0);
  const { kind, item, labeller, revision } = rows;
  for (let r = 0; r < rows.n; r++) {
    if (kind[r]! > 2 || archived[item[r]!]) continue;
    if (latest && revision[r]! !== (latest.get(item[r]! * L0 + labeller[r]!) ?? 1)) continue;
    keep[kept++] = r;
    rated[labeller[r]!] = 1;
  }
  const raters = people
    .map((p, i) => ({ i, id: p[1], name: p[2] }))
    .filter((p) => rated[p.i])
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
  const remap = new Int32Array(L0).fill(-1);
  raters.forEach((p, l) => (remap[p.i] = l));
  const judgments =
    kept === rows.table.length ? rows.table : selectRows(rows.table, keep.subarray(0, kept));
  for (let r = 0; r < judgments.length; r++) judgments.labeller[r] = remap[judgments.labeller[r]!]!;
  const labellers = raters.map(({ id, name }) => ({ id, name }));

  const judged = new Uint8Array(count);
  for (let r = 0; r < judgments.length; r++) judged[judgments.item[r]!] = 1;

  const gold = new Map<number, GoldAnswer>();
  for (const g of db
    .prepare(
      `SELECT i.seq, g.kind, g.outcome, g.chosen_idx, g.rejected_idx, g.payload_json
         FROM gold g JOIN items i ON i.id = g.item_id`,
    )
    .raw()
    .all() as Array<
    [
      number,
      'pairwise' | 'ranking',
      'preferred' | 'tie' | 'both_bad' | null,
      number | null,
      number | null,
      string | null,
    ]
  >) {
    const [seq, kind, outcome, chosen, rejected, payload] = g;
    if (archived[seq]) continue;
    gold.set(
      seq,
      kind === 'pairwise'
        ? { kind, outcome: outcome!, chosen: chosen!, rejected: rejected! }
        : { kind, tiers: (JSON.parse(payload!) as { tiers: number[][] }).tiers },
    );
  }

  const repeats = readRepeats(db, judgments, labellers);

  const adjudicated = db
    .prepare(
      `SELECT count(*) FROM reviews r WHERE r.kind <> 'retract'
          AND r.revision = (SELECT max(revision) FROM reviews WHERE item_id = r.item_id)`,
    )
    .pluck()
    .get() as number;

  const seq = new Int32Array(count);
  for (let k = 0; k < count; k++) seq[k] = k;
  // Judges are read apart from the judgments and never mixed into them: their own columns.
  const judges = readJudges(db, archived, (read) => {
    // Anchored: current judgments made with a judge's suggestion on screen.
    const rows = db
      .prepare(
        `SELECT i.seq, l.rowid, j.revision, json_extract(j.suggestion_json, '$.judge')
           FROM judgments j INDEXED BY judgments_suggested
           JOIN items i ON i.id = j.item_id JOIN labellers l ON l.id = j.labeller_id
          WHERE j.suggestion_json IS NOT NULL`,
      )
      .raw()
      .all() as Array<[number, number, number, string | null]>;
    for (const [s, rowid, rev, name] of rows) {
      const l0 = rowid < byRowid.length ? byRowid[rowid]! : -1;
      if (l0 < 0 || archived[s] || name === null) continue;
      if (rev !== (latest?.get(s * L0 + l0) ?? 1) || remap[l0]! < 0) continue;
      read(s, remap[l0]!, name);
    }
  });
  return {
    labellers,
    items: { count, seq },
    responses: readResponses(db, count),
    judgments,
    gold,
    repeats,
    promptGroups: promptGroups(db, judged, sharedKeys ? sharedKeys.split(',').map(Number) : []),
    strengthLevels: getTask(db).pairwise.strengthLevels,
    totalItems,
    adjudicated,
    judges,
  };
}

/** Judge verdicts read per statement. */
const JUDGE_CHUNK = 65_536;

/**
 * The judges and their verdicts on live items, as columns sorted by judge, item, pair and
 * order (migration 010's tables; one BLOB of integers per column and chunk, as the responses
 * are read). `anchored` is handed a function to record each anchored judgment with.
 */
function readJudges(
  db: Db,
  archived: Uint8Array,
  anchored: (read: (item: number, labeller: number, judge: string) => void) => void,
): JudgeInput {
  const rows = db.prepare('SELECT id, name, kind, model FROM judges').all() as Array<{
    id: number;
    name: string;
    kind: string;
    model: string | null;
  }>;
  rows.sort((a, b) => cmp(a.name, b.name));
  const keyOf = new Map(rows.map((r, i) => [r.id, i]));
  const keyOfName = new Map(rows.map((r, i) => [r.name, i]));
  const total = db.prepare('SELECT count(*) FROM judge_verdicts').pluck().get() as number;
  const judge = new Int32Array(total);
  const item = new Int32Array(total);
  const lo = new Int32Array(total);
  const hi = new Int32Array(total);
  const code = new Int32Array(total);
  const first = new Int32Array(total);
  const [min, max] = db
    .prepare('SELECT min(rowid), max(rowid) FROM judge_verdicts')
    .raw()
    .get() as [number | null, number | null];
  const chunk = db
    .prepare(
      `SELECT count(*), ${bytes('judge_id')}, ${bytes('item_seq')}, ${bytes('pair_lo')}, ${bytes('pair_hi')},
              ${bytes(`CASE outcome WHEN 'preferred' THEN winner = pair_hi WHEN 'tie' THEN 2 WHEN 'both_bad' THEN 3 ELSE ${NO_VERDICT} END`)},
              ${bytes('CASE shown_first WHEN -1 THEN -1 WHEN pair_lo THEN 0 ELSE 1 END')}
         FROM judge_verdicts WHERE rowid >= ? AND rowid < ?`,
    )
    .raw();
  let n = 0;
  for (let from = min ?? 1; max !== null && from <= max; from += JUDGE_CHUNK) {
    const [got, j, it, l, h, c, f] = chunk.get(from, from + JUDGE_CHUNK) as [
      number,
      Buffer,
      Buffer,
      Buffer,
      Buffer,
      Buffer,
      Buffer,
    ];
    if (!got) continue;
    parseInts(j, judge, n);
    parseInts(it, item, n);
    parseInts(l, lo, n);
    parseInts(h, hi, n);
    parseInts(c, code, n);
    parseInts(f, first, n);
    n += got;
  }
  // Sorted by judge, then item (counting sorts: keys are dense), then pair and order.
  const J = rows.length;
  const maxItem = archived.length;
  const byItem = new Int32Array(maxItem + 1);
  let live = 0;
  for (let r = 0; r < n; r++) {
    const s = item[r]!;
    if (s < maxItem && !archived[s] && keyOf.has(judge[r]!)) {
      byItem[s + 1]!++;
      live++;
    }
  }
  for (let s = 0; s < maxItem; s++) byItem[s + 1]! += byItem[s]!;
  const itemOrder = new Int32Array(live);
  for (let r = 0; r < n; r++) {
    const s = item[r]!;
    if (s < maxItem && !archived[s] && keyOf.has(judge[r]!)) itemOrder[byItem[s]!++] = r;
  }
  const key = new Int32Array(n);
  for (let r = 0; r < n; r++) key[r] = keyOf.get(judge[r]!) ?? -1;
  const byJudge = new Int32Array(J + 1);
  for (let x = 0; x < live; x++) byJudge[key[itemOrder[x]!]! + 1]!++;
  for (let k = 0; k < J; k++) byJudge[k + 1]! += byJudge[k]!;
  const order = new Int32Array(live);
  for (let x = 0; x < live; x++) order[byJudge[key[itemOrder[x]!]!]!++] = itemOrder[x]!;
  // Within one judge and item (several pairs, or both orders): by pair, then order.
  for (let a = 0; a < live;) {
    let b = a + 1;
    while (b < live && item[order[b]!] === item[order[a]!] && key[order[b]!] === key[order[a]!])
      b++;
    if (b - a > 1) {
      const part = Array.from(order.subarray(a, b)).sort(
        (x, y) => lo[x]! - lo[y]! || hi[x]! - hi[y]! || first[x]! - first[y]!,
      );
      order.set(part, a);
    }
    a = b;
  }
  const verdicts = {
    length: live,
    judge: new Int32Array(live),
    item: new Int32Array(live),
    lo: new Int32Array(live),
    hi: new Int32Array(live),
    code: new Uint8Array(live),
    first: new Int8Array(live),
  };
  for (let x = 0; x < live; x++) {
    const r = order[x]!;
    verdicts.judge[x] = key[r]!;
    verdicts.item[x] = item[r]!;
    verdicts.lo[x] = lo[r]!;
    verdicts.hi[x] = hi[r]!;
    verdicts.code[x] = code[r]!;
    verdicts.first[x] = first[r]!;
  }
  const a = { item: [] as number[], labeller: [] as number[], judge: [] as number[] };
  anchored((it, l, name) => {
    const k = keyOfName.get(name);
    if (k === undefined) return;
    a.item.push(it);
    a.labeller.push(l);
    a.judge.push(k);
  });
  return {
    names: rows.map(({ name, kind, model }) => ({ name, kind, model })),
    verdicts,
    anchored: {
      length: a.item.length,
      item: Int32Array.from(a.item),
      labeller: Int32Array.from(a.labeller),
      judge: Int32Array.from(a.judge),
    },
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every judgment revision, in columns (labeller: index into the labellers rows as read), from
 * judgment_facts: each chunk of facts arrives as one BLOB of fixed-width records and one of
 * the details that exist, in the order the facts were written.
 */
function readJudgments(db: Db, byRowid: Int32Array) {
  const total = db.prepare('SELECT count(*) FROM judgment_facts').pluck().get() as number;
  const table = allocateTable(total);
  const { item, labeller, kind, outcome, leftWon, strength, chosen, rejected, detail } = table;
  const revision = new Int32Array(total);
  // Equal texts share one parsed object; a map per kind, as the same text means different things.
  const details = [0, 1, 2].map(() => new Map<string, JudgmentDetail>());
  const chunk = db
    .prepare(
      `SELECT count(*), CAST(coalesce(group_concat(packed, ''), '') AS BLOB),
              CAST(coalesce(group_concat(detail, char(30)), '') AS BLOB)
         FROM judgment_facts WHERE rowid >= ? AND rowid < ?`,
    )
    .raw();
  const [first, last] = db
    .prepare('SELECT min(rowid), max(rowid) FROM judgment_facts')
    .raw()
    .get() as [number | null, number | null];
  let n = 0;
  for (let from = first ?? 1; last !== null && from <= last; from += CHUNK) {
    const [got, packed, extra] = chunk.get(from, from + CHUNK) as [number, Buffer, Buffer];
    if (!got) continue;
    if (packed.length !== got * FACT_BYTES || n + got > total)
      throw new Error(
        `judgment_facts holds a record of an unexpected size (${packed.length} bytes for ${got} facts)`,
      );
    const v = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    let at = 0; // position in `extra`: the details that exist, separated by 0x1e (JSON never has it)
    for (let x = 0; x < got; x++) {
      const o = x * FACT_BYTES;
      const r = n + x;
      const seq = v.getUint32(o);
      const who = v.getUint32(o + 4);
      const l = who < byRowid.length ? byRowid[who]! : -1;
      if (seq === 0 || l < 0)
        throw new Error(
          `judgment_facts names an item or labeller the project does not have (item seq ${seq}, labeller rowid ${who})`,
        );
      item[r] = seq;
      labeller[r] = l;
      revision[r] = v.getUint32(o + 8);
      const c = v.getUint32(o + 12);
      const k = c & 7;
      kind[r] = k;
      outcome[r] = (c >> 3) & 3;
      const left = (c >> 5) & 3;
      leftWon[r] = left === 2 ? -1 : left;
      strength[r] = ((c >> 7) & 0x1fff) - 1;
      chosen[r] = v.getUint32(o + 16) - 1;
      rejected[r] = v.getUint32(o + 20) - 1;
      table.timeMs[r] = v.getInt32(o + 24) * 4294967296 + v.getUint32(o + 28);
      table.createdAt[r] = v.getInt32(o + 32) * 4294967296 + v.getUint32(o + 36);
      if (!(c & HAS_DETAIL)) continue;
      let end = extra.indexOf(0x1e, at);
      if (end < 0) end = extra.length;
      if (k < 3) {
        const text = extra.toString('utf8', at, end);
        const seen = details[k]!;
        let d = seen.get(text);
        if (d === undefined) {
          const parsed = JSON.parse(text) as Record<string, unknown>;
          d =
            k === 0
              ? (parsed as Record<string, number | 'tie'>)
              : k === 1
                ? ((parsed['tiers'] as number[][] | undefined) ?? [])
                : ((parsed['ratings'] as JudgmentDetail | undefined) ?? []);
          seen.set(text, d);
        }
        detail[r] = d;
      }
      at = end + 1;
    }
    n += got;
  }
  return { table, n, item, labeller, revision, kind };
}

/**
 * A column folded into one value by SQL: `expr` of every row, separated by `sep` (a comma by
 * default), as bytes. A BLOB crosses into JS as a Buffer outside the JS heap; as text it
 * would be decoded into a string, then thrown away.
 */
function bytes(expr: string, sep = "','"): string {
  return `CAST(coalesce(group_concat(${expr}, ${sep}), '') AS BLOB)`;
}

/**
 * Comma-separated integers (as group_concat writes them) into `out` from `at`. Hand-rolled:
 * split() and Number() would allocate a string per value.
 */
function parseInts(s: Uint8Array, out: Int32Array | Float64Array, at: number): void {
  let v = 0;
  let neg = false;
  let k = at;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === 44) {
      out[k++] = neg ? -v : v;
      v = 0;
      neg = false;
    } else if (c === 45) neg = true;
    else v = v * 10 + (c - 48);
  }
  if (s.length) out[k] = neg ? -v : v;
}

/** Model name per response, as indices into the sorted names. */
function readResponses(db: Db, count: number): AnalysisInput['responses'] {
  const [n, seqs, idxs, lengths, names] = db
    .prepare(
      `SELECT count(*), ${bytes('item_seq')}, ${bytes('idx')}, ${bytes('coalesce(length(model), -1)')},
              group_concat(model, '')
         FROM responses INDEXED BY responses_models`,
    )
    .raw()
    .get() as [number, Buffer, Buffer, Buffer, string | null];
  const seq = new Int32Array(n);
  const idx = new Int32Array(n);
  const len = new Int32Array(n);
  if (n) {
    parseInts(seqs, seq, 0);
    parseInts(idxs, idx, 0);
    parseInts(lengths, len, 0);
  }
  // SQL lengths count code points; step through astral characters when there are any.
  const text = names ?? '';
  const points = /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : null;
  const index = new Map<string, number>();
  const raw = new Int32Array(n);
  let at = 0;
  for (let r = 0; r < n; r++) {
    const l = len[r]!;
    if (l < 0) {
      raw[r] = -1;
      continue;
    }
    const name = points ? points.slice(at, at + l).join('') : text.slice(at, at + l);
    at += l;
    let m = index.get(name);
    if (m === undefined) index.set(name, (m = index.size));
    raw[r] = m;
  }
  const sorted = [...index.keys()].sort(cmp);
  const rank = new Int32Array(index.size);
  sorted.forEach((name, i) => (rank[index.get(name)!] = i));

  const start = new Int32Array(count + 1);
  for (let r = 0; r < n; r++) {
    const s = seq[r]!;
    if (s < count && idx[r]! + 1 > start[s + 1]!) start[s + 1] = idx[r]! + 1;
  }
  for (let s = 0; s < count; s++) start[s + 1]! += start[s]!;
  const model = new Int32Array(start[count]!).fill(-1);
  for (let r = 0; r < n; r++) {
    const s = seq[r]!;
    if (s < count && raw[r]! >= 0) model[start[s]! + idx[r]!] = rank[raw[r]!]!;
  }
  return { start, model, names: sorted };
}

/** Current answers to swapped repeats (undone ones left out), each paired with the same labeller's current judgment of the item. */
function readRepeats(
  db: Db,
  judgments: AnalysisInput['judgments'],
  labellers: AnalysisInput['labellers'],
): RepeatPair[] {
  const rows = db
    .prepare(
      `SELECT r.labeller_id, i.seq, ${KIND}, ${OUTCOME}, ${LEFT}, j.chosen_idx, j.rejected_idx, j.strength,
              j.criteria_json, j.payload_json, j.time_ms, j.created_at
         FROM repeat_judgments j JOIN repeats r ON r.id = j.repeat_id JOIN items i ON i.id = r.item_id
        WHERE j.kind IN ('pairwise', 'ranking', 'rating') AND ${CURRENT_REPEAT_ROW('j')}`,
    )
    .raw()
    .all() as Array<
    [
      string,
      number,
      number,
      number,
      number,
      number | null,
      number | null,
      number | null,
      string | null,
      string | null,
      number,
      number,
    ]
  >;
  if (rows.length === 0) return [];
  const L = labellers.length;
  const labellerIndex = new Map(labellers.map((l, i) => [l.id, i]));
  const wanted = new Map<number, number>();
  for (const [id, seq] of rows) {
    const l = labellerIndex.get(id);
    if (l !== undefined) wanted.set(seq * L + l, -1);
  }
  for (let r = 0; r < judgments.length; r++) {
    const key = judgments.item[r]! * L + judgments.labeller[r]!;
    if (wanted.has(key)) wanted.set(key, r);
  }
  const out: RepeatPair[] = [];
  for (const row of rows) {
    const [
      id,
      seq,
      kind,
      outcome,
      left,
      chosen,
      rejected,
      strength,
      criteria,
      payload,
      timeMs,
      createdAt,
    ] = row;
    const l = labellerIndex.get(id);
    const head = l === undefined ? undefined : wanted.get(seq * L + l);
    if (head === undefined || head < 0) continue;
    const first = recordAt(judgments, head);
    const base = { item: seq, labeller: l!, timeMs, createdAt };
    const p = JSON.parse(payload ?? '{}') as Record<string, unknown>;
    const second: JudgmentRecord =
      kind === 0
        ? {
            kind: 'pairwise',
            ...base,
            outcome: (['preferred', 'tie', 'both_bad'] as const)[outcome]!,
            chosen: chosen!,
            rejected: rejected!,
            strength,
            criteria: criteria ? (JSON.parse(criteria) as Record<string, number | 'tie'>) : null,
            leftWon: left === 2 ? null : left === 1,
          }
        : kind === 1
          ? { kind: 'ranking', ...base, tiers: (p['tiers'] as number[][]) ?? [] }
          : {
              kind: 'rating',
              ...base,
              ratings:
                (p['ratings'] as Extract<JudgmentRecord, { kind: 'rating' }>['ratings']) ?? [],
            };
    out.push({ labeller: l!, item: seq, first, second });
  }
  return out;
}

/**
 * Judged items whose prompt is shared with other judged items (pair datasets often split one
 * prompt into several items), grouped, with each response keyed by its text: where one
 * labeller's preferences can contradict themselves (a > b, b > c, c > a).
 */
function promptGroups(
  db: Db,
  judged: Uint8Array,
  sharedKeySeqs: number[],
): AnalysisInput['promptGroups'] {
  let judgedCount = 0;
  for (const j of judged) judgedCount += j;
  if (judgedCount < 3) return [];
  const keyOf = db.prepare(
    'SELECT octet_length(prompt_json), substr(prompt_json, 1, 100) FROM items WHERE seq = ?',
  );
  const keys = sharedKeySeqs.map((seq) => keyOf.raw().get(seq) as [number, string]);
  const byKey = db.prepare(
    `SELECT seq, id, prompt_json FROM items INDEXED BY items_prompt_key
      WHERE octet_length(prompt_json) = ? AND substr(prompt_json, 1, 100) = ? AND archived = 0`,
  );
  const candidates = keys.flatMap(
    ([n, p]) => byKey.all(n, p) as Array<{ seq: number; id: string; prompt_json: string }>,
  );
  const groups = new Map<string, Array<{ seq: number; id: string }>>();
  for (const r of candidates) {
    if (!judged[r.seq]) continue;
    const g = groups.get(r.prompt_json);
    if (g) g.push({ seq: r.seq, id: r.id });
    else groups.set(r.prompt_json, [{ seq: r.seq, id: r.id }]);
  }
  const texts = db.prepare('SELECT content FROM responses WHERE item_seq = ? ORDER BY idx').pluck();
  const out: AnalysisInput['promptGroups'] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const responseKeys = new Map<number, string[]>();
    for (const { seq } of g) responseKeys.set(seq, texts.all(seq) as string[]);
    out.push({
      items: g.map((x) => x.seq),
      ids: new Map(g.map((x) => [x.seq, x.id])),
      responseKeys,
    });
  }
  return out;
}
