import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { item, tempDir, writeJsonl } from '../db/test-support/temp-project';
import { appendRevision } from '../db/judgments';
import { ensureLabeller } from '../db/labellers';
import { openProject } from '../db/open';
import { shownResponses, startChatServer, type ChatServer } from '../db/test-support/chat-server';
import { main } from './main';
import { testIo } from './test-io';

describe('rankwise judges / judge', () => {
  let t: ReturnType<typeof tempDir>;
  let project: string;
  let server: ChatServer | null = null;
  beforeEach(async () => {
    t = tempDir();
    project = join(t.dir, 'p.rankwise');
    const data = writeJsonl(join(t.dir, 'items.jsonl'), [
      item('q1', 'p1', ['good 1', 'bad 1']),
      item('q2', 'p2', ['bad 2', 'good 2']),
    ]);
    expect(await main(['import', data, '--into', project], testIo().io)).toBe(0);
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    t.cleanup();
  });

  it('imports a verdicts file, lists the judge, and refuses a bad line naming file, line and reason', async () => {
    const file = writeJsonl(join(t.dir, 'v.jsonl'), [
      { itemId: 'q1', judge: 'gpt-judge', chosen: 0, rejected: 1, order: [1, 0] },
      { itemId: 'q2', judge: 'gpt-judge', outcome: 'tie' },
    ]);
    const a = testIo();
    expect(await main(['judges', 'import', project, file, '--json'], a.io)).toBe(0);
    expect(JSON.parse(a.out[0]!)).toEqual({
      file: 'v.jsonl',
      added: 2,
      alreadyPresent: 0,
      duplicates: 0,
      judges: [{ name: 'gpt-judge', kind: 'llm', created: true, added: 2 }],
    });
    const again = testIo();
    expect(await main(['judges', 'import', project, file], again.io)).toBe(0);
    expect(again.out[0]).toBe(
      'v.jsonl: added 0 verdicts (2 already in the project, 0 repeated lines)',
    );

    const list = testIo();
    expect(await main(['judges', 'list', project], list.io)).toBe(0);
    expect(list.out[0]).toMatch(/^gpt-judge: llm; 2 verdicts on 2 items; since /);

    const bad = writeJsonl(join(t.dir, 'bad.jsonl'), [
      { itemId: 'q1', judge: 'other', chosen: 0, rejected: 1 },
      { itemId: 'q9', judge: 'other', chosen: 0, rejected: 1 },
    ]);
    const b = testIo();
    expect(await main(['judges', 'import', project, bad], b.io)).toBe(1);
    expect(b.err).toEqual(['rankwise judges: bad.jsonl:2: itemId: no item "q9" in this project']);
    const after = testIo();
    await main(['judges', 'list', project, '--json'], after.io);
    expect((JSON.parse(after.out[0]!) as { judges: unknown[] }).judges).toHaveLength(1);

    const usage = testIo();
    expect(await main(['judges', 'wat', project], usage.io)).toBe(2);
    expect(usage.err[0]).toMatch(/unknown judges command "wat"/);
  });

  it('runs a judge with the key from the environment, never printing or storing it', async () => {
    const key = 'sk-cli-secret-987654321';
    server = await startChatServer((c) => {
      const { a } = shownResponses(c.content);
      return c.content.includes('p2')
        ? { reply: `no idea (${c.authorization})` }
        : { reply: `VERDICT: ${a.startsWith('good') ? 'A' : 'B'}` };
    });
    const io = testIo();
    io.io.env = { RANKWISE_JUDGE_API_KEY: key };
    const template = join(t.dir, 't.txt');
    writeFileSync(
      template,
      'Prompt: {{prompt}}\n[Response A]\n{{response_a}}\n\n[Response B]\n{{response_b}}\n\nExplain your reasoning.\nVERDICT?',
    );
    expect(
      await main(
        [
          'judge',
          project,
          '--endpoint',
          server.url,
          '--model',
          'tiny',
          '--name',
          'tiny-judge',
          '--template',
          template,
          '--both-orders',
          '--json',
        ],
        io.io,
      ),
    ).toBe(0);
    const s = JSON.parse(io.out[0]!) as Record<string, unknown>;
    expect(s).toMatchObject({
      judge: 'tiny-judge',
      templateVersion: 2,
      tasks: 4,
      verdicts: 2,
      noVerdict: 2,
      failed: 0,
    });
    expect(server.calls.every((c) => c.authorization === `Bearer ${key}`)).toBe(true);
    expect([...io.out, ...io.err].join('\n')).not.toContain(key);
    for (const f of [project, `${project}-wal`])
      if (existsSync(f)) expect(readFileSync(f).includes(Buffer.from(key))).toBe(false);

    // Done pairs are skipped on a second run.
    const again = testIo();
    expect(
      await main(
        [
          'judge',
          project,
          '--endpoint',
          server.url,
          '--model',
          'tiny',
          '--name',
          'tiny-judge',
          '--both-orders',
        ],
        again.io,
      ),
    ).toBe(0);
    expect(again.out[0]).toMatch(
      /0 verdicts, 0 replies without a verdict, 0 failed; 4 already done/,
    );

    const usage = testIo();
    expect(
      await main(
        ['judge', project, '--endpoint', server.url, '--model', 'm', '--items', 'some'],
        usage.io,
      ),
    ).toBe(2);
    expect(usage.err[0]).toMatch(/--items expects unjudged, all or sample:N/);
  });

  it('exports with the judge policy from flags, and refuses a judge below the threshold', async () => {
    const db = openProject(project).db;
    const ada = ensureLabeller(db, { name: 'Ada' }).id;
    appendRevision(db, {
      itemId: 'q1',
      labellerId: ada,
      verdict: {
        kind: 'pairwise',
        outcome: 'preferred',
        chosenIdx: 0,
        rejectedIdx: 1,
        strength: null,
        criteria: {},
      },
      rationale: null,
      flags: [],
      displayedOrder: [0, 1],
      timeMs: 1,
      guidelineVersion: 1,
      taskVersion: 1,
    });
    db.close();
    const v = writeJsonl(join(t.dir, 'v.jsonl'), [
      { itemId: 'q1', judge: 'gpt', chosen: 0, rejected: 1 },
      { itemId: 'q2', judge: 'gpt', chosen: 1, rejected: 0 },
    ]);
    expect(await main(['judges', 'import', project, v], testIo().io)).toBe(0);
    const out = join(t.dir, 'out.jsonl');
    const io = testIo();
    expect(
      await main(
        [
          'export',
          project,
          '--judge',
          'gpt',
          '--judge-min-agreement',
          '0.9',
          '--judge-min-items',
          '1',
          '--out',
          out,
        ],
        io.io,
      ),
    ).toBe(0);
    expect(io.out.at(-1)).toBe(
      'judge gpt filled 1 items without a human verdict (1 rows); its agreement with the human majority: 100.0% on 1 items',
    );
    expect(
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { source: string }).source),
    ).toEqual(['human', 'judge:gpt']);
    const bad = testIo();
    expect(await main(['export', project, '--judge', 'gpt', '--out', out], bad.io)).toBe(2);
    expect(bad.err[0]).toMatch(/--judge needs --judge-min-agreement/);
    const refused = testIo();
    expect(
      await main(
        ['export', project, '--judge', 'gpt', '--judge-min-agreement', '0.9', '--out', out],
        refused.io,
      ),
    ).toBe(1);
    expect(refused.err[0]).toBe(
      'rankwise export: judge "gpt" may not fill items: it agrees with the human majority on 100.0% of 1 items; the policy asks for at least 90.0% on at least 20 items',
    );
  });

  it('fails with exit 1 and names the failed pairs when the endpoint keeps failing', async () => {
    server = await startChatServer((c) =>
      c.content.includes('p2')
        ? { status: 400, body: 'context too long' }
        : { reply: 'VERDICT: A' },
    );
    const io = testIo();
    expect(await main(['judge', project, '--endpoint', server.url, '--model', 'm'], io.io)).toBe(1);
    expect(io.err).toEqual([
      'failed: item q2: the endpoint answered 400 Bad Request: context too long',
      '1 pairs failed; run the same command again to retry them',
    ]);
  });
});
