import { describe, expect, it } from 'vitest';
import { seededRng } from '../metrics/random';
import { QueueBuilder, queueEntry } from './queue-pack';

describe('disagreement queue packing', () => {
  it('orders by score, spread, judgments (descending) then seq, keeping one entry per item', () => {
    const rng = seededRng(3);
    const items = 500;
    const q = new QueueBuilder(items);
    // What each item should end up as: its most disputed pair, or a ranking entry set later.
    const want = new Map<
      number,
      { score: number; spread: number; judgments: number; labels: object }
    >();
    const pick = <T>(a: T[]) => a[Math.floor(rng() * a.length)]!;
    for (let item = 0; item < items; item++) {
      for (let unit = 0; unit < 1 + Math.floor(rng() * 3); unit++) {
        const score = pick([1 / 3, 2 / 3, 1, 0.5]);
        const spread = pick([0, 1 / 6, 1 / 3]);
        const judgments = pick([2, 3, 4]);
        const tally = [Math.floor(rng() * 3), 1, 0, Math.floor(rng() * 2)];
        q.offer(item, score, spread, judgments, 0, 1, tally);
        const prev = want.get(item);
        if (!prev || score > prev.score || (score === prev.score && spread > prev.spread)) {
          const labels: Record<string, number> = {};
          if (tally[0]) labels['Response 1'] = tally[0];
          labels['Response 2'] = 1;
          if (tally[3]) labels['both_bad'] = tally[3];
          want.set(item, { score, spread, judgments, labels });
        }
      }
    }
    // Rankings come after the pairwise units, in no particular item order, and replace them.
    for (const item of [400, 7, 250]) {
      q.set(item, 0.9, 0, 3, { 'Response 2 first': 2, 'Response 1 first': 1 });
      want.set(item, {
        score: 0.9,
        spread: 0,
        judgments: 3,
        labels: { 'Response 2 first': 2, 'Response 1 first': 1 },
      });
    }
    const packed = q.pack((item) => 1000 + item);
    const got = Array.from(packed.seq, (_, i) => queueEntry(packed, i, `i${packed.seq[i]}`));
    const expected = [...want.entries()]
      .map(([item, e]) => ({ itemId: `i${1000 + item}`, seq: 1000 + item, ...e }))
      .sort(
        (a, b) =>
          b.score - a.score || b.spread - a.spread || b.judgments - a.judgments || a.seq - b.seq,
      );
    expect(got).toEqual(expected);
  });
});
