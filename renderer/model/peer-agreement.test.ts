import { describe, expect, it } from 'vitest';
import { peerAgreement } from './peer-agreement';

const pairs = {
  // Ada, Bo, Cy: Ada–Bo share 10 items at 80%, Ada–Cy 30 at 40%; Cy's κ with Ada cannot be computed.
  percent: [
    [null, 0.8, 0.4],
    [0.8, null, null],
    [0.4, null, null],
  ],
  cohenKappa: [
    [null, 0.6, null],
    [0.6, null, null],
    [null, null, null],
  ],
  weightedLinear: [],
  weightedQuadratic: [],
  shared: [
    [50, 10, 30],
    [10, 20, 0],
    [30, 0, 30],
  ],
};

describe('peerAgreement', () => {
  it('pools the others’ agreement weighted by shared items, leaving the labeller out', () => {
    const ada = peerAgreement(pairs, 0);
    expect(ada.items).toBe(40);
    expect(ada.agreement).toBeCloseTo((0.8 * 10 + 0.4 * 30) / 40, 12);
    // Only Bo's κ exists.
    expect(ada.kappa).toBeCloseTo(0.6, 12);
  });

  it('is null, not 0, when nothing is shared or nothing computes', () => {
    expect(peerAgreement(pairs, 2)).toEqual({ items: 30, agreement: 0.4, kappa: null });
    expect(peerAgreement({ ...pairs, shared: [[5], [0]] }, 1)).toEqual({
      items: 0,
      agreement: null,
      kappa: null,
    });
  });
});
