import type { ExportResult } from '../../shared/api/contract';
import type { Prompt } from '../../shared/domain/item';
import { trlRow } from '../../shared/formats/trl';
import type { Db } from '../open';
import { AtomicFileWriter } from '../files/atomic-write';
import { stmt } from '../statements';

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (p: { rows: number; total: number }) => void;
}

interface Row {
  prompt_json: string;
  outcome: 'preferred' | 'tie' | 'both_bad';
  chosen: string;
  rejected: string;
}

const BATCH = 1000;

/**
 * TRL preference JSONL: one row per labeller's current pairwise verdict (policy "each"), with
 * an explicit prompt. Ties and both-bad carry no preference and are excluded (and counted).
 * chosen/rejected come straight from the stored response indices, which the backend mapped
 * from the displayed order when the judgment was made.
 */
export async function exportTrl(
  db: Db,
  outPath: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const total = stmt<[], { n: number }>(
    db,
    "SELECT count(*) AS n FROM judgment_heads WHERE kind = 'pairwise'",
  ).get()!.n;
  const rows = stmt<[], Row>(
    db,
    `SELECT i.prompt_json, j.outcome, rc.content AS chosen, rr.content AS rejected
       FROM judgment_heads h
       JOIN judgments j ON j.id = h.judgment_id
       JOIN items i ON i.id = h.item_id
       JOIN responses rc ON rc.item_seq = i.seq AND rc.idx = j.chosen_idx
       JOIN responses rr ON rr.item_seq = i.seq AND rr.idx = j.rejected_idx
      WHERE h.kind = 'pairwise' AND i.archived = 0
      ORDER BY i.seq, h.labeller_id`,
  );
  const out = new AtomicFileWriter(outPath);
  let written = 0;
  let ties = 0;
  let bothBad = 0;
  let seen = 0;
  let buffer = '';
  try {
    for (const row of rows.iterate()) {
      seen++;
      if (row.outcome === 'tie') ties++;
      else if (row.outcome === 'both_bad') bothBad++;
      else {
        buffer +=
          JSON.stringify(trlRow(JSON.parse(row.prompt_json) as Prompt, row.chosen, row.rejected)) +
          '\n';
        written++;
      }
      if (seen % BATCH === 0) {
        // Writing yields to the event loop; the read cursor stays open on this connection.
        options.signal?.throwIfAborted();
        await out.write(buffer);
        buffer = '';
        options.onProgress?.({ rows: seen, total });
      }
    }
    await out.write(buffer);
    options.signal?.throwIfAborted();
    await out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
  options.onProgress?.({ rows: seen, total });
  return { path: outPath, format: 'trl', rows: written, excluded: { ties, bothBad } };
}
