import { describe, expect, it } from 'vitest';
import type { AuditEntry, Dashboard, Person } from '../../../shared/api/contract';
import { fakeClient } from '../../test-support/fake-client';
import { createAppStore } from '../store';

function dashboard(at: number, judgedTotal: number): Dashboard {
  return {
    at,
    team: true,
    queue: {
      mode: 'overlap',
      overlap: 2,
      items: 10,
      complete: 0,
      judgmentsLeft: 20 - judgedTotal,
      held: 1,
    },
    people: [
      {
        id: 'A',
        name: 'Ada',
        role: 'labeller',
        revoked: false,
        connected: true,
        lastSeenAt: at,
        judgedToday: judgedTotal,
        judgedTotal,
        secondsPerItem: judgedTotal ? 12 : null,
        holding: 1,
        queueLeft: null,
      },
    ],
    agreement: null,
    offline: { packages: [], merges: [] },
  };
}

const entry = (seq: number): AuditEntry => ({
  seq,
  at: 1000 + seq,
  actor: { id: 'L', name: 'Lea' },
  via: 'host',
  action: 'invite',
  target: `person ${seq}`,
  detail: { role: 'labeller' },
});

describe('team host: dashboard', () => {
  it('is read once, then kept by dashboard.changed (no polling); an older answer never replaces a newer one', async () => {
    const { client, emit, inputsOf } = fakeClient({ 'dashboard.get': () => dashboard(10, 0) });
    const store = createAppStore(client);
    await store.getState().loadDashboard();
    expect(store.getState().dashboard?.people[0]!.judgedTotal).toBe(0);
    emit('dashboard.changed', dashboard(20, 3));
    expect(store.getState().dashboard?.people[0]!.judgedTotal).toBe(3);
    emit('dashboard.changed', dashboard(15, 1));
    expect(store.getState().dashboard?.people[0]!.judgedTotal).toBe(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(inputsOf('dashboard.get')).toHaveLength(1);
  });
});

describe('team host: people, invitations, audit', () => {
  it('an invitation shows its link once and the people again; revoking them drops the link', async () => {
    let people: Person[] = [];
    const { client } = fakeClient({
      'access.list': () => ({ people }),
      'access.invite': ({ name, role }) => {
        people = [...people, { labeller: { id: 'B', name }, role, invitedAt: 1, revokedAt: null }];
        return { labeller: { id: 'B', name }, role, token: 't0k', url: '/?token=t0k' };
      },
      'access.revoke': ({ labellerId }) => {
        people = people.map((p) => (p.labeller.id === labellerId ? { ...p, revokedAt: 2 } : p));
        return { labeller: { id: 'B', name: 'Bo' }, revoked: true };
      },
    });
    const store = createAppStore(client);
    await store.getState().invite('Bo', 'reviewer');
    expect(store.getState().invitation).toMatchObject({ url: '/?token=t0k', role: 'reviewer' });
    expect(store.getState().people).toEqual([expect.objectContaining({ role: 'reviewer' })]);
    await store.getState().revoke('B');
    expect(store.getState().invitation).toBeNull();
    expect(store.getState().people![0]!.revokedAt).toBe(2);
  });

  it('access.changed reloads the people shown; audit.appended adds an entry once, on top', async () => {
    let listed = 0;
    const { client, emit } = fakeClient({
      'access.list': () => {
        listed++;
        return { people: [] };
      },
      'audit.list': () => ({ entries: [entry(2), entry(1)], more: false }),
    });
    const store = createAppStore(client);
    emit('access.changed', { what: 'people' });
    expect(listed).toBe(0); // Not loaded on this page: nothing to keep fresh.
    await store.getState().loadPeople();
    emit('access.changed', { what: 'people' });
    await new Promise((r) => setTimeout(r, 0));
    expect(listed).toBe(2);
    await store.getState().loadAudit();
    emit('audit.appended', entry(3));
    emit('audit.appended', entry(3));
    expect(store.getState().audit!.entries.map((e) => e.seq)).toEqual([3, 2, 1]);
  });

  it('older audit pages are added after the ones shown', async () => {
    const { client, inputsOf } = fakeClient({
      'audit.list': ({ before }) =>
        before === undefined
          ? { entries: [entry(5), entry(4)], more: true }
          : { entries: [entry(3)], more: false },
    });
    const store = createAppStore(client);
    await store.getState().loadAudit();
    await store.getState().loadMoreAudit();
    expect(store.getState().audit).toEqual({
      entries: [entry(5), entry(4), entry(3)],
      more: false,
    });
    expect(inputsOf('audit.list')[1]).toMatchObject({ before: 4 });
  });
});
