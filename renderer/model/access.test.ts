import { describe, expect, it } from 'vitest';
import { METHOD_ACCESS } from '../../shared/api/access';
import type { MethodName } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { accessEndOf, describeDraft, mayCall, shouldRestore, type KeptDraft } from './access';

describe('access model', () => {
  it('mayCall follows the access table, and allows everything outside a team host', () => {
    const all = Object.keys(METHOD_ACCESS) as MethodName[];
    expect(all.every((m) => mayCall(null, m))).toBe(true);
    expect(all.every((m) => mayCall('lead', m))).toBe(true);
    expect(mayCall('labeller', 'items.next')).toBe(true);
    expect(mayCall('labeller', 'exports.start')).toBe(false);
    expect(mayCall('reviewer', 'reviews.queue')).toBe(true);
    expect(mayCall('reviewer', 'access.invite')).toBe(false);
  });

  it('only ACCESS_REVOKED, or UNAUTHORIZED on a team host, ends access', () => {
    expect(accessEndOf(new ApiError('ACCESS_REVOKED', 'gone'), false)).toEqual({
      why: 'revoked',
      message: 'gone',
    });
    expect(accessEndOf(new ApiError('UNAUTHORIZED', 'who?'), true)?.why).toBe('unknown');
    expect(accessEndOf(new ApiError('UNAUTHORIZED', 'who?'), false)).toBeNull();
    expect(accessEndOf(new ApiError('FORBIDDEN', 'no'), true)).toBeNull();
    expect(accessEndOf(new Error('network'), true)).toBeNull();
  });

  it('describes a kept draft in words', () => {
    const base = {
      displayedOrder: [0, 1],
      pairwise: null,
      ranking: null,
      rating: null,
      rationale: '',
      flags: [],
      timeMs: 0,
    };
    expect(describeDraft(base)).toBe('nothing entered yet');
    expect(
      describeDraft({
        ...base,
        pairwise: { choice: 'B', strength: 2, criteria: {} },
        flags: ['pii'],
        rationale: ' B cites it ',
      }),
    ).toBe('B is better · pii · rationale: “B cites it”');
    expect(
      describeDraft({
        ...base,
        ranking: { order: [1, 0], tiedWithPrev: [false, false], noneAcceptable: false },
      }),
    ).toBe('ranked B A');
  });

  it('restores a kept draft unless the host holds a newer one', () => {
    const kept = { at: 100 } as KeptDraft;
    expect(shouldRestore(kept, null)).toBe(true);
    expect(shouldRestore(kept, { updatedAt: 50 })).toBe(true);
    expect(shouldRestore(kept, { updatedAt: 150 })).toBe(false);
  });
});
