import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { JudgeRunOptionsSchema, type JudgeRunOptions } from '../../shared/judges/run';
import { parseVerdictReply } from '../../shared/judges/template';
import { importFile } from '../import/import-file';
import type { Project } from '../open';
import {
  shownResponses,
  startChatServer,
  type ChatAction,
  type ChatCall,
  type ChatServer,
} from '../test-support/chat-server';
import { item, newProject, tempDir, writeJsonl } from '../test-support/temp-project';
import { runJudge, testJudge, firstShown } from './run-judge';
import { listJudges } from './store';
import { setJudgeTemplate } from './templates';

const FAST = { baseDelayMs: 5, maxDelayMs: 2000, attempts: 3, timeoutMs: 2000 };

/** Prefers the response whose text starts with "good", whichever side it is shown on. */
function fair(call: ChatCall): ChatAction {
  const { a } = shownResponses(call.content);
  return { reply: `Looking at both.\nVERDICT: ${a.startsWith('good') ? 'A' : 'B'}` };
}

describe('rankwise judge against a chat-completions server', () => {
  let t: ReturnType<typeof tempDir>;
  let p: Project;
  let server: ChatServer | null = null;
  beforeEach(() => {
    t = tempDir();
    p = newProject(t.dir);
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    p.close();
    t.cleanup();
  });

  async function items(prompts: string[]) {
    // Response 1 is the good one on odd items, response 0 on even ones.
    const records = prompts.map((prompt, i) =>
      item(
        `q${i}`,
        prompt,
        i % 2 ? [`bad answer ${i}`, `good answer ${i}`] : [`good answer ${i}`, `bad answer ${i}`],
      ),
    );
    await importFile(p.db, writeJsonl(join(t.dir, 'items.jsonl'), records), { format: 'generic' });
  }
  const options = (o: Partial<JudgeRunOptions> = {}): JudgeRunOptions =>
    JudgeRunOptionsSchema.parse({ endpoint: server!.url, model: 'test-model', ...o });
  const stored = () =>
    p.db
      .prepare(
        `SELECT i.id, v.shown_first, v.outcome, v.winner, v.rationale, v.raw_reply, v.prompt_tokens, v.completion_tokens, v.template_version
           FROM judge_verdicts v JOIN items i ON i.seq = v.item_seq ORDER BY i.seq, v.shown_first`,
      )
      .all() as Array<{
      id: string;
      shown_first: number;
      outcome: string;
      winner: number | null;
      rationale: string | null;
      raw_reply: string | null;
      prompt_tokens: number | null;
      completion_tokens: number | null;
      template_version: number;
    }>;

  it('stores fixed verdicts in both orders with the response indices they mean, and counts tokens', async () => {
    await items(['p0', 'p1', 'p2']);
    server = await startChatServer(fair);
    const s = await runJudge(p.db, options({ bothOrders: true, concurrency: 2 }), {
      apiKey: 'sk-test',
      retry: FAST,
    });
    expect(s).toMatchObject({
      judge: 'test-model',
      items: 3,
      tasks: 6,
      skipped: 0,
      verdicts: 6,
      noVerdict: 0,
      failed: 0,
      promptTokens: 60,
      completionTokens: 30,
      templateVersion: 1,
      cancelled: false,
    });
    const rows = stored();
    expect(rows.map((r) => [r.id, r.shown_first, r.outcome, r.winner])).toEqual([
      ['q0', 0, 'preferred', 0],
      ['q0', 1, 'preferred', 0],
      ['q1', 0, 'preferred', 1],
      ['q1', 1, 'preferred', 1],
      ['q2', 0, 'preferred', 0],
      ['q2', 1, 'preferred', 0],
    ]);
    expect(rows[0]!.rationale).toBe('Looking at both.');
    expect(rows.every((r) => r.prompt_tokens === 10 && r.completion_tokens === 5)).toBe(true);
    // What was sent: the model, the key as a bearer token, the template with both responses.
    expect(server.calls).toHaveLength(6);
    expect(
      server.calls.every((c) => c.model === 'test-model' && c.authorization === 'Bearer sk-test'),
    ).toBe(true);
    expect(server.calls[0]!.content).toMatch(/\[Prompt\]\np0\n\n\[Response A\]\n/);
    expect(listJudges(p.db)).toMatchObject([
      {
        name: 'test-model',
        kind: 'llm',
        model: 'test-model',
        templateVersion: 1,
        verdicts: 6,
        promptTokens: 60,
        completionTokens: 30,
      },
    ]);
  });

  it('shows each pair once in a seeded order without --both-orders, and reads ties and both-bad', async () => {
    await items(['p0', 'tie please', 'both bad please', 'p3']);
    server = await startChatServer((c) =>
      c.content.includes('tie please')
        ? { reply: 'VERDICT: tie' }
        : c.content.includes('both bad please')
          ? { reply: 'Neither works.\n\n**VERDICT: BOTH_BAD**\n' }
          : fair(c),
    );
    const s = await runJudge(p.db, options({ name: 'my-judge' }), { apiKey: null, retry: FAST });
    expect(s).toMatchObject({ tasks: 4, verdicts: 4 });
    expect(server.calls.every((c) => c.authorization === null)).toBe(true);
    const rows = stored();
    expect(rows.map((r) => [r.id, r.shown_first, r.outcome, r.winner])).toEqual([
      ['q0', firstShown('my-judge', 'q0'), 'preferred', 0],
      ['q1', firstShown('my-judge', 'q1'), 'tie', null],
      ['q2', firstShown('my-judge', 'q2'), 'both_bad', null],
      ['q3', firstShown('my-judge', 'q3'), 'preferred', 1],
    ]);
  });

  it('records a reply it cannot read as no verdict with the raw text, never a guess', async () => {
    await items(['malformed', 'two verdicts', 'not json', 'empty']);
    server = await startChatServer((c) =>
      c.content.includes('malformed')
        ? { reply: 'Response A is clearly better.' }
        : c.content.includes('two verdicts')
          ? { reply: 'VERDICT: B\nOn reflection:\nVERDICT: A' }
          : c.content.includes('not json')
            ? { rawBody: 'Internal proxy page' }
            : { reply: '' },
    );
    const s = await runJudge(p.db, options(), { apiKey: null, retry: FAST });
    expect(s).toMatchObject({ tasks: 4, verdicts: 0, noVerdict: 4, failed: 0 });
    expect(stored().map((r) => [r.id, r.outcome, r.winner, r.raw_reply])).toEqual([
      ['q0', 'none', null, 'Response A is clearly better.'],
      ['q1', 'none', null, 'VERDICT: B\nOn reflection:\nVERDICT: A'],
      ['q2', 'none', null, 'Internal proxy page'],
      ['q3', 'none', null, ''],
    ]);
    // A reply without a verdict is done: the next run does not ask again.
    expect(await runJudge(p.db, options(), { apiKey: null, retry: FAST })).toMatchObject({
      tasks: 0,
      skipped: 4,
    });
  });

  it('retries 429 (waiting as Retry-After says), 5xx, slow replies and dropped connections', async () => {
    await items(['rate limited', 'flaky', 'slow', 'dropped']);
    server = await startChatServer((c) => {
      if (c.attempt > 0) return fair(c);
      if (c.content.includes('rate limited')) return { status: 429, retryAfter: '1' };
      if (c.content.includes('flaky')) return { status: 503 };
      if (c.content.includes('slow')) return { delayMs: 1500, then: fair(c) };
      return { drop: true };
    });
    const t0 = performance.now();
    const s = await runJudge(p.db, options({ concurrency: 4 }), {
      apiKey: null,
      retry: { ...FAST, timeoutMs: 300 },
    });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
    expect(s).toMatchObject({ tasks: 4, verdicts: 4, failed: 0, rateLimited: 1, attempts: 8 });
    expect(stored().map((r) => r.outcome)).toEqual([
      'preferred',
      'preferred',
      'preferred',
      'preferred',
    ]);
    // Each item was asked exactly twice: the failure, then the retry.
    const asked = new Map<string, number>();
    for (const c of server.calls) {
      const k = /\[Prompt\]\n(.*)\n/.exec(c.content)![1]!;
      asked.set(k, (asked.get(k) ?? 0) + 1);
    }
    expect([...asked.values()]).toEqual([2, 2, 2, 2]);
  });

  it('counts a pair that keeps failing, stores nothing for it, and a second run resumes with only that pair', async () => {
    await items(['fine', 'broken', 'fine too']);
    let healed = false;
    server = await startChatServer((c) =>
      c.content.includes('broken') && !healed
        ? { status: 500, body: 'upstream exploded' }
        : fair(c),
    );
    const s = await runJudge(p.db, options(), { apiKey: null, retry: FAST });
    expect(s).toMatchObject({ tasks: 3, verdicts: 2, failed: 1 });
    expect(s.errors).toEqual([
      {
        itemId: 'q1',
        message:
          'the endpoint answered 500 Internal Server Error: upstream exploded (gave up after 3 attempts)',
      },
    ]);
    expect(stored().map((r) => r.id)).toEqual(['q0', 'q2']);
    healed = true;
    const again = await runJudge(p.db, options(), { apiKey: null, retry: FAST });
    expect(again).toMatchObject({ tasks: 1, skipped: 2, verdicts: 1, failed: 0 });
    expect(stored().map((r) => r.id)).toEqual(['q0', 'q1', 'q2']);
  });

  it('keeps to the concurrency limit', async () => {
    await items(Array.from({ length: 8 }, (_, i) => `p${i}`));
    server = await startChatServer((c) => ({ delayMs: 60, then: fair(c) }));
    await runJudge(p.db, options({ concurrency: 3 }), { apiKey: null, retry: FAST });
    expect(server.maxInFlight).toBe(3);
    expect(stored()).toHaveLength(8);
  });

  it('stops on cancel keeping what was answered, and the next run does only the rest', async () => {
    await items(Array.from({ length: 10 }, (_, i) => `p${i}`));
    server = await startChatServer((c) => ({ delayMs: 30, then: fair(c) }));
    const c = new AbortController();
    const s = await runJudge(p.db, options({ concurrency: 1 }), {
      apiKey: null,
      retry: FAST,
      signal: c.signal,
      onProgress: (x) => {
        if (x.done === 3) c.abort();
      },
    });
    expect(s.cancelled).toBe(true);
    expect(stored()).toHaveLength(3);
    const rest = await runJudge(p.db, options({ concurrency: 1 }), { apiKey: null, retry: FAST });
    expect(rest).toMatchObject({ tasks: 7, skipped: 3, verdicts: 7 });
    expect(stored()).toHaveLength(10);
  });

  it('stops the whole run when the endpoint refuses the key, keeping nothing half-done', async () => {
    await items(['p0', 'p1', 'p2']);
    server = await startChatServer(() => ({ status: 401, body: '{"error": "bad key"}' }));
    const e = await runJudge(p.db, options(), { apiKey: 'wrong', retry: FAST }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toMatch(
      /^the judge run stopped: the endpoint answered 401 Unauthorized/,
    );
    expect(server.calls.length).toBeLessThanOrEqual(4);
    expect(stored()).toHaveLength(0);
  });

  it('says so when nothing listens at the endpoint', async () => {
    await items(['p0']);
    server = await startChatServer(fair);
    const url = server.url;
    await server.close();
    server = null;
    await expect(
      runJudge(p.db, JudgeRunOptionsSchema.parse({ endpoint: url, model: 'm' }), {
        apiKey: null,
        retry: FAST,
      }),
    ).rejects.toThrow(/cannot reach 127\.0\.0\.1:\d+ \(connection refused\)/);
  });

  it('leaves no judge behind when a run stores nothing, so a mistyped model can be run again right', async () => {
    await items(['p0']);
    server = await startChatServer((c) =>
      c.model === 'right' ? fair(c) : { status: 404, body: '{"error": "model not found"}' },
    );
    await expect(
      runJudge(p.db, options({ name: 'j', model: 'wrong' }), { apiKey: null, retry: FAST }),
    ).rejects.toThrow(/404 Not Found/);
    expect(listJudges(p.db)).toEqual([]);
    expect(
      await runJudge(p.db, options({ name: 'j', model: 'right' }), { apiKey: null, retry: FAST }),
    ).toMatchObject({ verdicts: 1 });
    expect(listJudges(p.db)).toMatchObject([{ name: 'j', model: 'right' }]);
  });

  it('keeps one judge to one model and template version', async () => {
    await items(['p0']);
    server = await startChatServer(fair);
    await runJudge(p.db, options({ name: 'j' }), { apiKey: null, retry: FAST });
    await expect(
      runJudge(p.db, options({ name: 'j', model: 'other' }), { apiKey: null, retry: FAST }),
    ).rejects.toThrow(
      /judge "j" is a llm judge with model "test-model" and template v1; this run uses model "other"/,
    );
    setJudgeTemplate(p.db, 'A: {{response_a}}\nB: {{response_b}}\nVERDICT?');
    await expect(
      runJudge(p.db, options({ name: 'j' }), { apiKey: null, retry: FAST }),
    ).rejects.toThrow(/template v2/);
  });

  it('never stores or prints the API key, even when the server echoes it', async () => {
    const key = 'sk-secret-0123456789abcdef';
    await items(['echo', 'p1', 'broken']);
    server = await startChatServer((c) =>
      c.content.includes('echo')
        ? { reply: `You sent ${c.authorization}. VERDICT: maybe` }
        : c.content.includes('broken')
          ? { status: 500, body: `bad request from ${c.authorization}` }
          : { reply: `Key ${c.authorization} seen.\nVERDICT: A` },
    );
    const s = await runJudge(p.db, options(), { apiKey: key, retry: FAST });
    expect(JSON.stringify(s)).not.toContain(key);
    expect(s.errors[0]!.message).toContain('[API key]');
    const rows = stored();
    expect(rows[0]!.raw_reply).toBe('You sent Bearer [API key]. VERDICT: maybe');
    expect(rows[1]!.rationale).toBe('Key Bearer [API key] seen.');
    p.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const f of [p.path, `${p.path}-wal`])
      if (existsSync(f)) expect(readFileSync(f).includes(Buffer.from(key))).toBe(false);
  });

  it('tests one item without storing anything', async () => {
    await items(['p0', 'p1']);
    server = await startChatServer(fair);
    const r = await testJudge(
      p.db,
      { endpoint: `${server.url}/v1`, model: 'm', itemId: 'q1', templateText: null },
      { apiKey: null, retry: FAST },
    );
    expect(r).toMatchObject({
      itemId: 'q1',
      order: [0, 1],
      verdict: 'B',
      promptTokens: 10,
      completionTokens: 5,
    });
    expect(r.message).toContain('[Response A]\nbad answer 1');
    expect(stored()).toHaveLength(0);
    expect(listJudges(p.db)).toHaveLength(0);
  });
});

describe('reading a judge reply', () => {
  it.each<[string, ReturnType<typeof parseVerdictReply>]>([
    ['VERDICT: A', 'A'],
    ['Because…\nverdict: b', 'B'],
    ['x\n  **VERDICT: TIE**  \n\n', 'TIE'],
    ['VERDICT: BOTH_BAD', 'BOTH_BAD'],
    ['VERDICT: both bad.', 'BOTH_BAD'],
    ['VERDICT: A\nmore text after', null],
    ['I pick A', null],
    ['VERDICT: A or B', null],
    ['VERDICT: B\nVERDICT: A', null],
    ['VERDICT: A\nVERDICT: A', 'A'],
    ['', null],
  ])('%j → %s', (reply, want) => {
    expect(parseVerdictReply(reply)).toBe(want);
  });
});
