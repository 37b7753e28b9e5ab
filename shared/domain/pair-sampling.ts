import { seededRandom } from './display-order';
import type { TaskSettings } from './task';

export type PairSampling = TaskSettings['pairwise']['pairSampling'];

/**
 * Which two displayed responses a pairwise judgment compares when an item has more than two.
 *
 * Returned as display positions in ascending order, so the response shown first is always A:
 * the left/right randomisation of `displayOrder` carries over to the pair.
 * - `first-two`: the item's first two responses in source order (datasets that put the
 *   candidates first and extras after them).
 * - `random-pair`: a pair drawn uniformly, seeded by labeller and item like the display order,
 *   so a labeller who comes back sees the same pair and two labellers usually see different
 *   pairs (which is what a ranking-from-pairs dataset wants).
 */
export function samplePair(
  rule: PairSampling,
  labellerId: string,
  itemId: string,
  displayed: readonly number[],
): [number, number] {
  const n = displayed.length;
  if (n < 2) throw new Error('a pair needs at least two responses');
  if (n === 2) return [0, 1];
  let a: number;
  let b: number;
  if (rule === 'first-two') {
    a = displayed.indexOf(0);
    b = displayed.indexOf(1);
  } else {
    const next = seededRandom(`${labellerId}\u0000${itemId}\u0000pair`);
    a = Math.floor(next() * n);
    b = Math.floor(next() * (n - 1));
    if (b >= a) b++;
  }
  return a < b ? [a, b] : [b, a];
}
