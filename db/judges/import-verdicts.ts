import { isUtf8 } from 'node:buffer';
import { basename } from 'node:path';
import { describeInvalidUtf8, firstInvalidUtf8 } from '../../shared/formats/encoding';
import { parseJsonRecord } from '../../shared/formats/json-text';
import { RecordError } from '../../shared/formats/record-error';
import { parseJudgeLine, shownFirstOf, type JudgeLine } from '../../shared/judges/import-line';
import {
  sameJudgeVerdict,
  scoreMargin,
  type JudgeKind,
  type JudgeOutcome,
  type JudgeVerdict,
} from '../../shared/judges/judge';
import { openByteSource } from '../import/byte-source';
import { fileFailed, ImportFileError, importFailed } from '../import/errors';
import { LineTooLongError, splitLineBatches } from '../import/lines';
import type { Db } from '../open';
import { stmt } from '../statements';
import { findJudge, getVerdict, INSERT_VERDICT, touchJudge, type JudgeRow } from './store';
import { StringSpill } from './string-spill';

/** A line longer than this is refused by number, as the item import does. */
const MAX_LINE = 128 * 2 ** 20;

export interface JudgeImportSummary {
  file: string;
  /** Verdicts added. */
  added: number;
  /** Lines whose verdict the project already had, exactly (a re-import). */
  alreadyPresent: number;
  /** Lines repeating an earlier line of the same file exactly. */
  duplicates: number;
  judges: Array<{ name: string; kind: JudgeKind; created: boolean; added: number }>;
}

export interface JudgeImportOptions {
  signal?: AbortSignal;
  onProgress?: (p: { bytes: number; totalBytes: number; lines: number }) => void;
  /** The name the file is known by in messages (an upload's original name). */
  name?: string;
  now?: number;
}

/** The judges a file names, in the order it names them. */
interface FileJudge {
  name: string;
  existing: JudgeRow | null;
  kind: JudgeKind;
  model: string | null;
  added: number;
}

const OUTCOMES: JudgeOutcome[] = ['preferred', 'tie', 'both_bad', 'none'];

/** Growable typed columns of the checked lines (the numbers; their text goes to a StringSpill). */
class Staged {
  n = 0;
  line = new Int32Array(1024);
  judge = new Int32Array(1024);
  seq = new Int32Array(1024);
  lo = new Int32Array(1024);
  hi = new Int32Array(1024);
  first = new Int32Array(1024);
  outcome = new Uint8Array(1024);
  winner = new Int32Array(1024);
  createdAt = new Float64Array(1024);
  /** |score(lo) − score(hi)|, NaN when there are no scores. */
  margin = new Float64Array(1024);
  /** 0: add; 1: skip (a duplicate of an earlier line, or already in the project). */
  skip = new Uint8Array(1024);
  /** Content hash (two 32-bit halves) for telling a repeat from a conflict. */
  hashA = new Int32Array(1024);
  hashB = new Int32Array(1024);
  /** Next row with the same (judge, item), or −1: chains of the key table. */
  next = new Int32Array(1024);

  push(): number {
    if (this.n === this.line.length) {
      const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.line = grow(this.line);
      this.judge = grow(this.judge);
      this.seq = grow(this.seq);
      this.lo = grow(this.lo);
      this.hi = grow(this.hi);
      this.first = grow(this.first);
      this.outcome = grow(this.outcome);
      this.winner = grow(this.winner);
      this.createdAt = grow(this.createdAt);
      this.margin = grow(this.margin);
      this.skip = grow(this.skip);
      this.hashA = grow(this.hashA);
      this.hashB = grow(this.hashB);
      this.next = grow(this.next);
    }
    return this.n++;
  }
}

/** Two independent FNV-1a hashes of a string (≈ 64 bits: a repeat is told from a conflict by it). */
function hash2(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a | 0, b | 0];
}

/**
 * Import judge verdicts from a JSONL file (shared/judges/import-line.ts), atomically, the way
 * items are imported: every line is checked while the file streams (UTF-8, JSON, fields, the
 * item and its response indices, the verdict against what the project and the earlier lines
 * already say), nothing is written until every line is good, and then everything is written in
 * one short transaction. The first bad line stops it, named by file, line, field and reason; an
 * unknown item or a response index the item does not have is a bad line. A line that says
 * exactly what the project (or an earlier line) already holds is skipped, so importing a file
 * twice changes nothing; a different verdict for the same judge, item, pair and order is a bad
 * line (a judge gives one verdict per pair and order). Judges the file names are made (kind
 * llm unless a line says otherwise).
 */
export async function importJudgeVerdicts(
  db: Db,
  path: string,
  options: JudgeImportOptions = {},
): Promise<JudgeImportSummary> {
  const file = options.name ?? basename(path);
  const now = options.now ?? Date.now();
  const fail = (line: number, e: RecordError): never => {
    throw importFailed({ file, line, field: e.field, reason: e.reason });
  };
  let source;
  try {
    source = await openByteSource(path, options.signal, file);
  } catch (e) {
    if (e instanceof ImportFileError) throw fileFailed(e);
    throw e;
  }
  const judges: FileJudge[] = [];
  const judgeIndex = new Map<string, number>();
  const rows = new Staged();
  const keys = new Map<number, number>();
  const texts = new StringSpill();
  const itemOf = stmt<[string], { seq: number; n: number }>(
    db,
    'SELECT i.seq, (SELECT count(*) FROM responses r WHERE r.item_seq = i.seq) AS n FROM items i WHERE i.id = ?',
  );
  let lastItem = null as { id: string; seq: number; n: number } | null;
  let duplicates = 0;
  let alreadyPresent = 0;
  let lines = 0;
  try {
    try {
      // A chunk of lines at a time: the checks per line are small, an await per line is not.
      for await (const batch of splitLineBatches(source.chunks, MAX_LINE))
        for (const l of batch) {
          lines = l.no;
          if ((l.no & 4095) === 0) {
            options.signal?.throwIfAborted();
            options.onProgress?.({
              bytes: source.bytesRead(),
              totalBytes: source.totalBytes,
              lines: l.no,
            });
          }
          const bytes = l.bytes;
          if (!isUtf8(bytes)) {
            const d = describeInvalidUtf8(bytes, firstInvalidUtf8(bytes));
            fail(l.no, new RecordError('', d.reason, d.column));
          }
          const text = bytes.toString('utf8');
          if (text.trim() === '') continue;
          let v: JudgeLine;
          try {
            v = parseJudgeLine(parseJsonRecord(text));
          } catch (e) {
            if (e instanceof RecordError) fail(l.no, e);
            throw e;
          }

          // The item, and the response indices it has.
          if (lastItem?.id !== v.itemId) {
            const found = itemOf.get(v.itemId);
            if (!found)
              fail(
                l.no,
                new RecordError('itemId', `no item ${JSON.stringify(v.itemId)} in this project`),
              );
            lastItem = { id: v.itemId, ...found! };
          }
          const { seq, n } = lastItem;
          for (const [field, idx] of [
            ['chosen', v.chosen],
            ['rejected', v.rejected],
            ...(v.order ?? []).map((x) => ['order', x] as const),
          ] as const)
            if (idx >= n)
              fail(
                l.no,
                new RecordError(
                  field,
                  `item ${JSON.stringify(v.itemId)} has ${n} responses (indices 0..${n - 1}); there is no response ${idx}`,
                ),
              );
          if (v.scores && v.scores.length !== n)
            fail(
              l.no,
              new RecordError(
                'score',
                `item ${JSON.stringify(v.itemId)} has ${n} responses; give one score (or null) per response, ${v.scores.length} given`,
              ),
            );

          // The judge: the project's, or made by this import; kind and model must agree.
          let j = judgeIndex.get(v.judge);
          if (j === undefined) {
            const existing = findJudge(db, v.judge) ?? null;
            j =
              judges.push({
                name: v.judge,
                existing,
                kind: existing?.kind ?? v.kind ?? 'llm',
                model: existing ? existing.model : v.model,
                added: 0,
              }) - 1;
            judgeIndex.set(v.judge, j);
          }
          const judge = judges[j]!;
          if (v.kind !== null && v.kind !== judge.kind)
            fail(
              l.no,
              new RecordError(
                'kind',
                `judge ${JSON.stringify(v.judge)} is ${judge.existing ? 'in the project' : 'named earlier in this file'} as kind ${judge.kind}, not ${v.kind}`,
              ),
            );
          if (v.model !== null && judge.model !== null && v.model !== judge.model)
            fail(
              l.no,
              new RecordError(
                'model',
                `judge ${JSON.stringify(v.judge)} is ${judge.existing ? 'in the project' : 'named earlier in this file'} with model ${JSON.stringify(judge.model)}, not ${JSON.stringify(v.model)}`,
              ),
            );
          if (judge.model === null && v.model !== null && !judge.existing) judge.model = v.model;

          const lo = Math.min(v.chosen, v.rejected);
          const hi = Math.max(v.chosen, v.rejected);
          const first = shownFirstOf(v.order, lo, hi);
          const verdict: JudgeVerdict = {
            lo,
            hi,
            shownFirst: first,
            outcome: v.outcome,
            winner: v.outcome === 'preferred' ? v.chosen : null,
            scores: v.scores,
            rationale: v.rationale,
            rawReply: null,
            promptTokens: null,
            completionTokens: null,
            templateVersion: null,
            createdAt: v.createdAt ?? now,
          };
          const describe = () =>
            `responses ${lo + 1} and ${hi + 1} of item ${JSON.stringify(v.itemId)}${first === null ? '' : `, response ${first + 1} shown first`}`;

          // One verdict per judge, item, pair and order: a repeat is skipped, a conflict refused.
          const content = `${v.outcome}\u0000${verdict.winner}\u0000${JSON.stringify(v.scores)}\u0000${v.rationale ?? '\u0001'}`;
          const [ha, hb] = hash2(content);
          const key = seq * 4096 + j;
          let twin = -1;
          for (let r = keys.get(key) ?? -1; r >= 0; r = rows.next[r]!)
            if (
              rows.judge[r] === j &&
              rows.seq[r] === seq &&
              rows.lo[r] === lo &&
              rows.hi[r] === hi &&
              rows.first[r] === (first ?? -1)
            ) {
              twin = r;
              break;
            }
          const r = rows.push();
          rows.line[r] = l.no;
          rows.judge[r] = j;
          rows.seq[r] = seq;
          rows.lo[r] = lo;
          rows.hi[r] = hi;
          rows.first[r] = first ?? -1;
          rows.outcome[r] = OUTCOMES.indexOf(v.outcome);
          rows.winner[r] = verdict.winner ?? -1;
          rows.createdAt[r] = verdict.createdAt;
          rows.margin[r] = scoreMargin(verdict) ?? NaN;
          rows.hashA[r] = ha;
          rows.hashB[r] = hb;
          rows.next[r] = keys.get(key) ?? -1;
          keys.set(key, r);
          texts.append(v.scores ? JSON.stringify(v.scores) : null);
          texts.append(v.rationale);
          if (twin >= 0) {
            if (rows.hashA[twin] !== ha || rows.hashB[twin] !== hb)
              fail(
                l.no,
                new RecordError(
                  '',
                  `line ${rows.line[twin]} gives judge ${JSON.stringify(v.judge)} another verdict on ${describe()}; a judge gives one verdict per pair and order`,
                ),
              );
            rows.skip[r] = 1;
            duplicates++;
            continue;
          }
          if (judge.existing) {
            const held = getVerdict(db, judge.existing.id, seq, lo, hi, first);
            if (held) {
              if (!sameJudgeVerdict(held, verdict))
                fail(
                  l.no,
                  new RecordError(
                    '',
                    `judge ${JSON.stringify(v.judge)} already has another verdict on ${describe()} in this project (${held.outcome === 'preferred' ? `response ${held.winner! + 1} better` : held.outcome}); a judge gives one verdict per pair and order`,
                  ),
                );
              rows.skip[r] = 1;
              alreadyPresent++;
            }
          }
        }
    } catch (e) {
      if (e instanceof LineTooLongError)
        throw importFailed({
          file,
          line: e.line,
          field: '',
          reason: e.message.replace(/^line \d+ /, 'this line '),
        });
      if (e instanceof ImportFileError) throw fileFailed(e);
      throw e;
    } finally {
      source.close();
    }
    options.signal?.throwIfAborted();
    options.onProgress?.({ bytes: source.totalBytes, totalBytes: source.totalBytes, lines });

    const toAdd = rows.n - duplicates - alreadyPresent;
    if (toAdd > 0) write(db, rows, judges, texts, { file, now, signal: options.signal });
    return {
      file,
      added: toAdd,
      alreadyPresent,
      duplicates,
      judges: judges.map((j) => ({
        name: j.name,
        kind: j.kind,
        created: !j.existing && j.added > 0,
        added: j.added,
      })),
    };
  } finally {
    texts.remove();
  }
}

/**
 * The one write: judges the file made, then every verdict to add, in one IMMEDIATE
 * transaction. A judgment saved meanwhile waits (busy_timeout) about as long as SQLite takes to
 * write the rows; a verdict someone else added meanwhile for the same key is compared, as the
 * checks did.
 */
function write(
  db: Db,
  rows: Staged,
  judges: FileJudge[],
  texts: StringSpill,
  o: { file: string; now: number; signal?: AbortSignal },
): void {
  const add = db.prepare(INSERT_VERDICT);
  const strings = texts.reader();
  try {
    db.transaction(() => {
      const ids = judges.map((j) => {
        if (j.existing) return j.existing.id;
        const found = findJudge(db, j.name);
        if (found) return found.id;
        return Number(
          db
            .prepare(
              'INSERT INTO judges (name, kind, model, template_version, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?)',
            )
            .run(j.name, j.kind, j.model, o.now, o.now).lastInsertRowid,
        );
      });
      for (let r = 0; r < rows.n; r++) {
        const scores = strings.next();
        const rationale = strings.next();
        if (rows.skip[r]) continue;
        if ((r & 16383) === 0) o.signal?.throwIfAborted();
        const j = rows.judge[r]!;
        const winner = rows.winner[r]! < 0 ? null : rows.winner[r]!;
        const first = rows.first[r]!;
        const margin = rows.margin[r]!;
        // The columns of INSERT_VERDICT, straight from the staged columns (no object per row).
        const changes = add.run(
          ids[j]!,
          rows.seq[r]!,
          rows.lo[r]!,
          rows.hi[r]!,
          first,
          OUTCOMES[rows.outcome[r]!]!,
          winner,
          scores,
          Number.isNaN(margin) ? null : margin,
          rationale,
          null,
          null,
          null,
          null,
          rows.createdAt[r]!,
        ).changes;
        if (changes === 0) {
          const held = getVerdict(
            db,
            ids[j]!,
            rows.seq[r]!,
            rows.lo[r]!,
            rows.hi[r]!,
            first < 0 ? null : first,
          );
          const mine = {
            outcome: OUTCOMES[rows.outcome[r]!]!,
            winner,
            scores: scores === null ? null : (JSON.parse(scores) as Array<number | null>),
            rationale,
          };
          if (held && !sameJudgeVerdict(held, mine))
            throw importFailed({
              file: o.file,
              line: rows.line[r]!,
              field: '',
              reason: `judge ${JSON.stringify(judges[j]!.name)} was given another verdict on this pair and order while the file was read`,
            });
          continue;
        }
        judges[j]!.added++;
      }
      for (let j = 0; j < judges.length; j++) if (judges[j]!.added) touchJudge(db, ids[j]!, o.now);
    }).immediate();
  } finally {
    strings.close();
  }
}
