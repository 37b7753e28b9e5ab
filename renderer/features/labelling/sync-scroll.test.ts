import { describe, expect, it } from 'vitest';
import { followScroll } from './sync-scroll';

describe('followScroll', () => {
  it('keeps the same fraction of the way down', () => {
    expect(
      followScroll(
        { scrollTop: 250, scrollHeight: 1500, clientHeight: 500 },
        { scrollHeight: 3500, clientHeight: 500 },
      ),
    ).toBe(750);
  });
  it('stays at the top when either side cannot scroll', () => {
    expect(
      followScroll(
        { scrollTop: 0, scrollHeight: 400, clientHeight: 500 },
        { scrollHeight: 900, clientHeight: 500 },
      ),
    ).toBe(0);
    expect(
      followScroll(
        { scrollTop: 90, scrollHeight: 900, clientHeight: 500 },
        { scrollHeight: 400, clientHeight: 500 },
      ),
    ).toBe(0);
  });
});
