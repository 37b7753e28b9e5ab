import { describe, expect, it } from 'vitest';
import type { StoredVerdict } from '../shared/domain/judgment';
import { decodeVerdict, encodeVerdict, verdictColumns } from './verdict-columns';

/** Store a verdict the way both verdict tables do, and read the columns back as SQLite would. */
function roundTrip(v: StoredVerdict | { kind: 'retract' }) {
  const [kind, outcome, chosen, rejected, strength, payload, criteria] = verdictColumns({
    kind: v.kind,
    ...encodeVerdict(v),
    flags: [],
    rationale: null,
    displayedOrder: [0, 1],
    timeMs: 1,
    guidelineVersion: 1,
    taskVersion: 1,
    createdAt: 1,
  });
  return decodeVerdict({
    kind: kind as StoredVerdict['kind'],
    outcome,
    chosen_idx: chosen,
    rejected_idx: rejected,
    strength,
    payload_json: payload,
    criteria_json: criteria,
  });
}

describe('one encoding of a verdict in columns', () => {
  it.each<StoredVerdict>([
    {
      kind: 'pairwise',
      outcome: 'preferred',
      chosenIdx: 1,
      rejectedIdx: 0,
      strength: 3,
      criteria: { honesty: 1, harmlessness: 'tie' },
    },
    {
      kind: 'pairwise',
      outcome: 'both_bad',
      chosenIdx: 0,
      rejectedIdx: 1,
      strength: null,
      criteria: {},
    },
    { kind: 'ranking', tiers: [[2], [0, 1]], noneAcceptable: false },
    { kind: 'rating', ratings: [{ idx: 0, aspects: { correct: 4 }, thumb: 'up' }] },
    { kind: 'skip', reason: 'unclear' },
  ] as StoredVerdict[])('reads back a $kind verdict exactly', (v) => {
    expect(roundTrip(v)).toEqual(v);
  });

  it('stores a retraction as no verdict', () => {
    expect(encodeVerdict({ kind: 'retract' })).toEqual({
      outcome: null,
      chosenIdx: null,
      rejectedIdx: null,
      strength: null,
      payload: null,
      criteria: null,
    });
    expect(roundTrip({ kind: 'retract' })).toBeNull();
  });
});
