import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject } from '../db/open';
import { computeDashboard } from '../db/team-host/dashboard';
import { hashToken } from '../db/team-host/people';
import { populatedProject } from '../db/test-support/populated';
import { tempDir } from '../db/test-support/temp-project';
import { testIo } from './test-io';
import { main } from './main';

describe('rankwise invite / audit', () => {
  let t: ReturnType<typeof tempDir>;
  let path: string;
  let adaId: string;
  beforeEach(async () => {
    t = tempDir();
    ({ path, labellerId: adaId } = await populatedProject(t.dir, { items: 4, judged: 2 }));
  });
  afterEach(() => t.cleanup());

  async function run(...args: string[]) {
    const io = testIo();
    const code = await main(args, io.io);
    return { code, out: io.out.join('\n'), err: io.err.join('\n') };
  }

  it('--json prints exactly {labeller: {id, name}, role, token, url}; a name in the project keeps its id', async () => {
    const r = await run('invite', path, '--name', 'Ada', '--role', 'reviewer', '--json');
    expect(r.code).toBe(0);
    const inv = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(inv)).toEqual(['labeller', 'role', 'token', 'url']);
    expect(inv['labeller']).toEqual({ id: adaId, name: 'Ada' });
    expect(inv['role']).toBe('reviewer');
    expect(inv['token']).toMatch(/^[\w-]{43}$/);
    expect(inv['url']).toBe(`/?token=${String(inv['token'])}`);
    const fresh = JSON.parse(
      (await run('invite', path, '--name', 'Bo', '--role', 'labeller', '--json')).out,
    ) as {
      labeller: { id: string };
    };
    expect(fresh.labeller.id).not.toBe(adaId);
  });

  it('keeps only the hash of a token: the file never holds the token itself', async () => {
    const { token } = JSON.parse(
      (await run('invite', path, '--name', 'Bo', '--role', 'labeller', '--json')).out,
    ) as { token: string };
    const p = openProject(path, { readonly: true });
    try {
      expect(p.db.prepare('SELECT token_hash FROM access_tokens').pluck().all()).toEqual([
        hashToken(token),
      ]);
    } finally {
      p.close();
    }
    // Whatever is on disk (the file and any write-ahead log): the hash, never the token.
    const bytes = Buffer.concat(
      [path, `${path}-wal`].map((f) => {
        try {
          return readFileSync(f);
        } catch {
          return Buffer.alloc(0);
        }
      }),
    );
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(true);
  });

  it('--revoke ends a person’s links; usage errors say what is wrong', async () => {
    await run('invite', path, '--name', 'Bo', '--role', 'labeller');
    expect((await run('invite', path, '--revoke', 'Bo')).out).toMatch(/^revoked Bo's access/);
    expect((await run('invite', path, '--revoke', 'Bo')).out).toBe('Bo had no access to revoke');
    const nobody = await run('invite', path, '--revoke', 'Nobody');
    expect(nobody.code).toBe(1);
    expect(nobody.err).toMatch(/no one named or with id "Nobody"/);
    for (const [args, message] of [
      [['--name', 'X', '--role', 'boss'], /--role must be labeller, reviewer or lead, got "boss"/],
      [['--role', 'lead'], /missing --name NAME/],
      [['--name', 'X'], /missing --role/],
      [['--revoke', 'Bo', '--role', 'lead'], /--revoke NAME stands alone/],
    ] as const) {
      const r = await run('invite', path, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
  });

  it('audit lists invitations, revocations, packages and merges made at the command line; the dashboard shows the offline work', async () => {
    await run('invite', path, '--name', 'Bo', '--role', 'labeller');
    await run('invite', path, '--revoke', 'Bo');
    const pkg = join(t.dir, 'ada.rankwise');
    expect((await run('package', path, '--labeller', 'Ada', '--out', pkg)).code).toBe(0);
    const human = await run('audit', path);
    expect(human.out.split('\n').map((l) => l.split('  ').slice(2, 4))).toEqual([
      ['invite', 'Bo'],
      ['revoke', 'Bo'],
      ['package', 'Ada'],
    ]);
    expect(human.out).toMatch(/\(command line\) \(cli\)/);
    const json = JSON.parse((await run('audit', path, '--json')).out) as {
      entries: Array<{ action: string; via: string; actor: { id: null; name: string } }>;
    };
    expect(json.entries.map((e) => [e.action, e.via, e.actor.id])).toEqual([
      ['invite', 'cli', null],
      ['revoke', 'cli', null],
      ['package', 'cli', null],
    ]);
    const p = openProject(path, { readonly: true });
    try {
      const d = computeDashboard(p.db, { presence: null, agreement: null });
      expect(d.offline.packages).toEqual([
        expect.objectContaining({ labeller: { id: adaId, name: 'Ada' }, items: 4 }),
      ]);
      expect(d.people.find((x) => x.name === 'Bo')).toMatchObject({
        role: 'labeller',
        revoked: true,
      });
      expect(d.people.find((x) => x.name === 'Ada')).toMatchObject({
        role: null,
        judgedTotal: 2,
        judgedToday: 2,
        secondsPerItem: 1,
      });
    } finally {
      p.close();
    }
    expect((await run('audit', join(t.dir, 'missing.rankwise'))).code).toBe(1);
  });
});
