import { afterEach, describe, expect, it } from 'vitest';
import { recordAt, type JudgmentRecord } from '../../shared/analysis/input';
import type { StoredVerdict } from '../../shared/domain/judgment';
import { seededRng } from '../../shared/metrics/random';
import { appendRevision } from '../judgments';
import type { Project } from '../open';
import { newProject, tempDir } from '../test-support/temp-project';
import { loadAnalysisInput } from './load';

/**
 * The loader derives every labeller's current judgment from one scan of all revisions (the
 * highest revision of each labeller × item) instead of reading judgment_heads row by row.
 * These tests hold it to judgment_heads, written by the app's own write path.
 */
interface HeadRow {
  seq: number;
  labeller_id: string;
  kind: 'pairwise' | 'ranking' | 'rating';
  outcome: 'preferred' | 'tie' | 'both_bad' | null;
  chosen_idx: number | null;
  rejected_idx: number | null;
  strength: number | null;
  criteria_json: string | null;
  payload_json: string | null;
  displayed_order_json: string;
  time_ms: number;
  created_at: number;
}

describe('loadAnalysisInput', () => {
  let t: ReturnType<typeof tempDir>;
  let project: Project;
  afterEach(() => {
    project?.close();
    t?.cleanup();
  });

  const models = ['model-🦜', null, 'ß-model', 'plain', 'model,with,commas'];

  function build(seed: number) {
    t = tempDir();
    project = newProject(t.dir);
    const db = project.db;
    const rng = seededRng(seed);
    const labellers = [
      { id: 'lab-b', name: 'Zoe' },
      { id: 'lab-a', name: 'Ann' },
      { id: 'lab-c', name: 'Ann' },
      { id: 'lab-none', name: 'Nobody' },
    ];
    for (const l of labellers)
      db.prepare('INSERT INTO labellers VALUES (?, ?, 1)').run(l.id, l.name);
    const items = 40;
    for (let s = 1; s <= items; s++) {
      db.prepare(
        "INSERT INTO items (seq, id, prompt_json, content_hash, created_at) VALUES (?, ?, ?, 'h', 1)",
      ).run(s, `item,${s}\u001e`, JSON.stringify([{ role: 'user', content: `p${s % 7}` }]));
      const n = s % 4 === 0 ? 3 : 2;
      for (let r = 0; r < n; r++)
        db.prepare('INSERT INTO responses VALUES (?, ?, ?, ?, NULL)').run(
          s,
          r,
          models[(s + r) % models.length],
          `response ${s} ${r}`,
        );
    }
    const verdict = (n: number): StoredVerdict | { kind: 'retract' } => {
      const u = rng();
      if (u < 0.5) {
        const a = Math.floor(rng() * n);
        const b = (a + 1 + Math.floor(rng() * (n - 1))) % n;
        return {
          kind: 'pairwise',
          outcome: rng() < 0.7 ? 'preferred' : rng() < 0.5 ? 'tie' : 'both_bad',
          chosenIdx: a,
          rejectedIdx: b,
          strength: rng() < 0.5 ? null : 1 + Math.floor(rng() * 3),
          criteria: rng() < 0.5 ? {} : { honesty: rng() < 0.3 ? 'tie' : a, ünïcode: b },
        };
      }
      if (u < 0.65) {
        const order = [...Array(n).keys()].sort(() => rng() - 0.5);
        return { kind: 'ranking', tiers: order.map((i) => [i]), noneAcceptable: false };
      }
      if (u < 0.8)
        return {
          kind: 'rating',
          ratings: [...Array(n).keys()].map((idx) => ({
            idx,
            aspects: { helpful: Math.floor(rng() * 5) },
            thumb: rng() < 0.5 ? 'up' : null,
          })),
        };
      if (u < 0.9) return { kind: 'skip', reason: null };
      return { kind: 'retract' };
    };
    // Revisions in an interleaved order, several per labeller × item.
    let clock = 1_700_000_000_000;
    for (let step = 0; step < 400; step++) {
      const l = labellers[Math.floor(rng() * 3)]!;
      const s = 1 + Math.floor(rng() * items);
      const n = s % 4 === 0 ? 3 : 2;
      const order = [...Array(n).keys()].sort(() => rng() - 0.5);
      appendRevision(db, {
        itemId: `item,${s}\u001e`,
        labellerId: l.id,
        verdict: verdict(n),
        rationale: rng() < 0.3 ? 'because'.repeat(300) : null,
        flags: [],
        displayedOrder: order,
        timeMs: Math.floor(rng() * 100_000),
        guidelineVersion: 1,
        taskVersion: 1,
        createdAt: (clock += 1 + Math.floor(rng() * 1000)),
      });
    }
    db.prepare('UPDATE items SET archived = 1 WHERE seq IN (3, 17)').run();
  }

  /** The current judgments as judgment_heads has them, in the loader's record terms. */
  function fromHeads(): Map<string, JudgmentRecord> {
    const labellers = project.db
      .prepare(
        `SELECT id FROM labellers l WHERE EXISTS (SELECT 1 FROM judgment_heads h JOIN items i ON i.id = h.item_id
           WHERE h.labeller_id = l.id AND h.kind IN ('pairwise', 'ranking', 'rating') AND i.archived = 0)
         ORDER BY name, id`,
      )
      .pluck()
      .all() as string[];
    const rows = project.db
      .prepare(
        `SELECT i.seq, h.labeller_id, j.kind, j.outcome, j.chosen_idx, j.rejected_idx, j.strength,
                j.criteria_json, j.payload_json, j.displayed_order_json, j.time_ms, j.created_at
           FROM judgment_heads h JOIN judgments j ON j.id = h.judgment_id JOIN items i ON i.id = h.item_id
          WHERE h.kind IN ('pairwise', 'ranking', 'rating') AND i.archived = 0`,
      )
      .all() as HeadRow[];
    const out = new Map<string, JudgmentRecord>();
    for (const r of rows) {
      const labeller = labellers.indexOf(r.labeller_id);
      const item = r.seq;
      const base = { item, labeller, timeMs: r.time_ms, createdAt: r.created_at };
      const order = JSON.parse(r.displayed_order_json) as number[];
      const payload = JSON.parse(r.payload_json ?? '{}') as {
        tiers?: number[][];
        ratings?: Extract<JudgmentRecord, { kind: 'rating' }>['ratings'];
      };
      const rec: JudgmentRecord =
        r.kind === 'pairwise'
          ? {
              kind: 'pairwise',
              ...base,
              outcome: r.outcome!,
              chosen: r.chosen_idx!,
              rejected: r.rejected_idx!,
              strength: r.strength,
              criteria: r.criteria_json
                ? (JSON.parse(r.criteria_json) as Record<string, number | 'tie'>)
                : null,
              leftWon:
                r.outcome === 'preferred'
                  ? order.indexOf(r.chosen_idx!) < order.indexOf(r.rejected_idx!)
                  : null,
            }
          : r.kind === 'ranking'
            ? { kind: 'ranking', ...base, tiers: payload.tiers! }
            : { kind: 'rating', ...base, ratings: payload.ratings! };
      out.set(`${labeller}/${item}`, rec);
    }
    return out;
  }

  for (const seed of [1, 2, 3]) {
    it(`gives every labeller's current judgment, as judgment_heads does (seed ${seed})`, () => {
      build(seed);
      const input = loadAnalysisInput(project.db);
      const want = fromHeads();
      const got = new Map<string, JudgmentRecord>();
      for (let r = 0; r < input.judgments.length; r++) {
        const rec = recordAt(input.judgments, r);
        got.set(`${rec.labeller}/${rec.item}`, rec);
      }
      expect(input.judgments.length).toBe(got.size);
      expect(got).toEqual(want);
      // Raters: those with a current verdict, by name then id; a labeller with none is not one.
      expect(input.labellers.map((l) => l.id)).toEqual(
        ['lab-a', 'lab-c', 'lab-b'].filter((id) =>
          [...want.values()].some((r) => input.labellers[r.labeller]?.id === id),
        ),
      );
      expect(input.totalItems).toBe(38);
    });
  }

  it('reads model names whatever characters they hold', () => {
    build(4);
    const input = loadAnalysisInput(project.db);
    const { start, model, names } = input.responses;
    expect(names).toEqual(['model,with,commas', 'model-🦜', 'plain', 'ß-model']);
    for (let s = 1; s <= 40; s++) {
      const n = s % 4 === 0 ? 3 : 2;
      expect(start[s + 1]! - start[s]!).toBe(n);
      for (let r = 0; r < n; r++) {
        const m = model[start[s]! + r]!;
        expect(m < 0 ? null : names[m]).toBe(models[(s + r) % models.length]);
      }
    }
  });

  it('has no judgments in a project without any', () => {
    t = tempDir();
    project = newProject(t.dir);
    const input = loadAnalysisInput(project.db);
    expect(input.judgments.length).toBe(0);
    expect(input.labellers).toEqual([]);
  });
});
