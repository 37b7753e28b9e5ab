import { describe, expect, it } from 'vitest';
import type { RecoveryStatus } from '../../shared/api/contract';
import { fakeClient } from '../test-support/fake-client';
import { createAppStore } from './store';

/**
 * The backend's `recovery.changed` (the check after opening found the file damaged) takes an
 * open page to the recovery screen: App shows RecoveryScreen while the session is in error,
 * and the screen reads the problem's choices from `recovery`.
 */
describe('shell slice: the project found damaged while open', () => {
  it('switches the session to the recovery screen with the problem and its choices', () => {
    const { client, emit } = fakeClient();
    const store = createAppStore(client);
    store.setState({ sessionStatus: 'ready', labeller: { id: 'L', name: 'Ada' } });
    const status: RecoveryStatus = {
      state: 'failed',
      problem: {
        kind: 'corrupt',
        code: 'PROJECT_CORRUPT',
        message: '/p.rankwise is damaged: …',
        path: '/p.rankwise',
        choices: ['restore-backup', 'salvage', 'open-read-only'],
      },
    };
    emit('recovery.changed', status);
    expect(store.getState().sessionStatus).toBe('error');
    expect(store.getState().sessionError).toBe('/p.rankwise is damaged: …');
    expect(store.getState().recovery).toEqual(status);
  });

  it('a page loading after the report shows the recovery screen, though reads still answer', async () => {
    const status: RecoveryStatus = {
      state: 'failed',
      problem: {
        kind: 'corrupt',
        code: 'PROJECT_CORRUPT',
        message: 'damaged',
        path: '/p.rankwise',
        choices: ['salvage', 'open-read-only'],
      },
    };
    const { client, calls } = fakeClient({
      'session.get': () => ({ labeller: { id: 'L', name: 'Ada' }, host: 'browser' }),
      'project.info': () => ({
        path: '/p.rankwise',
        name: 'p',
        projectId: 'P',
        schemaVersion: 8,
        showModelNames: false,
        counts: { items: 1, responses: 2, judgments: 0, labellers: 1 },
      }),
      'recovery.status': () => status,
    });
    const store = createAppStore(client);
    await store.getState().loadSession();
    expect(store.getState().sessionStatus).toBe('error');
    expect(store.getState().recovery).toEqual(status);
    expect(calls.map(([method]) => method)).not.toContain('items.next');
  });
});

describe('shell slice: menu commands', () => {
  it('opens a view by its id, and says so when this version has no such view', () => {
    const { client, emit } = fakeClient();
    const store = createAppStore(client);
    emit('app.command', { command: 'show-view', view: 'backups' });
    expect(store.getState().view).toBe('backups');
    emit('app.command', { command: 'show-view', view: 'reports' });
    expect(store.getState().view).toBe('backups');
    expect(store.getState().shellNotice).toBe('There is no “reports” screen in this version.');
  });
});
