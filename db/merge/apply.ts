import { isPermutation } from '../../shared/domain/display-order';
import { revisionFingerprint } from '../../shared/formats/annotations';
import type { Db } from '../open';
import { getSetting } from '../settings';
import { stmt } from '../statements';
import { insertRepeatAnswer } from '../team/repeats';
import { verdictColumns } from '../verdict-columns';
import { renumberChains } from './chains';
import type { MergeProblem } from './refusal';
import { MergeRefused } from './refusal';
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
}

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
      const problems: MergeProblem[] = [];
      const notes: string[] = [];
      const projectId = getSetting<string>(db, 'project.id') ?? '';
      if (set.projectId !== null && set.projectId !== projectId && !options.allowOtherProject) {
        throw new MergeRefused(set.file, [
          {
            line: set.kind === 'annotations' ? 1 : null,
            reason: `it was made for another project (id ${set.projectId}; this project is ${projectId}). Merge with --allow-other-project if the items are the same.`,
          },
        ]);
      }

      checkItems(db, set, problems);
      const fresh: IncomingRevision[] = [];
      let alreadyPresent = 0;
      const existingById = stmt<[string, string], RawRevision>(
        db,
        `SELECT id, item_id, labeller_id, revision, supersedes, NULL AS repeat_id, kind, outcome, chosen_idx,
                rejected_idx, strength, criteria_json, payload_json, flags_json, rationale, displayed_order_json,
                time_ms, guideline_version, task_version, created_at FROM judgments WHERE id = ?
         UNION ALL
         SELECT rj.id, r.item_id, r.labeller_id, NULL, NULL, rj.repeat_id, rj.kind, rj.outcome, rj.chosen_idx,
                rj.rejected_idx, rj.strength, rj.criteria_json, rj.payload_json, rj.flags_json, rj.rationale,
                rj.displayed_order_json, rj.time_ms, rj.guideline_version, rj.task_version, rj.created_at
           FROM repeat_judgments rj JOIN repeats r ON r.id = rj.repeat_id WHERE rj.id = ?`,
      );
      const seen = new Map<string, string>();
      for (const rev of set.revisions) {
        const print = revisionFingerprint(rev);
        const twin = seen.get(rev.id);
        if (twin !== undefined) {
          if (twin !== print)
            problems.push({
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
            problems.push({
              line: rev.line || null,
              reason: `conflicting id: judgment ${rev.id} is already in this project with different content`,
            });
          continue;
        }
        fresh.push(rev);
      }
      const repeatsToAdd = checkRepeats(db, set, fresh, problems);
      if (problems.length) throw new MergeRefused(set.file, problems);

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
          `INSERT INTO judgments (id, item_id, labeller_id, revision, supersedes, kind, outcome, chosen_idx, rejected_idx,
             strength, payload_json, criteria_json, flags_json, rationale, displayed_order_json, time_ms,
             guideline_version, task_version, created_at)
           VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(rev.id, rev.itemId, rev.labellerId, provisional++, ...verdictColumns(rev));
        affected.set(`${rev.labellerId}\u0000${rev.itemId}`, {
          labellerId: rev.labellerId,
          itemId: rev.itemId,
        });
      }
      renumberChains(db, [...affected.values()]);
      return {
        file: set.file,
        kind: set.kind,
        labellers,
        added: fresh.length - repeatAnswersAdded,
        alreadyPresent,
        repeatAnswersAdded,
        notes,
      };
    })
    .immediate();
}

/** Every judged item must exist here, with the same content, and indices must fit its responses. */
function checkItems(db: Db, set: IncomingSet, problems: MergeProblem[]): void {
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
      problems.push({
        line: h.line || null,
        reason: `item "${id}" has different content here than where it was judged (content hash ${h.hash.slice(0, 12)}… vs ${item.hash.slice(0, 12)}…)`,
      });
  }
  for (const rev of set.revisions) {
    const item = lookup(rev.itemId);
    if (!item) {
      if (!unknown.has(rev.itemId))
        problems.push({
          line: rev.line || null,
          reason: `unknown item "${rev.itemId}": it is not in this project`,
        });
      unknown.add(rev.itemId);
      continue;
    }
    const n = item.responses;
    const bad = (i: number | null) => i !== null && i >= n;
    if (!isPermutation(rev.displayedOrder, n))
      problems.push({
        line: rev.line || null,
        reason: `displayedOrder ${JSON.stringify(rev.displayedOrder)} is not an order of item "${rev.itemId}"'s ${n} responses`,
      });
    else if (
      bad(rev.chosenIdx) ||
      bad(rev.rejectedIdx) ||
      Object.values(rev.criteria ?? {}).some((c) => c !== 'tie' && c >= n)
    )
      problems.push({
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
  problems: MergeProblem[],
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
      if (here.labeller_id !== rev.labellerId || here.item_id !== rev.itemId)
        problems.push({
          line: rev.line || null,
          reason: `repeat ${rev.repeatId} belongs to another labeller or item in this project`,
        });
      else if (
        stmt<[string], { id: string }>(
          db,
          'SELECT id FROM repeat_judgments WHERE repeat_id = ?',
        ).get(rev.repeatId)
      )
        problems.push({
          line: rev.line || null,
          reason: `repeat ${rev.repeatId} already has a different answer`,
        });
      continue;
    }
    const clash = stmt<[string, string], { id: string }>(
      db,
      'SELECT id FROM repeats WHERE labeller_id = ? AND item_id = ?',
    ).get(rev.labellerId, rev.itemId);
    if (clash) {
      problems.push({
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
      const createdAt = Math.min(
        Date.now(),
        ...set.revisions.filter((r) => r.labellerId === id).map((r) => r.createdAt),
      );
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
