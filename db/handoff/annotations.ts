import { basename } from 'node:path';
import type { AnnotationsResult } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import {
  ANNOTATION_FORMAT,
  ANNOTATION_VERSION,
  formatAnnotationEnd,
  formatAnnotationHeader,
  formatAnnotationLine,
} from '../../shared/formats/annotations';
import { AtomicFileWriter } from '../files/atomic-write';
import { findLabeller } from '../labellers';
import { fromRow, type RawRevision } from '../merge/sources';
import type { Db } from '../open';
import { getSetting } from '../settings';
import { stmt } from '../statements';

/**
 * Write one labeller's work as an annotation file (shared/formats/annotations.ts): every
 * revision, retractions included, in time order, then their answers to swapped repeats. Each
 * line carries the item's content hash so the lead's merge can tell the same item from a
 * changed one. The header promises an end line (`endLine: true`) and the file ends with it,
 * counting the lines before it, so a file cut short is refused rather than half merged.
 */
export async function writeAnnotations(
  db: Db,
  labellerId: string,
  outPath: string,
  signal?: AbortSignal,
): Promise<AnnotationsResult> {
  const labeller = findLabeller(db, labellerId);
  if (!labeller)
    throw new ApiError('NOT_FOUND', `no labeller with id ${labellerId} in this project`);
  const out = new AtomicFileWriter(outPath);
  let revisions = 0;
  let repeatAnswers = 0;
  try {
    await out.write(
      formatAnnotationHeader({
        format: ANNOTATION_FORMAT,
        version: ANNOTATION_VERSION,
        project: {
          id: getSetting<string>(db, 'project.id') ?? '',
          name: getSetting<string>(db, 'project.name') ?? basename(outPath),
        },
        labeller,
        createdAt: Date.now(),
        generator: 'rankwise',
        endLine: true,
      }) + '\n',
    );
    const rows = stmt<[string, string], RawRevision & { content_hash: string }>(
      db,
      `SELECT * FROM (SELECT j.id, j.item_id, j.labeller_id, j.revision, j.supersedes, NULL AS repeat_id, j.kind, j.outcome,
              j.chosen_idx, j.rejected_idx, j.strength, j.criteria_json, j.payload_json, j.flags_json, j.rationale,
              j.displayed_order_json, j.time_ms, j.guideline_version, j.task_version, j.created_at,
              j.suggestion_json, i.content_hash
         FROM judgments j JOIN items i ON i.id = j.item_id WHERE j.labeller_id = ?
       UNION ALL
       SELECT rj.id, r.item_id, r.labeller_id, NULL, NULL, rj.repeat_id, rj.kind, rj.outcome, rj.chosen_idx,
              rj.rejected_idx, rj.strength, rj.criteria_json, rj.payload_json, rj.flags_json, rj.rationale,
              rj.displayed_order_json, rj.time_ms, rj.guideline_version, rj.task_version, rj.created_at,
              rj.suggestion_json, i.content_hash
         FROM repeat_judgments rj JOIN repeats r ON r.id = rj.repeat_id JOIN items i ON i.id = r.item_id
        WHERE r.labeller_id = ?)
       ORDER BY repeat_id IS NOT NULL, created_at, id`,
    );
    let buffer = '';
    for (const row of rows.iterate(labellerId, labellerId)) {
      const { line: _line, ...rev } = fromRow(row);
      buffer += formatAnnotationLine({ ...rev, itemHash: row.content_hash }) + '\n';
      if (rev.repeatId) repeatAnswers++;
      else revisions++;
      if (buffer.length > 1 << 20) {
        signal?.throwIfAborted();
        await out.write(buffer);
        buffer = '';
      }
    }
    // The end line counts the lines before it: the header and one per revision or repeat answer.
    buffer += formatAnnotationEnd(1 + revisions + repeatAnswers) + '\n';
    await out.write(buffer);
    signal?.throwIfAborted();
    await out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
  return { path: outPath, labeller, revisions, repeatAnswers };
}
