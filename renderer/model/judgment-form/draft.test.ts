import { describe, expect, it } from 'vitest';
import { draftFromForm, formFromDraft } from './draft';
import { emptyForm, type JudgmentForm } from './judgment-form';
import { fromTiers } from './ranking-moves';

describe('drafts', () => {
  it('round-trips a half-made judgment', () => {
    const form: JudgmentForm = {
      ...emptyForm(),
      pairwise: { choice: 'A', strength: null, criteria: { honest: 'tie' } },
      ranking: fromTiers([[2], [0]]),
      rationale: 'A cites a source',
      flags: ['pii'],
    };
    const draft = draftFromForm(form, [2, 0, 1], 1234.6);
    expect(draft).toMatchObject({ displayedOrder: [2, 0, 1], rating: null, timeMs: 1235 });
    expect(formFromDraft(draft, [2, 0, 1])).toEqual({ ...form, cursor: 0, tieNext: false });
  });

  it('ignores a draft made on another display order or holding nothing', () => {
    const draft = draftFromForm({ ...emptyForm(), rationale: 'x' }, [0, 1], 0);
    expect(formFromDraft(draft, [1, 0])).toBeNull();
    expect(formFromDraft(draftFromForm(emptyForm(), [0, 1], 10), [0, 1])).toBeNull();
  });
});
