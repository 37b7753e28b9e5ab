import { describe, expect, it } from 'vitest';
import { activity, pause, readClock, startClock } from './active-time';

describe('active time', () => {
  it('counts gaps between inputs, each at most the idle limit', () => {
    let c = startClock(0, 0, 60_000);
    c = activity(c, 10_000); // 10 s reading
    c = activity(c, 40_000); // 30 s more
    expect(readClock(c, 40_000)).toBe(40_000);
    // Ten minutes away: only the first minute counts.
    c = activity(c, 640_000);
    expect(readClock(c, 640_000)).toBe(100_000);
    // Reading now, no input yet: counts up to the limit, then stops.
    expect(readClock(c, 650_000)).toBe(110_000);
    expect(readClock(c, 10_000_000)).toBe(160_000);
  });

  it('stops at once when the window is hidden and carries a draft’s time', () => {
    let c = startClock(0, 5_000);
    c = pause(c, 2_000);
    expect(readClock(c, 500_000)).toBe(7_000);
    c = activity(c, 500_000); // back: the clock restarts from here
    expect(readClock(c, 503_000)).toBe(10_000);
  });
});
