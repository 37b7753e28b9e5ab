import { afterEach, describe, expect, it } from 'vitest';
import type { StoredVerdict } from '../../shared/domain/judgment';
import { seededRng } from '../../shared/metrics/random';
import { appendRevision } from '../judgments';
import type { Project } from '../open';
import { currentVerdicts, loadedVerdicts } from '../test-support/analysis-reference';
import { newProject, tempDir } from '../test-support/temp-project';
import { loadAnalysisInput } from './load';

/**
 * The loader derives every labeller's current judgment from one scan of all revisions (the
 * highest revision of each labeller × item) instead of reading judgment_heads row by row.
 * These tests hold it to judgment_heads, written by the app's own write path.
 */
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

  for (const seed of [1, 2, 3]) {
    it(`gives every labeller's current judgment, as judgment_heads does (seed ${seed})`, () => {
      build(seed);
      const input = loadAnalysisInput(project.db);
      const want = currentVerdicts(project.db);
      expect(loadedVerdicts(input)).toEqual(want);
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
