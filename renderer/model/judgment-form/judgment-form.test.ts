import { describe, expect, it } from 'vitest';
import { TaskSettingsSchema, type TaskSettings } from '../../../shared/domain/task';
import {
  chooseBothBad,
  chooseOnRow,
  completesInOneStep,
  describeVerdict,
  emptyForm,
  firstOpenCursor,
  formFromCurrent,
  isBlank,
  moveCursor,
  needsSubmit,
  nudge,
  rankNext,
  rate,
  rationaleRequired,
  setStrength,
  thumb,
  toggleFlag,
  toVerdict,
  verdictStarted,
  type FormContext,
  type JudgmentForm,
} from './judgment-form';

const task = (over: Record<string, unknown> = {}): TaskSettings => TaskSettingsSchema.parse(over);
const ctx = (t: TaskSettings, count = 2, pair: [number, number] = [0, 1]): FormContext => ({
  task: t,
  count,
  pair,
});
const apply = (f: JudgmentForm, ...steps: Array<(f: JudgmentForm) => JudgmentForm>) =>
  steps.reduce((acc, s) => s(acc), f);

describe('pairwise form', () => {
  it('binary: one key makes a verdict on the sampled pair', () => {
    const c = ctx(task(), 4, [1, 3]);
    const f = chooseOnRow(emptyForm(), c, 'B');
    expect(toVerdict(f, c)).toEqual({
      verdict: { kind: 'pairwise', choice: 'B', strength: null, criteria: {}, pair: [1, 3] },
      problem: null,
    });
  });

  it('strength, then criteria: the cursor walks the open rows and the verdict needs all', () => {
    const c = ctx(task({ pairwise: { strengthLevels: 4 }, criteria: ['helpful', 'harmless'] }));
    let f = chooseOnRow(emptyForm(), c, 'A');
    expect(toVerdict(f, c).problem).toBe('choose how much better');
    expect(f.cursor).toBe(1);
    f = setStrength(f, c, 3);
    f = chooseOnRow(f, c, 'tie'); // helpful: tie
    expect(f.cursor).toBe(2);
    expect(toVerdict(f, c).problem).toBe('judge harmless');
    f = chooseOnRow(f, c, 'B'); // harmless: B
    expect(toVerdict(f, c).verdict).toEqual({
      kind: 'pairwise',
      choice: 'A',
      strength: 3,
      criteria: { helpful: 'tie', harmless: 'B' },
      pair: [0, 1],
    });
    // Back on the overall row, a tie clears the strength.
    f = chooseOnRow(moveCursor(f, c, -5), c, 'tie');
    expect(f.pairwise).toMatchObject({ choice: 'tie', strength: null });
  });

  it('a strength may come first; it cannot go with a tie and ignores levels off the scale', () => {
    const c = ctx(task({ pairwise: { strengthLevels: 2 } }));
    let f = setStrength(emptyForm(), c, 2);
    expect(toVerdict(f, c).problem).toBe('choose A or B');
    f = chooseOnRow(f, c, 'B');
    expect(toVerdict(f, c).verdict).toMatchObject({ choice: 'B', strength: 2 });
    expect(setStrength(f, c, 3)).toBe(f);
    f = setStrength(chooseBothBad(f, c), c, 1);
    expect(f.pairwise.choice).toBeNull();
  });

  it('respects what the task forbids and requires', () => {
    const c = ctx(task({ pairwise: { allowTie: false, allowBothBad: false } }));
    expect(chooseOnRow(emptyForm(), c, 'tie')).toEqual(emptyForm());
    expect(chooseBothBad(emptyForm(), c)).toEqual(emptyForm());
    const r = ctx(task({ rationale: 'required-for-ties' }));
    const tie = chooseOnRow(emptyForm(), r, 'tie');
    expect(rationaleRequired(tie, r.task)).toBe(true);
    expect(toVerdict(tie, r).problem).toBe('a rationale is required for ties and "both bad"');
    expect(toVerdict({ ...tie, rationale: 'same content' }, r).problem).toBeNull();
  });
});

describe('ranking form', () => {
  it('places by key, ties with the pending tie, and needs every response', () => {
    const c = ctx(task({ mode: 'ranking' }), 4);
    let f = apply(
      emptyForm(),
      (x) => rankNext(x, c, 2),
      (x) => rankNext(x, c, 0),
    );
    expect(toVerdict(f, c).problem).toBe('rank 2 more responses');
    f = rankNext({ ...f, tieNext: true }, c, 3);
    expect(f.tieNext).toBe(false);
    f = rankNext(f, c, 1);
    expect(toVerdict(f, c).verdict).toEqual({
      kind: 'ranking',
      tiers: [[2], [0, 3], [1]],
      noneAcceptable: false,
    });
    expect(rankNext(f, c, 9)).toBe(f);
  });

  it('ignores a pending tie when the task allows none', () => {
    const c = ctx(task({ mode: 'ranking', ranking: { allowTies: false } }), 2);
    const f = apply(
      emptyForm(),
      (x) => rankNext(x, c, 1),
      (x) => rankNext({ ...x, tieNext: true }, c, 0),
    );
    expect(toVerdict(f, c).verdict).toMatchObject({ tiers: [[1], [0]] });
  });
});

describe('rating form', () => {
  const c = ctx(
    task({
      mode: 'rating',
      rating: { aspects: [{ name: 'overall', min: 1, max: 5 }], thumbs: true },
    }),
  );

  it('digits rate the cursor cell and move on; thumbs fill the thumbs cells', () => {
    let f = rate(emptyForm(), c, 4);
    expect(f.cursor).toBe(1); // A's thumbs
    f = thumb(f, c, 'up');
    expect(f.cursor).toBe(2); // B's overall
    f = rate(f, c, 6); // off the scale: nothing
    f = rate(f, c, 2);
    expect(toVerdict(f, c).problem).toBe('1 rating to give');
    f = thumb(f, c, 'down');
    expect(toVerdict(f, c).verdict).toEqual({
      kind: 'rating',
      ratings: [
        { position: 0, aspects: { overall: 4 }, thumb: 'up' },
        { position: 1, aspects: { overall: 2 }, thumb: 'down' },
      ],
    });
  });

  it('arrows step the value within the scale', () => {
    let f = nudge(emptyForm(), c, 1);
    expect(f.rating[0]!.aspects['overall']).toBe(1);
    f = nudge(nudge(f, c, -1), c, -1);
    expect(f.rating[0]!.aspects['overall']).toBe(1);
    f = nudge(moveCursor(f, c, 1), c, -1);
    expect(f.rating[0]!.thumb).toBe('down');
  });
});

describe('the cursor on a reopened form', () => {
  it('lands on the first question still open', () => {
    const c = ctx(task({ criteria: ['helpful', 'honest'] }));
    const f = {
      ...emptyForm(),
      pairwise: { choice: 'A' as const, strength: null, criteria: { helpful: 'B' as const } },
    };
    expect(firstOpenCursor(f, c)).toBe(2);
    expect(firstOpenCursor(emptyForm(), c)).toBe(0);
    const r = ctx(
      task({ mode: 'rating', rating: { aspects: [{ name: 'x', min: 1, max: 3 }], thumbs: true } }),
    );
    expect(firstOpenCursor(rate(emptyForm(), r, 2), r)).toBe(1);
  });
});

describe('flags, blanks and revisits', () => {
  it('keeps flags in the project’s order and refuses unknown ones', () => {
    const c = ctx(task());
    const f = apply(
      emptyForm(),
      (x) => toggleFlag(x, c, 'refusal'),
      (x) => toggleFlag(x, c, 'unsafe'),
      (x) => toggleFlag(x, c, 'made-up'),
    );
    expect(f.flags).toEqual(['unsafe', 'refusal']);
    expect(toggleFlag(f, c, 'unsafe').flags).toEqual(['refusal']);
    expect(isBlank(emptyForm())).toBe(true);
    expect(isBlank(f)).toBe(false);
  });

  it('turns a stored judgment back into a form', () => {
    const f = formFromCurrent({
      judgmentId: 'j',
      kind: 'ranking',
      verdict: { kind: 'ranking', tiers: [[1], [0, 2]], noneAcceptable: true },
      rationale: 'why',
      flags: ['pii'],
    });
    expect(f.ranking).toEqual({
      order: [1, 0, 2],
      tiedWithPrev: [false, false, true],
      noneAcceptable: true,
    });
    expect(f).toMatchObject({ rationale: 'why', flags: ['pii'] });
  });
});

describe('submit as soon as complete: what the screen offers', () => {
  it('a binary pairwise task is complete on its choice; strength, criteria or a rationale make it more', () => {
    expect(completesInOneStep(ctx(task()))).toBe(true);
    // A tie that needs a rationale is the exception, not the rule: A or B still completes it.
    expect(completesInOneStep(ctx(task({ rationale: 'required-for-ties' })))).toBe(true);
    expect(completesInOneStep(ctx(task({ rationale: 'required' })))).toBe(false);
    expect(completesInOneStep(ctx(task({ pairwise: { strengthLevels: 2 } })))).toBe(false);
    expect(completesInOneStep(ctx(task({ criteria: ['helpful'] })))).toBe(false);
    expect(completesInOneStep(ctx(task({ mode: 'ranking' }), 2))).toBe(false);
    expect(completesInOneStep(ctx(task({ mode: 'rating' }), 1))).toBe(false);
  });

  it('no Submit and no to-do while the choice key is the submit; both once anything is there to send', () => {
    const c = ctx(task({ rationale: 'required-for-ties' }));
    const blank = emptyForm();
    expect(needsSubmit(blank, c, true)).toBe(false);
    // Submitting by Enter only: the button is how it goes.
    expect(needsSubmit(blank, c, false)).toBe(true);
    // Flags and a rationale are not a verdict: the next choice still submits all of it.
    const noted = toggleFlag({ ...blank, rationale: 'why' }, c, 'pii');
    expect(verdictStarted(noted, 'pairwise')).toBe(false);
    expect(needsSubmit(noted, c, true)).toBe(false);
    // A tie waiting for its rationale: the line says so and Submit sends it.
    const tie = chooseOnRow(blank, c, 'tie');
    expect(toVerdict(tie, c).verdict).toBeNull();
    expect(needsSubmit(tie, c, true)).toBe(true);
    // A judgment shown again (a revisit, an undo, a refused save) is complete and unsent.
    expect(needsSubmit(chooseOnRow(blank, c, 'B'), c, true)).toBe(true);
    // Tasks that take more than one key always show what is left.
    const strength = ctx(task({ pairwise: { strengthLevels: 4 } }));
    expect(needsSubmit(blank, strength, true)).toBe(true);
    expect(needsSubmit(blank, ctx(task({ mode: 'ranking' }), 3), true)).toBe(true);
  });

  it('tells whether any of the verdict is given, in each kind of task', () => {
    const r = ctx(task({ mode: 'ranking' }), 3);
    expect(verdictStarted(emptyForm(), 'ranking')).toBe(false);
    expect(verdictStarted(rankNext(emptyForm(), r, 1), 'ranking')).toBe(true);
    const g = ctx(task({ mode: 'rating' }), 2);
    expect(verdictStarted(emptyForm(), 'rating')).toBe(false);
    expect(verdictStarted(rate(emptyForm(), g, 4), 'rating')).toBe(true);
    const p = ctx(task({ pairwise: { strengthLevels: 4 } }));
    expect(verdictStarted(setStrength(emptyForm(), p, 2), 'pairwise')).toBe(true);
  });
});

describe('describeVerdict', () => {
  it('says what was saved in the letters the labeller saw', () => {
    const t = task({ pairwise: { strengthLevels: 4 } });
    const pair = { kind: 'pairwise' as const, criteria: {}, pair: [0, 1] as [number, number] };
    expect(describeVerdict({ ...pair, choice: 'B', strength: null }, task())).toBe('B better');
    expect(describeVerdict({ ...pair, choice: 'A', strength: 2 }, t)).toBe('A slightly better');
    expect(describeVerdict({ ...pair, choice: 'A', strength: 3 }, t)).toBe('A better');
    expect(describeVerdict({ ...pair, choice: 'tie', strength: null }, t)).toBe('tie');
    expect(describeVerdict({ ...pair, choice: 'both_bad', strength: null }, t)).toBe('both bad');
    const named = task({ pairwise: { strengthLevels: 2, strengthLabels: ['a bit', 'much'] } });
    expect(describeVerdict({ ...pair, choice: 'B', strength: 2 }, named)).toBe('B much better');
    expect(
      describeVerdict({ kind: 'ranking', tiers: [[2], [0, 3], [1]], noneAcceptable: false }, t),
    ).toBe('C > A = D > B');
    expect(describeVerdict({ kind: 'ranking', tiers: [[1, 0]], noneAcceptable: true }, t)).toBe(
      'B = A, none acceptable',
    );
    expect(
      describeVerdict(
        {
          kind: 'rating',
          ratings: [
            { position: 0, aspects: { overall: 3 }, thumb: null },
            { position: 1, aspects: { overall: 5 }, thumb: null },
          ],
        },
        t,
      ),
    ).toBe('ratings for 2 responses');
    expect(describeVerdict({ kind: 'skip', reason: null }, t)).toBe('skipped');
  });
});
