import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodName, MethodOutput, Role } from '../../../shared/api/contract';
import type { ApiErrorShape } from '../../../shared/api/errors';
import { memoryIdentityStore } from '../../../db/identity-file';
import { openProject } from '../../../db/open';
import { ProjectHost } from '../../../db/project-host';
import { commandLineActor } from '../../../db/team-host/audit';
import { TeamGate, type GateOptions } from '../../../db/team-host/gate';
import { invitePerson } from '../../../db/team-host/people';
import { Presence } from '../../../db/team-host/presence';
import { populatedProject } from '../../../db/test-support/populated';
import { startHttpHost, type HttpHost, type HttpHostOptions } from '../http-host';
import type { LimiterOptions } from '../team-http';

/**
 * A call's JSON answer, loosely typed for tests: `value` when ok, `error` otherwise (tests
 * read whichever they expect and fail on the other being undefined).
 */
export interface Answer<T> {
  ok: boolean;
  value: T;
  error: ApiErrorShape;
}

export interface TeamHostHarness {
  path: string;
  host: HttpHost;
  project: ProjectHost;
  gate: TeamGate;
  /** Each invited person's token and id, by role; `host` is the lead session the URL carries. */
  people: Record<Role, { token: string; id: string; name: string }>;
  hostLead: { token: string; id: string };
  /** POST /api/<method> with a bearer token (inputs unchecked: tests send wrong ones on purpose). */
  call<M extends MethodName>(
    token: string,
    method: M,
    input?: unknown,
  ): Promise<{ status: number; body: Answer<MethodOutput<M>> }>;
  close(): Promise<void>;
}

/**
 * A real team host on a real project file, in this process: a labeller, a reviewer and a lead
 * invited (as `rankwise invite` does), the host's own lead session, and the HTTP host with
 * the gate in front. A renderer folder with an index.html stands in for the built UI.
 */
export async function startTeamHost(
  dir: string,
  options: {
    items?: number;
    gate?: Partial<GateOptions>;
    limiter?: LimiterOptions;
    tls?: HttpHostOptions['tls'];
    leaseMs?: number;
  } = {},
): Promise<TeamHostHarness> {
  const { path } = await populatedProject(dir, { items: options.items ?? 12, judged: 0 });
  const db = openProject(path);
  const people = {} as TeamHostHarness['people'];
  for (const [role, name] of [
    ['labeller', 'Lab'],
    ['reviewer', 'Rev'],
    ['lead', 'Lea'],
  ] as const) {
    const { invitation } = invitePerson(db.db, { name, role }, commandLineActor());
    people[role] = { token: invitation.token, id: invitation.labeller.id, name };
  }
  db.close();
  const presence = new Presence();
  const project = new ProjectHost({
    path,
    host: 'browser',
    identity: memoryIdentityStore(),
    labeller: { name: 'Host' },
    team: { presence, leaseMs: options.leaseMs ?? 600_000 },
  });
  const token = randomBytes(32).toString('base64url');
  const sessionLabeller = () =>
    (project.handlers['session.get']({}) as { labeller: { id: string; name: string } }).labeller;
  const gate = new TeamGate(project, {
    lead: { token, labeller: sessionLabeller, name: 'Host' },
    warnings: [],
    presence,
    ...options.gate,
  });
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>team</title>');
  const host = await startHttpHost({
    backend: project,
    rendererDir,
    token,
    team: { gate, limiter: options.limiter },
    tls: options.tls,
  });
  return {
    path,
    host,
    project,
    gate,
    people,
    hostLead: { token, id: sessionLabeller().id },
    async call<M extends MethodName>(t: string, method: M, input: unknown = {}) {
      const res = await fetch(`${host.url}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const text = await res.text();
      let body: Answer<MethodOutput<M>>;
      try {
        body = JSON.parse(text) as Answer<MethodOutput<M>>;
      } catch {
        // A plain-text refusal: said as an error, so tests read it the same way.
        body = { ok: false, error: { code: 'INTERNAL', message: text } } as Answer<MethodOutput<M>>;
      }
      return { status: res.status, body };
    },
    async close() {
      gate.close();
      await host.close();
      await project.close();
    },
  };
}

/** An event stream as a page holds it: frames collected, and whether the host closed it. */
export function openEvents(
  url: string,
  headers: Record<string, string>,
): { events: Array<{ name: string; payload: unknown }>; ended: Promise<void>; close(): void } {
  const events: Array<{ name: string; payload: unknown }> = [];
  const controller = new AbortController();
  const ended = (async () => {
    const res = await fetch(`${url}/api/events`, { headers, signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (name && data) events.push({ name, payload: JSON.parse(data) });
      }
    }
  })().catch((e: unknown) => {
    if ((e as Error).name !== 'AbortError') throw e;
  });
  return { events, ended, close: () => controller.abort() };
}
