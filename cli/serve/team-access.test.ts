import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_ACCESS, roleAllows } from '../../shared/api/access';
import { methodNames, ROLES, type MethodName, type Role } from '../../shared/api/contract';
import { tempDir } from '../../db/test-support/temp-project';
import { REPO } from '../test-support/full-disk';
import { main } from '../main';
import type { Io } from '../io';
import { startChatServer } from '../../db/test-support/chat-server';
import { openEvents, startTeamHost, type TeamHostHarness } from './test-support/team-host';

/** The input that lets a method past the gate if the caller's role allows it: their own id. */
function inputFor(method: MethodName, self: string, jobId: string | null): Record<string, unknown> {
  const rule = METHOD_ACCESS[method];
  if (rule.self) return { [rule.self]: self };
  if (rule.jobOwner) return { jobId: jobId ?? 'no-such-job' };
  return {};
}

/**
 * What a labeller must never reach, written out apart from the table: everything that reads
 * other people's judgments, imports, exports, merges, changes settings or touches backups.
 */
const NEVER_A_LABELLERS =
  /^(exports|imports|merge|backups|reviews|agreement|leaderboard|audit|access|dashboard|team)\.|^settings\.update|^recovery\.(salvage|retry|openReadOnly)$|^leases\.setOverlap$|^judges\.(?!suggestion$|getSuggestions$)/;

describe('team host: roles, enforced per method from one table', () => {
  let t: ReturnType<typeof tempDir>;
  let h: TeamHostHarness;
  beforeAll(async () => {
    t = tempDir();
    h = await startTeamHost(t.dir);
  });
  afterAll(async () => {
    await h.close();
    t.cleanup();
  });

  it('every contract method, with each role’s token: refused (403) exactly where the table says', async () => {
    const outcomes: Record<Role, { allowed: string[]; refused: string[] }> = {
      labeller: { allowed: [], refused: [] },
      reviewer: { allowed: [], refused: [] },
      lead: { allowed: [], refused: [] },
    };
    for (const role of ROLES) {
      const me = h.people[role];
      // A job of their own, for jobs.get/cancel (a reviewer may start an agreement).
      const started = roleAllows(role, 'reviewer')
        ? (await h.call(me.token, 'agreement.start', {})).body.value.jobId
        : null;
      for (const method of methodNames) {
        const { status, body } = await h.call(me.token, method, inputFor(method, me.id, started));
        const allowed = roleAllows(role, METHOD_ACCESS[method].role);
        const where = `${role} → ${method}: ${JSON.stringify(body).slice(0, 200)}`;
        if (allowed) {
          expect(status, where).toBe(200);
          expect(body.error?.code, where).not.toBe('FORBIDDEN');
        } else {
          expect(status, where).toBe(403);
          expect(body, where).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
          expect(body.error.message, where).toMatch(/needs/);
        }
        outcomes[role][status === 403 ? 'refused' : 'allowed'].push(method);
      }
    }
    // The table itself says what the issue says, checked apart from it.
    const labellerAllowed = outcomes.labeller.allowed;
    expect(labellerAllowed.filter((m) => NEVER_A_LABELLERS.test(m))).toEqual([]);
    expect(labellerAllowed).toEqual(
      expect.arrayContaining([
        'items.next',
        'judgments.submit',
        'judgments.undo',
        'progress.get',
        'settings.get',
        'drafts.save',
      ]),
    );
    expect(outcomes.reviewer.allowed).toEqual(
      expect.arrayContaining([
        'reviews.decide',
        'reviews.item',
        'agreement.start',
        'leaderboard.get',
        'dashboard.get',
      ]),
    );
    expect(outcomes.reviewer.refused).toEqual(
      expect.arrayContaining([
        'exports.start',
        'imports.start',
        'merge.start',
        'backups.list',
        'settings.updateTask',
      ]),
    );
    expect(outcomes.lead.refused).toEqual([]);
  });

  it('nobody acts as someone else: a labellerId (or reviewerId) that is not the caller’s is refused', async () => {
    const other = h.people.labeller.id;
    for (const role of ['reviewer', 'lead'] as const) {
      const me = h.people[role];
      for (const [method, input] of [
        [
          'judgments.submit',
          {
            labellerId: other,
            itemId: 'i0',
            displayedOrder: [0, 1],
            verdict: { kind: 'pairwise', choice: 'A' },
            timeMs: 1,
          },
        ],
        ['judgments.undo', { labellerId: other }],
        ['items.next', { labellerId: other }],
        ['drafts.get', { labellerId: other, itemId: 'i0' }],
        ['progress.get', { labellerId: other }],
        ['reviews.decide', { itemId: 'i0', reviewerId: other, decision: { kind: 'discard' } }],
      ] as const) {
        const { status, body } = await h.call(me.token, method, input);
        expect(status, `${role} ${method}`).toBe(403);
        expect(body.error.message).toMatch(/only as yourself/);
      }
    }
    // The labeller's own calls go through, and nothing was recorded under their name.
    const own = await h.call(h.people.labeller.token, 'progress.get', {
      labellerId: h.people.labeller.id,
    });
    expect(own.status).toBe(200);
    expect(own.body.value.done).toBe(0);
  });

  it('session.get says who the link belongs to and their role; the name cannot be changed', async () => {
    const { body } = await h.call(h.people.labeller.token, 'session.get');
    expect(body.value).toEqual({
      labeller: { id: h.people.labeller.id, name: 'Lab' },
      host: 'browser',
      access: { role: 'labeller', warnings: [] },
    });
    const renamed = await h.call(h.people.lead.token, 'session.identify', { name: 'Someone' });
    expect(renamed.body.error.code).toBe('CONFLICT');
    expect((await h.call(h.hostLead.token, 'session.get')).body.value.access?.role).toBe('lead');
  });

  it('a labeller’s event stream carries only what they may see', async () => {
    const lab = openEvents(h.host.url, { authorization: `Bearer ${h.people.labeller.token}` });
    const lead = openEvents(h.host.url, { authorization: `Bearer ${h.people.lead.token}` });
    await new Promise((r) => setTimeout(r, 200));
    // The lead's work: an audited settings change, an export job, a judgment.
    await h.call(h.people.lead.token, 'leases.setOverlap', { overlap: 2 });
    await h.call(h.people.lead.token, 'exports.start', { format: 'trl' });
    const item = (await h.call(h.people.lead.token, 'items.next', { labellerId: h.people.lead.id }))
      .body.value;
    await h.call(h.people.lead.token, 'judgments.submit', {
      labellerId: h.people.lead.id,
      itemId: item!.id,
      displayedOrder: item!.displayedOrder,
      verdict: { kind: 'pairwise', choice: 'A' },
      timeMs: 900,
    });
    await new Promise((r) => setTimeout(r, 1500));
    lab.close();
    lead.close();
    const names = (s: typeof lab) => new Set(s.events.map((e) => e.name));
    expect([...names(lead)]).toEqual(
      expect.arrayContaining(['audit.appended', 'job.finished', 'dashboard.changed', 'db.changed']),
    );
    expect([...names(lab)]).toEqual(['db.changed']);
  });
});

describe('team host: links, cookies, revocation, rate limit', () => {
  let t: ReturnType<typeof tempDir>;
  let h: TeamHostHarness;
  beforeEach(async () => {
    t = tempDir();
    h = await startTeamHost(t.dir, {
      gate: { recheckMs: 50 },
      limiter: { free: 3, maxBlockMs: 1200 },
    });
  });
  afterEach(async () => {
    await h.close();
    t.cleanup();
  });

  it('a link is traded for an HttpOnly cookie and dropped from the address; the cookie then works from the page only', async () => {
    const token = h.people.labeller.token;
    const opened = await fetch(`${h.host.url}/?token=${token}&view=items`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const location = opened.headers.get('location')!;
    expect(location).toBe('/?view=items');
    expect(location).not.toContain(token);
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = opened.headers.get('set-cookie')!;
    expect(cookie).toBe(`rankwise_${h.host.port}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    const jar = cookie.split(';')[0]!;
    // The page loads with the cookie alone, and its calls work from its own origin.
    const page = await fetch(`${h.host.url}${location}`, { headers: { cookie: jar } });
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    const origin = h.host.url;
    const asPage = await fetch(`${h.host.url}/api/session.get`, {
      method: 'POST',
      headers: { cookie: jar, origin },
      body: '{}',
    });
    expect(
      ((await asPage.json()) as { value: { access: { role: string } } }).value.access.role,
    ).toBe('labeller');
    // The same cookie without the page's Origin, or from another origin, is refused.
    const noOrigin = await fetch(`${h.host.url}/api/session.get`, {
      method: 'POST',
      headers: { cookie: jar },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
    const foreign = await fetch(`${h.host.url}/api/session.get`, {
      method: 'POST',
      headers: { cookie: jar, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    // Without any credential: the UI's files (no project data in them), nothing else.
    expect((await fetch(`${h.host.url}/`)).status).toBe(200);
    expect((await fetch(`${h.host.url}/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${h.host.url}/api/events`)).status).toBe(401);
    expect(
      (await fetch(`${h.host.url}/api/session.get`, { method: 'POST', body: '{}' })).status,
    ).toBe(401);
    expect((await fetch(`${h.host.url}/download/anything`)).status).toBe(401);
    // A token is never taken from the address of an API call.
    const inQuery = await fetch(`${h.host.url}/api/session.get?token=${token}`, {
      method: 'POST',
      body: '{}',
    });
    expect(inQuery.status).toBe(400);
    // The page itself asks browsers to send no Referer.
    expect(readFileSync(join(REPO, 'renderer', 'index.html'), 'utf8')).toMatch(
      /<meta name="referrer" content="no-referrer" \/>/,
    );
  });

  it('a link revoked by `rankwise invite --revoke` stops at its next request, and its open page is told, with no restart', async () => {
    const out: string[] = [];
    const io: Io = {
      out: (l) => out.push(l),
      err: () => undefined,
      progress: () => undefined,
      signal: new AbortController().signal,
      rendererDir: null,
    };
    // Invited while the host runs: the link works at once.
    expect(
      await main(['invite', h.path, '--name', 'Newcomer', '--role', 'labeller', '--json'], io),
    ).toBe(0);
    const invitation = JSON.parse(out.pop()!) as { token: string; labeller: { id: string } };
    expect((await h.call(invitation.token, 'session.get')).body.value.labeller?.name).toBe(
      'Newcomer',
    );
    const page = openEvents(h.host.url, { authorization: `Bearer ${invitation.token}` });
    await new Promise((r) => setTimeout(r, 200));
    expect(await main(['invite', h.path, '--revoke', 'Newcomer'], io)).toBe(0);
    const { status, body } = await h.call(invitation.token, 'items.next', {
      labellerId: invitation.labeller.id,
    });
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: 'ACCESS_REVOKED' });
    expect(body.error.message).toMatch(/revoked/);
    await page.ended;
    expect(page.events.map((e) => e.name)).toContain('access.revoked');
  });

  it('a revocation from the lead’s page ends that person’s stream at once; inviting again replaces the link', async () => {
    const lab = h.people.labeller;
    const page = openEvents(h.host.url, { authorization: `Bearer ${lab.token}` });
    await new Promise((r) => setTimeout(r, 100));
    const again = await h.call(h.people.lead.token, 'access.invite', {
      name: 'Lab',
      role: 'reviewer',
    });
    expect(again.body.value.labeller.id).toBe(lab.id);
    expect((await h.call(lab.token, 'session.get')).body.error.code).toBe('ACCESS_REVOKED');
    await page.ended;
    expect((await h.call(again.body.value.token, 'session.get')).body.value.access?.role).toBe(
      'reviewer',
    );
    const revoked = await h.call(h.people.lead.token, 'access.revoke', { labellerId: lab.id });
    expect(revoked.body.value).toEqual({ labeller: { id: lab.id, name: 'Lab' }, revoked: true });
    expect((await h.call(again.body.value.token, 'session.get')).status).toBe(401);
    const log = (await h.call(h.people.lead.token, 'audit.list', {})).body.value.entries;
    expect(log.slice(0, 2).map((e) => [e.action, e.target, e.actor.name])).toEqual([
      ['revoke', 'Lab', 'Lea'],
      ['invite', 'Lab', 'Lea'],
    ]);
  });

  it('a judge run is audited with who, the model and its outcome, never the API key', async () => {
    const chat = await startChatServer(() => ({ reply: 'Verdict: A' }));
    try {
      const lead = h.people.lead.token;
      const started = await h.call(lead, 'judges.run', {
        endpoint: chat.url,
        model: 'audit-model',
        items: { kind: 'sample', n: 1 },
        apiKey: 'sk-never-in-the-log',
      });
      expect(started.status).toBe(200);
      const jobId = started.body.value.jobId;
      for (let i = 0; i < 100; i++) {
        const job = await h.call(lead, 'jobs.get', { jobId });
        if (job.body.value.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // The key reached the endpoint, so the log had its chance to see it.
      expect(chat.calls[0]?.authorization).toBe('Bearer sk-never-in-the-log');
      const entries = (await h.call(lead, 'audit.list', {})).body.value.entries as Array<{
        action: string;
        target: string | null;
        detail: unknown;
      }>;
      const runs = entries.filter((e) => e.action === 'judge');
      expect(runs.map((e) => e.target)).toEqual(['audit-model', 'audit-model']);
      expect(JSON.stringify(entries)).not.toContain('sk-never-in-the-log');
    } finally {
      await chat.close();
    }
  });

  it('repeated wrong tokens from one address are slowed down, whatever the next token', async () => {
    for (let i = 0; i < 3; i++)
      expect((await h.call(`wrong-${i}`, 'session.get')).status).toBe(401);
    const fourth = await fetch(`${h.host.url}/api/session.get`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong-3' },
    });
    expect(fourth.status).toBe(401);
    const blocked = await fetch(`${h.host.url}/api/session.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.people.lead.token}` },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    await new Promise((r) => setTimeout(r, 1300));
    expect((await h.call(h.people.lead.token, 'session.get')).status).toBe(200);
  });

  it('uploads and downloads: only the lead sends files; a job’s file goes to whoever started it', async () => {
    const up = (token: string) =>
      fetch(`${h.host.url}/upload?name=a.jsonl`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: '{"id":"x","prompt":"p","responses":["a","b"]}\n',
      });
    expect((await up(h.people.labeller.token)).status).toBe(403);
    expect((await up(h.people.reviewer.token)).status).toBe(403);
    expect((await up(h.people.lead.token)).status).toBe(200);
    const { jobId } = (await h.call(h.people.lead.token, 'exports.start', { format: 'trl' })).body
      .value;
    await new Promise((r) => setTimeout(r, 500));
    const get = (token: string) =>
      fetch(`${h.host.url}/download/${jobId}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get(h.people.reviewer.token)).status).toBe(403);
    expect((await get(h.people.lead.token)).status).toBe(200);
  });
});

describe('team host: TLS, and the warning without it', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => (t = tempDir()));
  afterAll(() => t.cleanup());

  it('serves HTTPS with a certificate; the cookie is Secure', async () => {
    const cert = join(t.dir, 'cert.pem');
    const key = join(t.dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const h = await startTeamHost(join(t.dir), {
      tls: { cert: readFileSync(cert), key: readFileSync(key) },
    });
    try {
      expect(h.host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const get = (path: string, headers: Record<string, string> = {}) =>
        new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
          (ok, fail) => {
            const req = request(
              `${h.host.url}${path}`,
              { ca: readFileSync(cert), headers },
              (res) => {
                let body = '';
                res.on('data', (d: Buffer) => (body += d.toString()));
                res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body }));
              },
            );
            req.on('error', fail);
            req.end();
          },
        );
      const opened = await get(`/?token=${h.people.labeller.token}`);
      expect(opened.status).toBe(303);
      expect(String(opened.headers['set-cookie'])).toMatch(/; Secure$/);
      const page = await get('/', { cookie: String(opened.headers['set-cookie']).split(';')[0]! });
      expect(page.body).toContain('<title>team</title>');
    } finally {
      await h.close();
    }
  });

  it('bound beyond this machine without TLS: warned on stderr and on the lead’s page only', async () => {
    const { path } = await startTeamHostless(t.dir);
    const abort = new AbortController();
    const out: string[] = [];
    const err: string[] = [];
    let seen!: (url: string) => void;
    const url = new Promise<string>((r) => (seen = r));
    const io: Io = {
      out: (l) => (out.push(l), seen(l)),
      err: (l) => err.push(l),
      progress: () => undefined,
      signal: abort.signal,
      rendererDir: join(REPO, 'renderer'),
    };
    const running = main(
      ['serve', path, '--team', '--host', '0.0.0.0', '--allow-remote', '--port', '0'],
      io,
    );
    const u = new URL(await url);
    const base = `http://127.0.0.1:${u.port}`;
    const as = async (token: string) =>
      (
        (await (
          await fetch(`${base}/api/session.get`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { value: { access: { warnings: string[] } } }
      ).value.access.warnings;
    expect((await as(u.searchParams.get('token')!))[0]).toMatch(/without TLS/);
    out.length = 0;
    await main(['invite', path, '--name', 'Far', '--role', 'labeller', '--json'], {
      ...io,
      out: (l) => out.push(l),
    });
    expect(await as((JSON.parse(out[0]!) as { token: string }).token)).toEqual([]);
    abort.abort();
    expect(await running).toBe(0);
    expect(err.join('\n')).toMatch(/warning: .*without TLS.*--tls-cert and --tls-key/);
  });
});

/** A project file for `rankwise serve` to open itself. */
async function startTeamHostless(dir: string) {
  const { populatedProject } = await import('../../db/test-support/populated');
  return populatedProject(dir, { items: 3, judged: 0, name: 'far.rankwise' });
}
