import Database from 'better-sqlite3';
import { openProject } from '../../db/open';
import { seededRng } from '../../shared/metrics/random';
import { filler } from './data';

export interface TeamDataOptions {
  items: number;
  labellers: number;
  models?: number;
  /** Characters of prompt and of each response. */
  textBytes?: number;
  seed?: number;
}

/**
 * A project with `items` two-response items and every labeller's pairwise judgment of every
 * item, written with raw prepared inserts (no app code on the write path) in transactions of
 * 1000 rows. Judgments follow latent model strengths with per-labeller noise and one
 * labeller who favours the left response, so every figure has something to find.
 */
export function writeTeamProject(path: string, o: TeamDataOptions): void {
  openProject(path, { create: true }).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('temp_store = MEMORY'); // as the app's connections: triggers journal in memory
  const rng = seededRng(o.seed ?? 42);
  const models = Array.from({ length: o.models ?? 8 }, (_, i) => `model-${i}`);
  const strength = models.map((_, i) => i * 0.25);
  const text = o.textBytes ?? 1000;
  db.prepare("UPDATE project_settings SET value_json = ? WHERE key = 'task'").run(
    JSON.stringify({
      version: 2,
      mode: 'pairwise',
      pairwise: { strengthLevels: 3 },
      criteria: ['honesty'],
    }),
  );
  const labellers = Array.from({ length: o.labellers }, (_, i) => ({
    id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    name: `Labeller ${i + 1}`,
  }));
  const insL = db.prepare('INSERT INTO labellers VALUES (?, ?, ?)');
  for (const l of labellers) insL.run(l.id, l.name, 1);
  const insItem = db.prepare(
    'INSERT INTO items (seq, id, prompt_json, content_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insResp = db.prepare('INSERT INTO responses VALUES (?, ?, ?, ?, NULL)');
  const insJ = db.prepare(
    `INSERT INTO judgments (id, item_id, labeller_id, revision, kind, outcome, chosen_idx, rejected_idx, strength,
       criteria_json, displayed_order_json, time_ms, guideline_version, task_version, created_at)
     VALUES (?, ?, ?, 1, 'pairwise', ?, ?, ?, ?, ?, ?, ?, 1, 2, ?)`,
  );
  const insH = db.prepare("INSERT INTO judgment_heads VALUES (?, ?, ?, 1, 'pairwise')");
  const t0 = Date.UTC(2026, 0, 1);
  const batch = db.transaction((from: number, to: number) => {
    for (let s = from; s < to; s++) {
      const id = `item-${s}`;
      insItem.run(s + 1, id, JSON.stringify(filler(s, text)), `h${s}`, t0);
      const a = Math.floor(rng() * models.length);
      const b = (a + 1 + Math.floor(rng() * (models.length - 1))) % models.length;
      insResp.run(s + 1, 0, models[a], filler(s * 7 + 1, text));
      insResp.run(s + 1, 1, models[b], filler(s * 7 + 2, text));
      const pOne = 1 / (1 + Math.exp(strength[a]! - strength[b]!));
      for (const [li, l] of labellers.entries()) {
        const order = rng() < 0.5 ? [0, 1] : [1, 0];
        const u = rng();
        let outcome = 'preferred';
        let chosen: number;
        if (u < 0.08) outcome = 'tie';
        else if (u < 0.11) outcome = 'both_bad';
        // Labeller 3 picks the left response a third of the time regardless.
        if (li === 2 && outcome === 'preferred' && rng() < 0.33) chosen = order[0]!;
        else chosen = rng() < pOne ? 1 : 0;
        const jid = `j-${s}-${li}`;
        const pref = outcome === 'preferred';
        insJ.run(
          jid,
          id,
          l.id,
          outcome,
          pref ? chosen : 0,
          pref ? 1 - chosen : 1,
          pref ? 1 + Math.floor(rng() * 3) : null,
          rng() < 0.5 ? JSON.stringify({ honesty: rng() < 0.2 ? 'tie' : chosen }) : null,
          JSON.stringify(order),
          Math.round(2000 + rng() * 60000),
          t0 + s * 60_000 + li,
        );
        insH.run(id, l.id, jid);
      }
    }
  });
  for (let s = 0; s < o.items; s += 1000) batch(s, Math.min(o.items, s + 1000));
  db.close();
}
