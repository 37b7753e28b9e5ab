import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runExport } from '../db/export/run-export';
import { openProject, type Db } from '../db/open';
import { defineBench, peakRssMB, scaled, timeMs } from './harness';
import { benchDir, filler } from './support/data';

/**
 * Export of TRL preference rows from a project of 100k items judged by 3 labellers (300k
 * judgments), to JSONL and to Parquet, each against the plainest way to produce the same
 * rows: one raw SELECT joining the current judgments to their prompt and responses,
 * JSON.stringify per row, and a buffered write. Target: JSONL at least half the baseline's
 * rows/s. The project is generated with raw inserts (not 300k backend calls).
 */
const LABELLERS = [
  '0190a000-0000-7000-8000-0000000000a1',
  '0190a000-0000-7000-8000-0000000000b2',
  '0190a000-0000-7000-8000-0000000000c3',
];

function generate(db: Db, items: number): void {
  db.pragma('synchronous = OFF');
  const insItem = db.prepare(
    'INSERT INTO items (seq, id, prompt_json, content_hash, created_at) VALUES (?, ?, ?, ?, 0)',
  );
  const insResp = db.prepare(
    'INSERT INTO responses (item_seq, idx, model, content) VALUES (?, ?, ?, ?)',
  );
  const insJ = db.prepare(
    `INSERT INTO judgments (id, item_id, labeller_id, revision, kind, outcome, chosen_idx, rejected_idx,
       strength, displayed_order_json, time_ms, guideline_version, task_version, created_at)
     VALUES (?, ?, ?, 1, 'pairwise', ?, ?, ?, ?, ?, 1000, 1, 1, ?)`,
  );
  const insH = db.prepare(
    "INSERT INTO judgment_heads (item_id, labeller_id, judgment_id, revision, kind) VALUES (?, ?, ?, 1, 'pairwise')",
  );
  for (const [i, id] of LABELLERS.entries())
    db.prepare('INSERT INTO labellers (id, name, created_at) VALUES (?, ?, 0)').run(
      id,
      `labeller ${i}`,
    );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `item-${i}`;
      insItem.run(i + 1, id, JSON.stringify(filler(i, 1200)), `h${i}`);
      insResp.run(i + 1, 0, 'model-a', filler(i * 3 + 1, 1200));
      insResp.run(i + 1, 1, 'model-b', filler(i * 3 + 2, 1200));
      for (let l = 0; l < LABELLERS.length; l++) {
        const jid = `j-${i}-${l}`;
        // Mostly agreeing, some ties: realistic enough for the policy code to do its work.
        const r = (i * 7 + l * 13) % 20;
        const outcome = r === 0 ? 'tie' : 'preferred';
        const chosen = r < 14 ? 0 : 1;
        insJ.run(
          jid,
          id,
          LABELLERS[l],
          outcome,
          chosen,
          1 - chosen,
          outcome === 'tie' ? null : 1 + (r % 4),
          (i + l) % 2 ? '[1,0]' : '[0,1]',
          i,
        );
        insH.run(id, LABELLERS[l], jid);
      }
    }
  });
  for (let i = 0; i < items; i += 1000) batch(i, Math.min(items, i + 1000));
  db.pragma('synchronous = FULL');
}

/**
 * The baseline: one SELECT of the same rows, JSON.stringify, buffered writes. It walks the
 * same access path as the export (items in order, then their judgments by index): left to
 * itself SQLite starts from judgment_heads and reads items and responses in random order,
 * which is several times slower and would flatter the export.
 */
function baseline(db: Db, out: string): number {
  const rows = db.prepare(
    `SELECT json_extract(i.prompt_json, '$') AS prompt, rc.content AS chosen, rr.content AS rejected
       FROM items i
       CROSS JOIN judgments j ON j.item_id = i.id
       CROSS JOIN judgment_heads h
         ON h.labeller_id = j.labeller_id AND h.item_id = j.item_id AND h.judgment_id = j.id
       JOIN responses rc ON rc.item_seq = i.seq AND rc.idx = j.chosen_idx
       JOIN responses rr ON rr.item_seq = i.seq AND rr.idx = j.rejected_idx
      WHERE j.outcome = 'preferred'`,
  );
  const fd = openSync(out, 'w');
  let buffer = '';
  let n = 0;
  for (const row of rows.iterate()) {
    buffer += JSON.stringify(row) + '\n';
    n++;
    if (buffer.length >= 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  return n;
}

async function exportCase(ext: '.jsonl' | '.parquet') {
  const items = scaled(100_000);
  const t = benchDir();
  try {
    const path = join(t.dir, 'bench.rankwise');
    const project = openProject(path, { create: true });
    const genMs = await timeMs(() => generate(project.db, items));
    project.close();
    const reader = openProject(path, { readonly: true });
    const rssBefore = peakRssMB();
    let rows = 0;
    const out = join(t.dir, `out${ext}`);
    const ms = await timeMs(async () => {
      rows = (await runExport(reader.db, path, out, { format: 'trl' })).rows;
    });
    const rssAfter = peakRssMB();
    let baseRows = 0;
    const baseMs = await timeMs(
      () => (baseRows = baseline(reader.db, join(t.dir, 'baseline.jsonl'))),
    );
    reader.close();
    if (rows !== baseRows) throw new Error(`export wrote ${rows} rows, the baseline ${baseRows}`);
    const mb = statSync(out).size / 1e6;
    return {
      name: `export TRL ${ext === '.jsonl' ? 'JSONL' : 'Parquet'} (${items} items × 3 labellers, ${rows} rows)`,
      value: rows / (ms / 1000),
      unit: 'rows/s',
      baseline: baseRows / (baseMs / 1000),
      baselineName: 'raw SELECT + JSON.stringify + buffered write',
      higherIsBetter: true,
      notes: `${mb.toFixed(0)} MB out; peak RSS ${Math.round(rssBefore)} MB before the export, ${Math.round(rssAfter)} MB after; generated in ${(genMs / 1000).toFixed(1)} s${ext === '.jsonl' ? '; target ≥ 0.5×' : ''}`,
    };
  } finally {
    t.cleanup();
  }
}

defineBench({
  'trl-jsonl': () => exportCase('.jsonl'),
  'trl-parquet': () => exportCase('.parquet'),
});
