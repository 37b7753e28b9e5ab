import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/api/contract';
import type { Backend } from '../backend';
import type { Project } from '../open';
import { call } from '../test-support/populated';
import { tempDir } from '../test-support/temp-project';
import { next, submit, teamBackendOn, teamProject } from '../test-support/team-host';
import type { Presence } from './presence';

describe('the live dashboard', () => {
  let t: ReturnType<typeof tempDir>;
  let project: Project;
  let backend: Backend;
  let presence: Presence;
  let ids: string[];
  beforeEach(async () => {
    t = tempDir();
    const made = await teamProject(t.dir, 8, ['Ada', 'Bo', 'Cy']);
    project = made.project;
    ids = made.labellers.map((l) => l.id);
    ({ backend, presence } = teamBackendOn(project, {
      dashboard: { publishMs: 300, agreementMs: 200 },
    }));
  });
  afterEach(async () => {
    await backend.close();
    t.cleanup();
  });

  function collect(): Dashboard[] {
    const seen: Dashboard[] = [];
    backend.events.subscribe((name, payload) => {
      if (name === 'dashboard.changed') seen.push(payload as Dashboard);
    });
    return seen;
  }
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('is announced, throttled, while a reviewer or lead watches, and says who did what', async () => {
    const seen = collect();
    const [ada, bo] = ids as [string, string];
    // Nobody who may see it is connected: nothing is computed or sent.
    await submit(backend, ada, (await next(backend, ada))!.id);
    await wait(400);
    expect(seen).toEqual([]);
    const leave = presence.connect(bo, 'reviewer');
    const labellerPage = presence.connect(ada, 'labeller');
    for (let i = 0; i < 4; i++) await submit(backend, ada, (await next(backend, ada))!.id);
    await submit(backend, bo, (await next(backend, bo))!.id);
    await wait(700);
    // Five judgments, at most one announcement per 300 ms (plus the connection's).
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.length).toBeLessThanOrEqual(4);
    const last = seen[seen.length - 1]!;
    const person = (id: string) => last.people.find((p) => p.id === id)!;
    expect(person(ada)).toMatchObject({
      connected: true,
      judgedToday: 5,
      judgedTotal: 5,
      secondsPerItem: 1,
    });
    expect(person(bo)).toMatchObject({ connected: true, judgedToday: 1 });
    expect(last.queue).toMatchObject({
      mode: 'overlap',
      overlap: 1,
      items: 8,
      complete: 6,
      judgmentsLeft: 2,
    });
    expect(last.team).toBe(true);
    labellerPage();
    leave();
  });

  it('carries the agreement so far, computed in the background, not per judgment', async () => {
    await call(backend, 'leases.setOverlap', { overlap: 2 });
    const seen = collect();
    const leave = presence.connect(ids[2]!, 'lead');
    const [ada, bo] = ids as [string, string];
    for (let i = 0; i < 3; i++) {
      const item = (await next(backend, ada))!.id;
      await submit(backend, ada, item);
      expect((await next(backend, bo))!.id).toBe(item);
      await submit(backend, bo, item);
    }
    for (let i = 0; i < 30 && !seen.some((d) => d.agreement?.sharedItems === 3); i++)
      await wait(100);
    const withAgreement = seen.filter((d) => d.agreement !== null);
    expect(withAgreement.at(-1)!.agreement).toMatchObject({ judgments: 6, sharedItems: 3 });
    expect((await call(backend, 'dashboard.get', {})) as Dashboard).toMatchObject({
      agreement: { sharedItems: 3 },
    });
    leave();
  });
});
