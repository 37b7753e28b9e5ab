import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../shared/domain/judgment';
import type { ShownSuggestion } from '../../shared/judges/judge';
import {
  bradleyTerry,
  cohenKappa,
  kendallTauB,
  wilsonInterval,
  type Comparison,
} from '../../shared/metrics/index';
import { analyse } from '../analysis/run';
import { importFile } from '../import/import-file';
import { appendRevision } from '../judgments';
import { ensureLabeller } from '../labellers';
import type { Project } from '../open';
import { item, newProject, tempDir, writeJsonl } from '../test-support/temp-project';
import { importJudgeVerdicts } from './import-verdicts';

type Label = 'lo' | 'hi' | 'tie' | 'bb';

/** Matches a number within 1e-12 of x (an asymmetric matcher, typed as the number it stands for). */
function near(x: number | null, digits = 12): number {
  const matcher: unknown = expect.closeTo(x!, digits);
  return matcher as number;
}

/**
 * A small case worked out by hand. Seven two-response items; "lo" means response 1 (index 0)
 * better, "hi" response 2, "bb" both bad. Current human verdicts:
 *
 *   item  Ada  Bo   Cy   majority      alpha (order: verdict)        beta
 *   q1    lo*  lo   hi   lo            1st shown 0: lo, 1st 1: lo    hi
 *   q2    hi   hi   hi   hi            1st 0: lo,   1st 1: hi (flip) no verdict
 *   q3    tie  lo   hi   none          1st 0: hi                     lo
 *   q4    bb   bb   —    bb            order unknown: bb             —
 *   q5    lo   —    —    lo (of one)   1st 0: tie                    lo
 *   q6    tie  tie  lo   tie           1st 1: tie                    lo
 *   q7    —    —    —    —             1st 0: lo                     —
 *   q8    lo   hi   —    none (1–1)    1st 0: lo                     —
 *
 * (* Ada judged q1 with alpha's suggestion on screen.) Category: q1–q3 math, q4–q5 chat.
 */
describe('judge calibration, against an independent computation', () => {
  let t: ReturnType<typeof tempDir>;
  let p: Project;
  beforeEach(async () => {
    t = tempDir();
    p = newProject(t.dir);
    const cats = ['math', 'math', 'math', 'chat', 'chat', null, null, null];
    await importFile(
      p.db,
      writeJsonl(
        join(t.dir, 'items.jsonl'),
        cats.map((c, i) => ({
          ...item(`q${i + 1}`),
          ...(c ? { metadata: { category: c } } : {}),
        })),
      ),
      { format: 'generic' },
    );
    const who = Object.fromEntries(
      ['Ada', 'Bo', 'Cy'].map((n) => [n, ensureLabeller(p.db, { name: n }).id]),
    );
    const human: Array<[string, string, Label, ShownSuggestion?]> = [
      [
        'Ada',
        'q1',
        'lo',
        { judge: 'alpha', shown: 'before', outcome: 'preferred', chosen: 0, rejected: 1 },
      ],
      ['Bo', 'q1', 'lo'],
      ['Cy', 'q1', 'hi'],
      ['Ada', 'q2', 'hi'],
      ['Bo', 'q2', 'hi'],
      ['Cy', 'q2', 'hi'],
      ['Ada', 'q3', 'tie'],
      ['Bo', 'q3', 'lo'],
      ['Cy', 'q3', 'hi'],
      ['Ada', 'q4', 'bb'],
      ['Bo', 'q4', 'bb'],
      ['Ada', 'q5', 'lo'],
      ['Ada', 'q6', 'tie'],
      ['Bo', 'q6', 'tie'],
      ['Cy', 'q6', 'lo'],
      ['Ada', 'q8', 'lo'],
      ['Bo', 'q8', 'hi'],
    ];
    for (const [name, itemId, label, suggestion] of human) {
      const outcome: Outcome = label === 'tie' ? 'tie' : label === 'bb' ? 'both_bad' : 'preferred';
      appendRevision(p.db, {
        itemId,
        labellerId: who[name]!,
        verdict: {
          kind: 'pairwise',
          outcome,
          chosenIdx: label === 'hi' ? 1 : 0,
          rejectedIdx: label === 'hi' ? 0 : 1,
          strength: null,
          criteria: {},
        },
        rationale: null,
        flags: [],
        displayedOrder: [0, 1],
        timeMs: 1000,
        guidelineVersion: 1,
        taskVersion: 1,
        suggestion: suggestion ?? null,
      });
    }
    const v = (judge: string, itemId: string, label: Label, order?: number[]) => ({
      itemId,
      judge,
      ...(label === 'tie' || label === 'bb'
        ? { outcome: label === 'tie' ? 'tie' : 'both_bad' }
        : { chosen: label === 'lo' ? 0 : 1, rejected: label === 'lo' ? 1 : 0 }),
      ...(order ? { order } : {}),
    });
    await importJudgeVerdicts(
      p.db,
      writeJsonl(join(t.dir, 'judges.jsonl'), [
        v('alpha', 'q1', 'lo', [0, 1]),
        v('alpha', 'q1', 'lo', [1, 0]),
        v('alpha', 'q2', 'lo', [0, 1]),
        v('alpha', 'q2', 'hi', [1, 0]),
        v('alpha', 'q3', 'hi', [0, 1]),
        v('alpha', 'q4', 'bb'),
        v('alpha', 'q5', 'tie', [0, 1]),
        v('alpha', 'q6', 'tie', [1, 0]),
        v('alpha', 'q7', 'lo', [0, 1]),
        v('alpha', 'q8', 'lo', [0, 1]),
        v('beta', 'q1', 'hi'),
        v('beta', 'q3', 'lo'),
        v('beta', 'q5', 'lo'),
        v('beta', 'q6', 'lo'),
      ]),
    );
    // beta's no-verdict on q2, as a run stores it.
    p.db
      .prepare(
        `INSERT INTO judge_verdicts (judge_id, item_seq, pair_lo, pair_hi, shown_first, outcome, raw_reply, created_at)
         SELECT j.id, i.seq, 0, 1, 0, 'none', 'dunno', 1 FROM judges j, items i WHERE j.name = 'beta' AND i.id = 'q2'`,
      )
      .run();
  });
  afterEach(() => {
    p.close();
    t.cleanup();
  });

  const report = (judgeSlicesBy: string | null = null) => {
    const r = analyse(p.path, { task: 'agreement', judgeSlicesBy });
    if (r.task !== 'agreement') throw new Error('unexpected');
    return r.report;
  };
  const ids = () =>
    Object.fromEntries(
      (
        p.db.prepare('SELECT name, id FROM labellers').all() as Array<{ name: string; id: string }>
      ).map((l) => [l.name, l.id]),
    );

  it('gives each figure of the documented shape, equal to the hand computation', () => {
    const r = report('category');
    expect(r.judges.map((j) => j.name)).toEqual(['alpha', 'beta']);
    const [alpha, beta] = r.judges as [(typeof r.judges)[0], (typeof r.judges)[0]];
    const id = ids();

    // alpha on units with a consistent verdict and a human majority: q1 lo/lo, q4 bb/bb,
    // q5 tie/lo, q6 tie/tie (q2 flipped, q3 and q8 have no strict majority, q7 no people).
    const judgeLabels = ['lo', 'bb', 'tie', 'tie'];
    const majority = ['lo', 'bb', 'lo', 'tie'];
    expect(alpha.vsHumanMajority.items).toBe(4);
    expect(alpha.vsHumanMajority.agreement).toBe(3 / 4);
    expect(alpha.vsHumanMajority.kappa).toBeCloseTo(cohenKappa(judgeLabels, majority)!, 12);
    expect(alpha.vsHumanMajority.kappa).toBeCloseTo(7 / 11, 12); // (3/4 − 5/16) / (1 − 5/16)
    //                                    human: lo hi tie bb
    expect(alpha.vsHumanMajority.confusion).toEqual([
      [1, 0, 0, 0], // judge lo
      [0, 0, 0, 0], // judge hi
      [1, 0, 1, 0], // judge tie
      [0, 0, 0, 1], // judge both bad
    ]);
    expect(alpha.verdicts).toBe(10);
    expect(alpha.noVerdict).toBe(0);

    // Each labeller on the units alpha has a verdict on (q1 lo, q3 hi, q4 bb, q5 tie, q6 tie, q8 lo).
    const vs = (l: string) => alpha.vsLabellers.find((x) => x.labellerId === id[l])!;
    const kappaOf = (a: string[], b: string[]) => cohenKappa(a, b);
    expect(vs('Ada')).toEqual({
      labellerId: id['Ada'],
      items: 6,
      agreement: 4 / 6,
      kappa: near(
        kappaOf(['lo', 'hi', 'bb', 'tie', 'tie', 'lo'], ['lo', 'tie', 'bb', 'lo', 'tie', 'lo']),
        12,
      ),
    });
    expect(vs('Bo')).toEqual({
      labellerId: id['Bo'],
      items: 5,
      agreement: 3 / 5,
      kappa: near(kappaOf(['lo', 'hi', 'bb', 'tie', 'lo'], ['lo', 'lo', 'bb', 'tie', 'hi']), 12),
    });
    expect(vs('Cy')).toEqual({
      labellerId: id['Cy'],
      items: 3,
      agreement: 1 / 3,
      kappa: near(kappaOf(['lo', 'hi', 'tie'], ['hi', 'hi', 'lo']), 12),
    });

    // Decisive verdicts with a known order: q1 ×2 (first-shown won once), q2 ×2 (both times),
    // q3 (not), q7 and q8 (yes): 5 of 7.
    expect(alpha.positionBias).toEqual({
      n: 7,
      firstShownRate: 5 / 7,
      interval: wilsonInterval(5, 7),
    });
    // Judged both ways: q1 (same), q2 (flipped).
    expect(alpha.orderConsistency).toEqual({ pairs: 2, rate: 1 / 2 });

    // Ada's q1 was made with alpha's suggestion on screen and agrees with it; of the 13 other
    // human verdicts on alpha's units, 7 agree (Ada q4 q6 q8, Bo q1 q4 q6, Cy q3).
    expect(alpha.anchoring).toEqual({
      anchored: { n: 1, agreement: 1 },
      unanchored: { n: 13, agreement: 7 / 13 },
    });

    // By category: chat q4 ✓ q5 ✗; math q1 ✓; no category q6 ✓.
    expect(r.judgeSlicesBy).toBe('category');
    expect(alpha.slices).toEqual([
      {
        value: 'chat',
        items: 2,
        agreement: 1 / 2,
        kappa: near(cohenKappa(['bb', 'tie'], ['bb', 'lo']), 12),
      },
      { value: 'math', items: 1, agreement: 1, kappa: null },
      { value: null, items: 1, agreement: 1, kappa: null },
    ]);

    // beta: no order known, one reply without a verdict, never asked both ways.
    expect(beta.verdicts).toBe(4);
    expect(beta.noVerdict).toBe(1);
    expect(beta.positionBias).toEqual({ n: 0, firstShownRate: null, interval: null });
    expect(beta.orderConsistency).toBeNull();
    expect(beta.vsHumanMajority).toEqual({
      items: 3,
      agreement: 1 / 3,
      kappa: near(cohenKappa(['hi', 'lo', 'lo'], ['lo', 'lo', 'tie']), 12),
      confusion: [
        [1, 0, 1, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
    });
    expect(beta.anchoring.anchored).toEqual({ n: 0, agreement: null });
  });

  it('has the documented keys exactly, and no slices unless a field is chosen', () => {
    const r = report();
    expect(r.judgeSlicesBy).toBeNull();
    for (const j of r.judges) {
      expect(Object.keys(j).slice(0, 6)).toEqual([
        'name',
        'verdicts',
        'vsHumanMajority',
        'vsLabellers',
        'positionBias',
        'orderConsistency',
      ]);
      expect(Object.keys(j.vsHumanMajority)).toEqual(['items', 'agreement', 'kappa', 'confusion']);
      expect(Object.keys(j.vsLabellers[0]!).sort()).toEqual([
        'agreement',
        'items',
        'kappa',
        'labellerId',
      ]);
      expect(Object.keys(j.positionBias)).toEqual(['n', 'firstShownRate', 'interval']);
      expect(j.slices).toBeNull();
    }
  });
});

describe("a judge's leaderboard beside the people's", () => {
  let t: ReturnType<typeof tempDir>;
  let p: Project;
  beforeEach(() => {
    t = tempDir();
    p = newProject(t.dir);
  });
  afterEach(() => {
    p.close();
    t.cleanup();
  });

  it("ranks the models from the judge's verdicts as Bradley–Terry does, with Kendall's tau against the people's order", async () => {
    // Three models, each pair of them on four items. People prefer the first of each pair three
    // times in four (a > b > c); the judge prefers b over a and c over b three times in four, and
    // splits a and c.
    const pairs: Array<[string, string]> = [
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
    ];
    const records = pairs.flatMap(([x, y], k) =>
      Array.from({ length: 4 }, (_, i) =>
        item(`m${k}-${i}`, `p${k}${i}`, [
          { model: x, text: `${x}${k}${i}` },
          { model: y, text: `${y}${k}${i}` },
        ]),
      ),
    );
    await importFile(p.db, writeJsonl(join(t.dir, 'items.jsonl'), records), { format: 'generic' });
    const ada = ensureLabeller(p.db, { name: 'Ada' }).id;
    const human: Comparison[] = [];
    const judge: Comparison[] = [];
    const judgeLines: unknown[] = [];
    pairs.forEach(([x, y], k) => {
      for (let i = 0; i < 4; i++) {
        // People prefer the first model of the pair three times in four.
        const hx = i < 3;
        appendRevision(p.db, {
          itemId: `m${k}-${i}`,
          labellerId: ada,
          verdict: {
            kind: 'pairwise',
            outcome: 'preferred',
            chosenIdx: hx ? 0 : 1,
            rejectedIdx: hx ? 1 : 0,
            strength: null,
            criteria: {},
          },
          rationale: null,
          flags: [],
          displayedOrder: [0, 1],
          timeMs: 1,
          guidelineVersion: 1,
          taskVersion: 1,
          createdAt: 1000 + k * 10 + i,
        });
        human.push([x, y, hx ? x : y]);
        // The judge prefers the second model of (a, b) and (b, c) three times in four, and a over c twice.
        const jx = k === 2 ? i < 2 : i === 0;
        judgeLines.push({
          itemId: `m${k}-${i}`,
          judge: 'j',
          chosen: jx ? 0 : 1,
          rejected: jx ? 1 : 0,
        });
        judge.push([x, y, jx ? x : y]);
      }
    });
    await importJudgeVerdicts(p.db, writeJsonl(join(t.dir, 'j.jsonl'), judgeLines));
    const r = analyse(p.path, { task: 'leaderboard', options: { bootstrapRounds: 0 } });
    if (r.task !== 'leaderboard') throw new Error('unexpected');
    const [j] = r.leaderboard.judges;
    const want = bradleyTerry(judge, { bootstrap: { rounds: 0 } }).models;
    const people = bradleyTerry(human, { bootstrap: { rounds: 0 } }).models;
    expect(j!.name).toBe('j');
    expect(j!.comparisons).toBe(12);
    for (const m of want)
      expect(j!.models.find((x) => x.model === m.model)!.rating).toBeCloseTo(m.rating!, 6);
    const rating = (list: typeof want, name: string) => list.find((m) => m.model === name)!.rating;
    expect(j!.modelsCompared).toBe(3);
    expect(j!.kendallTau).toBeCloseTo(
      kendallTauB(
        ['a', 'b', 'c'].map((m) => rating(people, m)),
        ['a', 'b', 'c'].map((m) => rating(want, m)),
      )!,
      12,
    );
    // The people rank a > b > c; the judge (b over a, c over b, a and c even) c > b > a: reversed.
    expect(j!.kendallTau).toBeCloseTo(-1, 12);
  });
});
