import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredVerdict } from '../../shared/domain/judgment';
import { loadAnalysisInput } from '../analysis/load';
import { encodeVerdict } from '../verdict-columns';
import { openProject, type Db } from '../open';
import { salvageProject } from '../recovery/salvage';
import { currentVerdicts, loadedVerdicts } from '../test-support/analysis-reference';
import { tempDir } from '../test-support/temp-project';
import { initial } from './001-initial';
import { judgmentDetails } from './002-judgment-details';
import { team } from './004-team';
import { search } from './005-search';
import { rebuildFacts } from './006-judgment-facts';
import { LATEST_SCHEMA_VERSION } from './index';

/** Two labellers' judgments of six items, with revisions, a retraction and a skip. */
function judge(db: Db): void {
  for (const [id, name] of [
    ['ada', 'Ada'],
    ['bo', 'Bo'],
  ])
    db.prepare('INSERT INTO labellers VALUES (?, ?, 1)').run(id, name);
  for (let s = 1; s <= 6; s++) {
    db.prepare(
      "INSERT INTO items (seq, id, prompt_json, content_hash, created_at) VALUES (?, ?, '\"p\"', 'h', 1)",
    ).run(s, `i${s}`);
    for (let r = 0; r < 3; r++)
      db.prepare('INSERT INTO responses VALUES (?, ?, ?, ?, NULL)').run(s, r, `m${r}`, `r${s}${r}`);
  }
  let at = 1_700_000_000_000;
  // Written with SQL of the v5 schema (this runs on a v5 file too): a revision and its head.
  let n = 0;
  const put = (labellerId: string, s: number, verdict: StoredVerdict | { kind: 'retract' }) => {
    const v = encodeVerdict(verdict);
    const id = `j${++n}`;
    const revision =
      (db
        .prepare('SELECT max(revision) FROM judgments WHERE item_id = ? AND labeller_id = ?')
        .pluck()
        .get(`i${s}`, labellerId) as number | null) ?? 0;
    db.prepare(
      `INSERT INTO judgments (id, item_id, labeller_id, revision, kind, outcome, chosen_idx, rejected_idx,
         strength, payload_json, criteria_json, displayed_order_json, time_ms, guideline_version, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[2,0,1]', ?, 1, ?)`,
    ).run(
      id,
      `i${s}`,
      labellerId,
      revision + 1,
      verdict.kind,
      v.outcome,
      v.chosenIdx,
      v.rejectedIdx,
      v.strength,
      v.payload ? JSON.stringify(v.payload) : null,
      v.criteria && Object.keys(v.criteria).length ? JSON.stringify(v.criteria) : null,
      1000 * s,
      (at += 1000),
    );
    db.prepare(
      `INSERT INTO judgment_heads VALUES (?, ?, ?, ?, ?) ON CONFLICT (labeller_id, item_id)
       DO UPDATE SET judgment_id = excluded.judgment_id, revision = excluded.revision, kind = excluded.kind`,
    ).run(`i${s}`, labellerId, id, revision + 1, verdict.kind);
  };
  const prefer = (chosenIdx: number, rejectedIdx: number, strength: number | null = 2) =>
    ({
      kind: 'pairwise',
      outcome: 'preferred',
      chosenIdx,
      rejectedIdx,
      strength,
      criteria: { clarity: chosenIdx },
    }) as const;
  for (let s = 1; s <= 6; s++) put('ada', s, prefer(0, 1));
  put('ada', 2, prefer(1, 0, null));
  put('ada', 3, { kind: 'retract' });
  put('bo', 1, prefer(2, 1));
  put('bo', 2, { kind: 'ranking', tiers: [[2], [0, 1]], noneAcceptable: false });
  put('bo', 3, { kind: 'skip', reason: null });
  put('bo', 4, {
    kind: 'pairwise',
    outcome: 'tie',
    chosenIdx: 0,
    rejectedIdx: 2,
    strength: null,
    criteria: {},
  });
}

const facts = (db: Db) =>
  db
    .prepare('SELECT judgment_id, hex(packed) AS packed, detail FROM judgment_facts ORDER BY 1')
    .all();

describe('migration 006 (judgment facts)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('summarises the judgments a v5 file already has; the analysis reads them as the heads say', () => {
    const path = join(t.dir, 'v5.rankwise');
    const v5 = openProject(path, {
      create: true,
      migrations: [initial, judgmentDetails, team, search],
    });
    judge(v5.db);
    v5.close();

    const p = openProject(path);
    try {
      expect(p.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      const count = (table: string) =>
        p.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      expect(count('judgment_facts')).toBe(count('judgments'));
      const want = currentVerdicts(p.db);
      expect(want.size).toBe(8); // Ada: 6 items, one retracted; Bo: 4, one skipped
      expect(loadedVerdicts(loadAnalysisInput(p.db))).toEqual(want);
    } finally {
      p.close();
    }
  });

  it('follows inserts, revisions renumbered in place and deletions, as a rebuild would', () => {
    const p = openProject(join(t.dir, 'p.rankwise'), { create: true });
    try {
      judge(p.db);
      const written = facts(p.db);
      rebuildFacts(p.db);
      expect(facts(p.db)).toEqual(written);

      // What a merge does: renumber a chain's revisions, and move the head with it.
      p.db.exec(`
        UPDATE judgments SET revision = revision + 10 WHERE labeller_id = 'ada' AND item_id = 'i2';
        UPDATE judgment_heads SET revision = revision + 10 WHERE labeller_id = 'ada' AND item_id = 'i2';
      `);
      expect(facts(p.db)).not.toEqual(written);
      expect(loadedVerdicts(loadAnalysisInput(p.db))).toEqual(currentVerdicts(p.db));
      const renumbered = facts(p.db);
      rebuildFacts(p.db);
      expect(facts(p.db)).toEqual(renumbered);

      // A judgment taken out (as salvage does with orphans) takes its fact with it.
      p.db.pragma('foreign_keys = OFF');
      p.db.exec(`
        DELETE FROM judgment_heads WHERE labeller_id = 'bo' AND item_id = 'i4';
        DELETE FROM judgments WHERE labeller_id = 'bo' AND item_id = 'i4';
      `);
      expect(facts(p.db)).toHaveLength(renumbered.length - 1);
      expect(loadedVerdicts(loadAnalysisInput(p.db))).toEqual(currentVerdicts(p.db));
    } finally {
      p.close();
    }
  });

  it('is rebuilt in a salvaged copy, after the links are repaired', () => {
    const path = join(t.dir, 'whole.rankwise');
    const p = openProject(path, { create: true });
    judge(p.db);
    // A labeller row lost: salvage keeps their judgments under a placeholder labeller it adds
    // after copying them, so facts written on the way named no labeller.
    p.db.pragma('foreign_keys = OFF');
    p.db.exec("DELETE FROM labellers WHERE id = 'bo'");
    p.close();
    const saved = salvageProject(path);
    const copy = openProject(saved.path);
    try {
      const want = currentVerdicts(copy.db);
      expect(want.size).toBe(8);
      expect(loadedVerdicts(loadAnalysisInput(copy.db))).toEqual(want);
      expect(copy.db.prepare('SELECT count(*) FROM judgment_facts').pluck().get()).toBe(
        copy.db.prepare('SELECT count(*) FROM judgments').pluck().get(),
      );
    } finally {
      copy.close();
    }
  });
});
