import { describe, expect, it } from 'vitest';
import {
  emptyRanking,
  fromTiers,
  move,
  place,
  placeNumbers,
  remove,
  toggleTie,
  toTiers,
  unplaceLast,
} from './ranking-moves';

const ranked = (...steps: Array<number | `=${number}`>) =>
  steps.reduce(
    (r, s) => (typeof s === 'number' ? place(r, s) : place(r, Number(s.slice(1)), true)),
    emptyRanking(),
  );

describe('ranking moves', () => {
  it('places by keys, ties with "=", and reads back as tiers', () => {
    const r = ranked(2, 0, '=3', 1);
    expect(toTiers(r)).toEqual([[2], [0, 3], [1]]);
    expect(placeNumbers(r)).toEqual([1, 2, 2, 4]);
  });

  it('a first placement cannot be tied to nothing', () => {
    expect(ranked('=1').tiedWithPrev).toEqual([false]);
  });

  it('placing a placed response again moves it to the next place', () => {
    expect(toTiers(ranked(0, 1, 2, 0))).toEqual([[1], [2], [0]]);
  });

  it('takes back the last placement', () => {
    expect(toTiers(unplaceLast(ranked(0, '=1', 2)))).toEqual([[0, 1]]);
    expect(unplaceLast(emptyRanking())).toEqual(emptyRanking());
  });

  it('removing the head of a tier keeps the rest of it together', () => {
    const r = ranked(3, 0, '=1', '=2');
    expect(toTiers(remove(r, 1))).toEqual([[3], [1, 2]]);
    expect(toTiers(remove(ranked(0, '=1', 2), 0))).toEqual([[1], [2]]);
  });

  it('moves an entry like a drag does: between places it stands alone, inside a tie it joins', () => {
    const r = ranked(0, 1, '=2', 3);
    expect(toTiers(move(r, 3, 0))).toEqual([[3], [0], [1, 2]]);
    // Dropped between 1 and 2, which are tied: 3 joins their place.
    expect(toTiers(move(r, 3, 2))).toEqual([[0], [1, 3, 2]]);
    // Dragging the head of a tie away leaves the tie's other member in its place.
    expect(toTiers(move(r, 1, 3))).toEqual([[0], [2], [3], [1]]);
    expect(move(r, 1, 1)).toBe(r);
  });

  it('toggles a tie with the entry above, never for the first', () => {
    const r = ranked(0, 1, 2);
    expect(toTiers(toggleTie(r, 2))).toEqual([[0], [1, 2]]);
    expect(toTiers(toggleTie(toggleTie(r, 2), 2))).toEqual([[0], [1], [2]]);
    expect(toggleTie(r, 0)).toBe(r);
  });

  it('round-trips tiers', () => {
    const tiers = [[1], [0, 3], [2]];
    expect(toTiers(fromTiers(tiers))).toEqual(tiers);
    expect(fromTiers(tiers, true).noneAcceptable).toBe(true);
  });
});
