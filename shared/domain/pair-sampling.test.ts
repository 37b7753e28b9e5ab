import { describe, expect, it } from 'vitest';
import { displayOrder } from './display-order';
import { samplePair } from './pair-sampling';

describe('samplePair', () => {
  it('two responses: the pair is both, A first', () => {
    expect(samplePair('random-pair', 'L', 'i', [1, 0])).toEqual([0, 1]);
  });

  it('first-two: the first two responses in source order, wherever they are shown', () => {
    // Shown as 2, 0, 3, 1: responses 0 and 1 sit at positions 1 and 3.
    expect(samplePair('first-two', 'L', 'i', [2, 0, 3, 1])).toEqual([1, 3]);
    expect(samplePair('first-two', 'L', 'i', [1, 3, 2, 0])).toEqual([0, 3]);
  });

  it('random-pair: stable for a labeller and item, two distinct positions, all pairs reachable', () => {
    const order = displayOrder('L', 'item-7', 4);
    const pair = samplePair('random-pair', 'L', 'item-7', order);
    expect(samplePair('random-pair', 'L', 'item-7', order)).toEqual(pair);
    expect(pair[0]).toBeLessThan(pair[1]);
    const seen = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const [a, b] = samplePair('random-pair', `labeller-${i}`, 'item', [0, 1, 2, 3]);
      seen.set(`${a}${b}`, (seen.get(`${a}${b}`) ?? 0) + 1);
    }
    // Six pairs of four, each drawn about a sixth of the time.
    expect([...seen.keys()].sort()).toEqual(['01', '02', '03', '12', '13', '23']);
    for (const n of seen.values()) expect(n).toBeGreaterThan(800);
  });
});
