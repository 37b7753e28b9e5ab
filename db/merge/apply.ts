import { isPermutation } from '../../shared/domain/display-order';
import { chainOrder, revisionFingerprint } from '../../shared/formats/annotations';
import type { Db } from '../open';
import { getSetting } from '../settings';
import { stmt } from '../statements';
import { insertRepeatAnswer } from '../team/repeats';
import { VERDICT_COLUMN_NAMES, VERDICT_PLACEHOLDERS, verdictColumns } from '../verdict-columns';
import { renumberChains } from './chains';
import { readFileChains, type TwoJudgments } from './file-chains';
import { MergeRefused, type ProblemList } from './refusal';
import { fromRow, type IncomingRevision, type IncomingSet, type RawRevision } from './sources';

export interface MergeOptions {
  /** Accept a file made for another project (matching item ids are still required). */
  allowOtherProject?: boolean;
}

export interface FileMergeResult {
  file: string;
  kind: 'annotations' | 'project';
  labellers: Array<{ id: string; name: string }>;
  /** Revisions new to this project. */
  added: number;
  /** Revisions it already had (the same id and content): what makes merging twice a no-op. */
  alreadyPresent: number;
  repeatAnswersAdded: number;
  /** Things worth knowing that did not stop the merge. */
  notes: string[];
  /** Things that did not stop the merge but may mean work is missing (no end line). */
  warnings: string[];
  /**
   * Added revisions older than the labeller's current judgment of their item (as it was before
   * this merge): they went into its history and did not change the verdict.
   */
  olderRevisions: { count: number; itemCount: number; itemIds: string[] };
  /** Items judged twice by one labeller in this file (file-chains.ts), the first 100 listed. */
  twoJudgments: { count: number; list: TwoJudgments[] };
}

/** How many item ids an outcome names (the count goes on). */
const ITEMS_NAMED = 20;
/** How many items judged twice an outcome lists, and how many of them get a note. */
const TWO_LISTED = 100;
const TWO_NOTED = 20;

/** Temporary revision numbers for inserted rows, far above any real chain, before renumbering. */
const PROVISIONAL = 1_000_000_000;

/**
 * Merge one source into the project as a set union, in one IMMEDIATE transaction: everything
 * from the file or nothing. Checked first, written second: unknown items, judgments of other
 * item content, out-of-range responses and ids that exist with different content all refuse
 * the file with every problem listed. Existing rows are never changed except for their place
 * in a revision chain (`revision`, `supersedes`), which is derived from time then id, so A then
 * B leaves exactly the tables B then A does.
 */
export function applyMerge(db: Db, set: IncomingSet, options: MergeOptions = {}): FileMergeResult {
  return db
    .transaction(() => {
      // The problems of the file's lines come first; the checks below add theirs.
      const problems = set.problems;
      const notes: string[] = [];
      const projectId = getSetting<string>(db, 'project.id') ?? '';
      if (set.projectId !== null && set.projectId !== projectId && !options.allowOtherProject) {
        // Checking its items against this project would only list them all as unknown.
        problems.add({
          line: set.kind === 'annotations' ? 1 : null,
          reason: `it was made for another project (id ${set.projectId}; this project is ${projectId}). Merge with --allow-other-project if the items are the same.`,
        });
        throw new MergeRefused(set.file, problems);
      }

      checkItems(db, set, problems);
      const twoJudgments = readFileChains(set.revisions, problems);
      const fresh: IncomingRevision[] = [];
      let alreadyPresent = 0;
      const existingById = stmt<[string, string], RawRevision>(
        db,
        `SELECT id, item_id, labeller_id, revision, supersedes, NULL AS repeat_id, kind, outcome, chosen_idx,
                rejected_idx, strength, criteria_json, payload_json, flags_json, rationale, displayed_order_json,
                time_ms, guideline_version, task_version, created_at, suggestion_json FROM judgments WHERE id = ?
         UNION ALL
         SELECT rj.id, r.item_id, r.labeller_id, NULL, NULL, rj.repeat_id, rj.kind, rj.outcome, rj.chosen_idx,
                rj.rejected_idx, rj.strength, rj.criteria_json, rj.payload_json, rj.flags_json, rj.rationale,
                rj.displayed_order_json, rj.time_ms, rj.guideline_version, rj.task_version, rj.created_at,
                rj.suggestion_json
           FROM repeat_judgments rj JOIN repeats r ON r.id = rj.repeat_id WHERE rj.id = ?`,
      );
      const seen = new Map<string, string>();
      for (const rev of set.revisions) {
        const print = revisionFingerprint(rev);
        const twin = seen.get(rev.id);
        if (twin !== undefined) {
          if (twin !== print)
            problems.add({
              line: rev.line || null,
              reason: `id ${rev.id} appears twice with different content`,
            });
          continue;
        }
        seen.set(rev.id, print);
        const existing = (
          existingById as unknown as { get(a: string, b: string): RawRevision | undefined }
        ).get(rev.id, rev.id);
        if (existing) {
          if (revisionFingerprint(fromRow(existing)) === print) alreadyPresent++;
          else
            problems.add({
              line: rev.line || null,
              reason: `conflicting id: judgment ${rev.id} is already in this project with different content`,
            });
          continue;
        }
        fresh.push(rev);
      }
      const repeatsToAdd = checkRepeats(db, set, fresh, problems);
      if (problems.total) throw new MergeRefused(set.file, problems);
      const older = olderThanCurrent(db, fresh);

      const labellers = addLabellers(db, set, notes);
      for (const r of repeatsToAdd)
        stmt(
          db,
          'INSERT INTO repeats (id, labeller_id, item_id, after_item_id, created_at) VALUES (?, ?, ?, ?, ?)',
        ).run(r.id, r.labellerId, r.itemId, r.afterItemId, Date.now());

      const affected = new Map<string, { labellerId: string; itemId: string }>();
      let provisional = PROVISIONAL;
      let repeatAnswersAdded = 0;
      for (const rev of fresh) {
        if (rev.repeatId !== null) {
          insertRepeatAnswer(db, { ...rev, repeatId: rev.repeatId });
          repeatAnswersAdded++;
          continue;
        }
        stmt(
          db,
          `INSERT INTO judgments (id, item_id, labeller_id, revision, supersedes, ${VERDICT_COLUMN_NAMES})
           VALUES (?, ?, ?, ?, NULL, ${VERDICT_PLACEHOLDERS})`,
        ).run(rev.id, rev.itemId, rev.labellerId, provisional++, ...verdictColumns(rev));
        affected.set(`${rev.labellerId}\u0000${rev.itemId}`, {
          labellerId: rev.labellerId,
          itemId: rev.itemId,
        });
      }
      renumberChains(db, [...affected.values()]);
      const names = new Map(labellers.map((l) => [l.id, l.name]));
      if (older.count) notes.push(olderNote(older));
      for (const two of twoJudgments.slice(0, TWO_NOTED)) notes.push(twoNote(two, names));
      if (twoJudgments.length > TWO_NOTED)
        notes.push(
          `… and ${twoJudgments.length - TWO_NOTED} more items judged twice by one labeller in this file`,
        );
      return {
        file: set.file,
        kind: set.kind,
        labellers,
        added: fresh.length - repeatAnswersAdded,
        alreadyPresent,
        repeatAnswersAdded,
        notes,
        warnings: set.warnings,
        olderRevisions: older,
        twoJudgments: { count: twoJudgments.length, list: twoJudgments.slice(0, TWO_LISTED) },
      };
    })
    .immediate();
}

/**
 * The fresh revisions that sort before (time, then id: the chain order) the labeller's current
 * judgment of their item as it is before the merge: history that arrived late.
 */
function olderThanCurrent(
  db: Db,
  fresh: readonly IncomingRevision[],
): FileMergeResult['olderRevisions'] {
  const current = stmt<[string, string], { id: string; createdAt: number }>(
    db,
    `SELECT j.id, j.created_at AS createdAt FROM judgment_heads h JOIN judgments j ON j.id = h.judgment_id
      WHERE h.labeller_id = ? AND h.item_id = ?`,
  );
  const heads = new Map<string, { id: string; createdAt: number } | undefined>();
  const items = new Set<string>();
  let count = 0;
  for (const rev of fresh) {
    if (rev.repeatId !== null) continue;
    const key = `${rev.labellerId}\u0000${rev.itemId}`;
    if (!heads.has(key)) heads.set(key, current.get(rev.labellerId, rev.itemId));
    const head = heads.get(key);
    if (!head || chainOrder(rev, head) > 0) continue;
    count++;
    items.add(rev.itemId);
  }
  // Named in id order: the file's own order depends on judgments made in the same millisecond.
  return { count, itemCount: items.size, itemIds: [...items].sort().slice(0, ITEMS_NAMED) };
}

function named(ids: readonly string[], total: number): string {
  const list = ids.map((id) => JSON.stringify(id)).join(', ');
  return total > ids.length ? `${list} and ${total - ids.length} more` : list;
}

function olderNote(o: FileMergeResult['olderRevisions']): string {
  const one = o.count === 1;
  return `${o.count} added revision${one ? ' is' : 's are'} older than the labeller's current judgment of ${one ? 'its' : 'their'} item, so ${one ? 'it' : 'they'} went into its history and did not change the verdict: item${o.itemCount === 1 ? '' : 's'} ${named(o.itemIds, o.itemCount)}`;
}

function twoNote(t: TwoJudgments, names: ReadonlyMap<string, string>): string {
  const where = t.lines.every((l) => l > 0)
    ? t.lines.map((l) => `line ${l}`)
    : t.ids.map((id) => `revision ${id}`);
  const list = `${where.slice(0, -1).join(', ')} and ${where.at(-1)}`;
  const two = t.ids.length === 2;
  return `item ${JSON.stringify(t.itemId)}: ${t.ids.length} judgments by ${names.get(t.labellerId) ?? t.labellerId} in this file that do not supersede each other (${list}); ${two ? 'both' : 'all'} kept, in time order: ${where.at(-1)} is the ${two ? 'later' : 'latest'}`;
}

/** Every judged item must exist here, with the same content, and indices must fit its responses. */
function checkItems(db: Db, set: IncomingSet, problems: ProblemList): void {
  const items = new Map<string, { seq: number; hash: string; responses: number } | null>();
  const lookup = (id: string) => {
    if (!items.has(id)) {
      const row = stmt<[string], { seq: number; content_hash: string }>(
        db,
        'SELECT seq, content_hash FROM items WHERE id = ?',
      ).get(id);
      items.set(
        id,
        row
          ? {
              seq: row.seq,
              hash: row.content_hash,
              responses: stmt<[number], { n: number }>(
                db,
                'SELECT count(*) AS n FROM responses WHERE item_seq = ?',
              ).get(row.seq)!.n,
            }
          : null,
      );
    }
    return items.get(id)!;
  };
  const unknown = new Set<string>();
  for (const [id, h] of set.itemHashes) {
    const item = lookup(id);
    if (item && item.hash !== h.hash)
      problems.add({
        line: h.line || null,
        reason: `item "${id}" has different content here than where it was judged (content hash ${h.hash.slice(0, 12)}… vs ${item.hash.slice(0, 12)}…)`,
      });
  }
  for (const rev of set.revisions) {
    const item = lookup(rev.itemId);
    if (!item) {
      if (!unknown.has(rev.itemId))
        problems.add({
          line: rev.line || null,
          reason: `unknown item "${rev.itemId}": it is not in this project`,
        });
      unknown.add(rev.itemId);
      continue;
    }
    const n = item.responses;
    const bad = (i: number | null) => i !== null && i >= n;
    if (!isPermutation(rev.displayedOrder, n))
      problems.add({
        line: rev.line || null,
        reason: `displayedOrder ${JSON.stringify(rev.displayedOrder)} is not an order of item "${rev.itemId}"'s ${n} responses`,
      });
    else if (
      bad(rev.chosenIdx) ||
      bad(rev.rejectedIdx) ||
      Object.values(rev.criteria ?? {}).some((c) => c !== 'tie' && c >= n)
    )
      problems.add({
        line: rev.line || null,
        reason: `names a response that item "${rev.itemId}" does not have (it has ${n})`,
      });
  }
}

/** Repeat answers need their schedule: known here, or brought by the source. */
function checkRepeats(
  db: Db,
  set: IncomingSet,
  fresh: IncomingRevision[],
  problems: ProblemList,
): Array<{ id: string; labellerId: string; itemId: string; afterItemId: string | null }> {
  const toAdd = new Map<
    string,
    { id: string; labellerId: string; itemId: string; afterItemId: string | null }
  >();
  for (const rev of fresh) {
    if (rev.repeatId === null) continue;
    const here = stmt<[string], { labeller_id: string; item_id: string }>(
      db,
      'SELECT labeller_id, item_id FROM repeats WHERE id = ?',
    ).get(rev.repeatId);
    if (here) {
      // Answers to a repeat are append-only revisions like judgments (the latest is current,
      // a retract takes one back): new ones from a later file join those merged before.
      if (here.labeller_id !== rev.labellerId || here.item_id !== rev.itemId)
        problems.add({
          line: rev.line || null,
          reason: `repeat ${rev.repeatId} belongs to another labeller or item in this project`,
        });
      continue;
    }
    const clash = stmt<[string, string], { id: string }>(
      db,
      'SELECT id FROM repeats WHERE labeller_id = ? AND item_id = ?',
    ).get(rev.labellerId, rev.itemId);
    if (clash) {
      problems.add({
        line: rev.line || null,
        reason: `conflicting id: repeat ${rev.repeatId} of item "${rev.itemId}" is ${clash.id} in this project`,
      });
      continue;
    }
    const known = set.repeats.get(rev.repeatId);
    toAdd.set(rev.repeatId, {
      id: rev.repeatId,
      labellerId: rev.labellerId,
      itemId: rev.itemId,
      afterItemId: known?.afterItemId ?? null,
    });
  }
  return [...toAdd.values()];
}

/** Labellers keep the id they have everywhere; a name already known here is not renamed. */
function addLabellers(
  db: Db,
  set: IncomingSet,
  notes: string[],
): Array<{ id: string; name: string }> {
  const involved = new Set(set.revisions.map((r) => r.labellerId));
  if (set.kind === 'annotations') for (const id of set.labellers.keys()) involved.add(id);
  const out: Array<{ id: string; name: string }> = [];
  for (const id of [...involved].sort()) {
    const name = set.labellers.get(id) ?? id;
    const here = stmt<[string], { name: string }>(
      db,
      'SELECT name FROM labellers WHERE id = ?',
    ).get(id);
    if (!here) {
      // A loop, not Math.min(...all): a file of a few hundred thousand revisions would
      // overflow the call stack as arguments.
      let createdAt = Date.now();
      for (const r of set.revisions)
        if (r.labellerId === id && r.createdAt < createdAt) createdAt = r.createdAt;
      stmt(db, 'INSERT INTO labellers (id, name, created_at) VALUES (?, ?, ?)').run(
        id,
        name,
        createdAt,
      );
      out.push({ id, name });
    } else {
      if (here.name !== name)
        notes.push(
          `labeller ${id} is "${here.name}" here and "${name}" in ${set.file}; kept "${here.name}"`,
        );
      out.push({ id, name: here.name });
    }
  }
  return out;
}
