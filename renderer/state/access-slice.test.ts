// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { actionById } from '../keyboard/actions';
import type { KeptDraft } from '../model/access';
import { labellingBackend, until } from '../test-support/labelling-backend';
import { fakeClient } from '../test-support/fake-client';
import { keptDrafts, keptDraftsKey } from './kept-drafts';
import { createAppStore } from './store';
import { VIEWS } from './views';

beforeEach(() => localStorage.clear());

const project = {
  path: '/p',
  name: 'p',
  projectId: 'P',
  schemaVersion: 11,
  showModelNames: false,
  counts: { items: 3, responses: 6, judgments: 0, labellers: 1 },
};

describe('roles in the page', () => {
  it('a labeller reaches only the views the access table lets them use, by any way', () => {
    const f = labellingBackend();
    f.store.setState({ access: { role: 'labeller', warnings: [] } });
    const s = () => f.store.getState();
    for (const view of [
      'import',
      'backups',
      'review',
      'leaderboard',
      'team',
      'settings',
    ] as const) {
      s().setView(view);
      expect(s().view).toBe('label');
    }
    s().setView('items');
    expect(s().view).toBe('items');
    // The keys: export, settings are off for a labeller (and out of the shortcuts list).
    expect(actionById('export').enabled(s())).toBe(false);
    expect(actionById('export').applies?.(s())).toBe(false);
    expect(actionById('settings').enabled(s())).toBe(false);
    // A key that would open a view runs setView, which refuses.
    s().setView('label');
    actionById('settings').run(s());
    expect(s().view).toBe('label');
  });

  it('a reviewer adds review, leaderboard and the team screen; a lead has every view', () => {
    const f = labellingBackend();
    const s = () => f.store.getState();
    f.store.setState({ access: { role: 'reviewer', warnings: [] } });
    for (const view of ['review', 'leaderboard', 'team'] as const) {
      s().setView(view);
      expect(s().view).toBe(view);
    }
    s().setView('import');
    expect(s().view).toBe('team');
    f.store.setState({ access: { role: 'lead', warnings: [] } });
    for (const { id } of VIEWS) {
      s().setView(id);
      expect(s().view).toBe(id);
    }
    expect(actionById('export').enabled(s())).toBe(true);
  });

  it('outside a team host (no access) every view and the export are there, as before', () => {
    const f = labellingBackend();
    const s = () => f.store.getState();
    expect(s().access).toBeNull();
    for (const { id } of VIEWS) {
      s().setView(id);
      expect(s().view).toBe(id);
    }
    expect(actionById('export').enabled(s())).toBe(true);
  });

  it('the role comes from session.get', async () => {
    const { client } = fakeClient({
      'session.get': () => ({
        labeller: { id: 'L', name: 'Ada' },
        host: 'browser',
        access: { role: 'lead', warnings: ['no TLS'] },
      }),
      'project.info': () => project,
      'recovery.status': () => ({ state: 'open', path: '/p', readOnly: null }),
      'settings.get': () => {
        throw new ApiError('INTERNAL', 'not needed here');
      },
    });
    const store = createAppStore(client);
    await store.getState().loadSession();
    expect(store.getState().access).toEqual({ role: 'lead', warnings: ['no TLS'] });
  });
});

describe('access ended', () => {
  it('the access.revoked event shows the notice and keeps the half-made judgment in local storage', async () => {
    const f = labellingBackend({ flags: ['pii'] });
    await f.store.getState().loadFirstItem();
    f.store.setState({
      access: { role: 'labeller', warnings: [] },
      prefs: { ...f.store.getState().prefs, autoSubmit: false },
    });
    f.store.getState().chooseSide('B');
    f.store.getState().toggleFlag('pii');
    f.store.getState().setRationale('half a thought');
    f.emit('access.revoked', { labellerId: 'L' });
    const ended = f.store.getState().accessEnded;
    expect(ended).toMatchObject({ why: 'revoked', kept: { itemId: 'i1', labellerId: 'L' } });
    const stored = keptDrafts('P', 'L');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.draft).toMatchObject({
      displayedOrder: [1, 0],
      pairwise: { choice: 'B' },
      flags: ['pii'],
      rationale: 'half a thought',
    });
    // No draft save runs after it (the host would refuse it).
    const before = f.calls.length;
    await new Promise((r) => setTimeout(r, 700));
    expect(f.calls.slice(before).map(([m]) => m)).not.toContain('drafts.save');
  });

  it('an event about someone else changes nothing', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    f.emit('access.revoked', { labellerId: 'someone-else' });
    expect(f.store.getState().accessEnded).toBeNull();
  });

  it('a submission refused ACCESS_REVOKED keeps the judgment as made, as a draft', async () => {
    const f = labellingBackend({ flags: ['pii'] });
    await f.store.getState().loadFirstItem();
    f.store.setState({ access: { role: 'labeller', warnings: [] } });
    f.fail.next = 'Your access to this project was revoked, Ada.';
    f.fail.code = 'ACCESS_REVOKED';
    f.store.getState().toggleFlag('pii');
    f.store.getState().chooseSide('A');
    await f.store.getState().submit();
    await until(() => f.store.getState().accessEnded !== null);
    expect(f.store.getState().accessEnded).toMatchObject({
      why: 'revoked',
      message: 'Your access to this project was revoked, Ada.',
    });
    expect(keptDrafts('P', 'L')[0]).toMatchObject({
      itemId: 'i1',
      draft: { pairwise: { choice: 'A' }, flags: ['pii'] },
    });
    expect(f.submitted).toEqual([]);
  });

  it('FORBIDDEN is one call the role does not allow, not the end of access', async () => {
    const f = labellingBackend();
    await f.store.getState().loadFirstItem();
    f.store.setState({ access: { role: 'labeller', warnings: [] } });
    f.fail.next = 'not for labellers';
    f.fail.code = 'FORBIDDEN';
    f.store.getState().chooseSide('A');
    await f.store.getState().submit();
    await new Promise((r) => setTimeout(r, 10));
    expect(f.store.getState().accessEnded).toBeNull();
  });

  it('UNAUTHORIZED ends access on a team host only (elsewhere it is a wrong token, an error like others)', async () => {
    for (const team of [false, true]) {
      const f = labellingBackend();
      await f.store.getState().loadFirstItem();
      if (team) f.store.setState({ access: { role: 'labeller', warnings: [] } });
      f.fail.next = 'unknown link';
      f.fail.code = 'UNAUTHORIZED';
      f.store.getState().chooseSide('A');
      await f.store.getState().submit();
      await new Promise((r) => setTimeout(r, 10));
      expect(f.store.getState().accessEnded?.why ?? null).toBe(team ? 'unknown' : null);
    }
  });

  it('a kept draft is sent back when access returns, before the first item, and then forgotten', async () => {
    const kept: KeptDraft = {
      projectId: 'P',
      labellerId: 'L',
      labellerName: 'Ada',
      itemId: 'i1',
      at: 5,
      draft: {
        displayedOrder: [1, 0],
        pairwise: { choice: 'B', strength: null, criteria: {} },
        ranking: null,
        rating: null,
        rationale: 'kept',
        flags: [],
        timeMs: 1200,
      },
    };
    localStorage.setItem(keptDraftsKey('P'), JSON.stringify([kept]));
    const f = labellingBackend();
    f.store.setState({ sessionStatus: 'loading', labeller: null, project: null });
    await f.store.getState().loadSession();
    const store = f.store;
    expect(f.drafts.get('i1')).toMatchObject({ rationale: 'kept', pairwise: { choice: 'B' } });
    expect(store.getState().form.rationale).toBe('kept');
    expect(localStorage.getItem(keptDraftsKey('P'))).toBeNull();
    const order = f.calls.map(([m]) => m);
    expect(order.indexOf('drafts.save')).toBeLessThan(order.indexOf('items.next'));
  });

  it('a newer draft on the host wins over the kept one', async () => {
    const f = labellingBackend();
    f.drafts.set('i1', {
      displayedOrder: [1, 0],
      pairwise: null,
      ranking: null,
      rating: null,
      rationale: 'newer, from another page',
      flags: [],
      timeMs: 0,
    });
    // The fake host's drafts carry updatedAt 1; a draft kept at 0 is older.
    const kept: KeptDraft = {
      projectId: 'P',
      labellerId: 'L',
      labellerName: 'Ada',
      itemId: 'i1',
      at: 0,
      draft: { ...f.drafts.get('i1')!, rationale: 'older' },
    };
    localStorage.setItem(keptDraftsKey('P'), JSON.stringify([kept]));
    await f.store.getState().restoreKeptDrafts();
    expect(f.drafts.get('i1')!.rationale).toBe('newer, from another page');
    expect(keptDrafts('P', 'L')).toEqual([]);
  });
});
