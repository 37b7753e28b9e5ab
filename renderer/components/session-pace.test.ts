import { describe, expect, it } from 'vitest';
import { PACE_MIN_ACTIVE_MS, PACE_MIN_ITEMS, paceOf } from './session-pace';

const summary = (judged: number, activeMs: number, medianMs: number | null) => ({
  judged,
  skipped: 0,
  activeMs,
  medianMs,
});

describe('the session pace', () => {
  it('is not shown after a few fast clicks', () => {
    // What a burst of automated clicks looked like: "0 s/item, 7591/h".
    expect(paceOf(summary(2, 950, 400))).toBeNull();
    expect(paceOf(summary(20, 9_000, 300))).toBeNull();
    expect(paceOf(summary(PACE_MIN_ITEMS - 1, 600_000, 60_000))).toBeNull();
    expect(paceOf(summary(PACE_MIN_ITEMS, PACE_MIN_ACTIVE_MS - 1, 10_000))).toBeNull();
    expect(paceOf(summary(5, 100_000, null))).toBeNull();
  });

  it('is shown once enough items and time are behind it', () => {
    expect(paceOf(summary(PACE_MIN_ITEMS, PACE_MIN_ACTIVE_MS, 9_600))).toEqual({
      perItem: '10 s/item',
      perHour: 360,
    });
    expect(paceOf(summary(12, 180_000, 14_200))).toEqual({ perItem: '14 s/item', perHour: 240 });
  });

  it('never says 0 s/item', () => {
    expect(paceOf(summary(40, 40_000, 120))?.perItem).toBe('under 1 s/item');
    expect(paceOf(summary(40, 40_000, 499))?.perItem).toBe('under 1 s/item');
    expect(paceOf(summary(40, 40_000, 500))?.perItem).toBe('1 s/item');
  });
});
