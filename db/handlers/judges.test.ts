import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { Backend } from '../backend';
import { importFile } from '../import/import-file';
import { createInProcessTransport } from '../in-process-transport';
import { startChatServer, shownResponses, type ChatServer } from '../test-support/chat-server';
import {
  failure,
  item,
  newBackend,
  newProject,
  tempDir,
  writeJsonl,
} from '../test-support/temp-project';

describe('judges through the contract', () => {
  let t: ReturnType<typeof tempDir>;
  let backend: Backend;
  let client: Client;
  let server: ChatServer | null = null;
  beforeEach(async () => {
    t = tempDir();
    const project = newProject(t.dir);
    const records = Array.from({ length: 6 }, (_, i) =>
      item(`q${i}`, `prompt ${i}`, [
        { model: 'alpha', text: `good ${i}` },
        { model: 'beta', text: `bad ${i}` },
      ]),
    );
    await importFile(project.db, writeJsonl(join(t.dir, 'in.jsonl'), records));
    backend = newBackend(project, { name: 'Ada' });
    client = createClient(createInProcessTransport(backend));
  });
  afterEach(async () => {
    await backend.close();
    await server?.close();
    server = null;
    t.cleanup();
  });

  const job = async (jobId: string) => {
    await backend.jobs.idle();
    return client.call('jobs.get', { jobId });
  };
  const judgeFile = (lines: unknown[]) => writeJsonl(join(t.dir, `v${Math.random()}.jsonl`), lines);

  it('runs a judge as a job with progress, lists it, and a second run resumes', async () => {
    server = await startChatServer((c) => ({
      reply: `VERDICT: ${shownResponses(c.content).a.startsWith('good') ? 'A' : 'B'}`,
    }));
    const progress: Array<{ done: number; total: number | null }> = [];
    const changed: unknown[] = [];
    client.on('job.progress', (p) => progress.push(p));
    client.on('db.changed', (p) => changed.push(p));
    const { jobId } = await client.call('judges.run', {
      endpoint: server.url,
      model: 'm',
      name: 'llm-judge',
      bothOrders: true,
      concurrency: 2,
    });
    const done = await job(jobId);
    expect(done).toMatchObject({
      status: 'succeeded',
      result: { judge: 'llm-judge', tasks: 12, verdicts: 12, failed: 0 },
    });
    expect(progress.at(-1)).toMatchObject({ done: 12, total: 12 });
    expect(changed).toContainEqual({ what: 'judges' });
    const { judges } = await client.call('judges.list', {});
    expect(judges).toMatchObject([{ name: 'llm-judge', kind: 'llm', verdicts: 12, items: 6 }]);

    const again = await job(
      (
        await client.call('judges.run', {
          endpoint: server.url,
          model: 'm',
          name: 'llm-judge',
          bothOrders: true,
        })
      ).jobId,
    );
    expect(again).toMatchObject({ status: 'succeeded', result: { tasks: 0, skipped: 12 } });

    // The judge's figures reach the agreement report (and the leaderboard) the Review screen reads.
    const lead = (await client.call('session.get', {})).labeller!;
    for (const id of ['q0', 'q1']) {
      const it = await client.call('items.get', { labellerId: lead.id, itemId: id });
      await client.call('judgments.submit', {
        labellerId: lead.id,
        itemId: id,
        displayedOrder: it.displayedOrder,
        verdict: { kind: 'pairwise', choice: it.displayedOrder[0] === 0 ? 'A' : 'B' },
        timeMs: 1000,
      });
    }
    await job((await client.call('agreement.start', {})).jobId);
    const { report } = await client.call('agreement.get', {});
    expect(report!.judges).toMatchObject([
      {
        name: 'llm-judge',
        verdicts: 12,
        vsLabellers: [{ labellerId: lead.id, items: 2, agreement: 1 }],
        orderConsistency: { pairs: 6, rate: 1 },
      },
    ]);
    await job((await client.call('leaderboard.start', { bootstrapRounds: 0 })).jobId);
    const { leaderboard } = await client.call('leaderboard.get', {});
    expect(leaderboard!.judges).toMatchObject([{ name: 'llm-judge', comparisons: 6 }]);
  });

  it('cancels a run through jobs.cancel, keeping the answers so far', async () => {
    server = await startChatServer((c) => ({
      delayMs: 50,
      then: { reply: `VERDICT: A ${c.attempt}` },
    }));
    const { jobId } = await client.call('judges.run', {
      endpoint: server.url,
      model: 'm',
      concurrency: 1,
    });
    await new Promise<void>((resolve) => {
      const off = client.on('job.progress', (p) => {
        if (p.done >= 2) {
          off();
          void client.call('jobs.cancel', { jobId }).then(() => resolve());
        }
      });
    });
    expect(await job(jobId)).toMatchObject({ status: 'cancelled' });
    const [j] = (await client.call('judges.list', {})).judges;
    expect(j!.verdicts + j!.noVerdict).toBeGreaterThanOrEqual(2);
    expect(j!.verdicts + j!.noVerdict).toBeLessThan(6);
  });

  it('tests one item, and keeps the template versioned', async () => {
    server = await startChatServer(() => ({ reply: 'Fine.\nVERDICT: TIE' }));
    expect(await client.call('judges.getTemplate', {})).toMatchObject({
      version: 1,
      isDefault: true,
    });
    const r = await client.call('judges.test', { endpoint: server.url, model: 'm', itemId: 'q3' });
    expect(r).toMatchObject({ itemId: 'q3', verdict: 'TIE', reply: 'Fine.\nVERDICT: TIE' });
    expect((await client.call('judges.list', {})).judges).toEqual([]);
    const set = await client.call('judges.setTemplate', {
      text: 'Which is better?\nA: {{response_a}}\nB: {{response_b}}\nEnd with VERDICT: A or B.',
    });
    expect(set).toMatchObject({ version: 2, isDefault: false });
    expect((await client.call('judges.setTemplate', { text: set.text })).version).toBe(2);
    const bad = await failure(client.call('judges.setTemplate', { text: 'only {{response_a}}' }));
    expect(bad.message).toMatch(/\{\{response_b\}\} is missing/);
    expect((await client.call('judges.getTemplate', {})).version).toBe(2);
  });

  it('imports verdicts as a job, refusing a bad file with IMPORT_FAILED', async () => {
    const ok = await job(
      (
        await client.call('judges.import', {
          source: {
            path: judgeFile([
              {
                itemId: 'q1',
                judge: 'rm',
                kind: 'reward-model',
                chosen: 0,
                rejected: 1,
                score: [2, 1],
              },
            ]),
          },
        })
      ).jobId,
    );
    expect(ok).toMatchObject({ status: 'succeeded', result: { added: 1 } });
    const bad = await job(
      (
        await client.call('judges.import', {
          source: { path: judgeFile([{ itemId: 'zz', judge: 'x', chosen: 0, rejected: 1 }]) },
        })
      ).jobId,
    );
    expect(bad).toMatchObject({ status: 'failed', error: { code: 'IMPORT_FAILED' } });
  });

  it('gives suggestions only as the setting allows, and stores the one on screen with the judgment', async () => {
    await job(
      (
        await client.call('judges.import', {
          source: {
            path: judgeFile([
              { itemId: 'q0', judge: 'gpt', chosen: 1, rejected: 0, rationale: 'second is kinder' },
              { itemId: 'q1', judge: 'gpt', outcome: 'tie' },
              { itemId: 'q2', judge: 'gpt', chosen: 0, rejected: 1, order: [0, 1] },
              { itemId: 'q2', judge: 'gpt', chosen: 1, rejected: 0, order: [1, 0] },
            ]),
          },
        })
      ).jobId,
    );
    const me = (await client.call('session.get', {})).labeller!;
    const ask = (itemId: string) => client.call('judges.suggestion', { labellerId: me.id, itemId });
    expect(await ask('q0')).toEqual({ mode: 'off', suggestion: null, reason: 'off' });
    expect(await client.call('judges.getSuggestions', {})).toEqual({ mode: 'off', judge: null });
    expect(
      (await failure(client.call('judges.setSuggestions', { mode: 'before', judge: 'nobody' })))
        .code,
    ).toBe('NOT_FOUND');

    await client.call('judges.setSuggestions', { mode: 'before', judge: 'gpt' });
    expect(await ask('q0')).toEqual({
      mode: 'before',
      reason: null,
      suggestion: {
        judge: 'gpt',
        outcome: 'preferred',
        chosen: 1,
        rejected: 0,
        rationale: 'second is kinder',
      },
    });
    // Flipped with the order: no consistent verdict to suggest.
    expect(await ask('q2')).toEqual({ mode: 'before', suggestion: null, reason: 'no-verdict' });

    const submit = async (itemId: string, suggestion: { judge: string } | null) => {
      const it = await client.call('items.get', { labellerId: me.id, itemId });
      return client.call('judgments.submit', {
        labellerId: me.id,
        itemId,
        displayedOrder: it.displayedOrder,
        verdict: { kind: 'pairwise', choice: 'A' },
        timeMs: 500,
        suggestion,
      });
    };
    const { judgmentId } = await submit('q0', { judge: 'gpt' });
    const stored = () =>
      backend.project.db
        .prepare('SELECT suggestion_json FROM judgments WHERE id = ?')
        .pluck()
        .get(judgmentId) as string | null;
    expect(JSON.parse(stored()!)).toEqual({
      judge: 'gpt',
      shown: 'before',
      outcome: 'preferred',
      chosen: 1,
      rejected: 0,
    });
    // A suggestion the project cannot have shown is refused, and nothing is saved.
    expect((await failure(submit('q2', { judge: 'gpt' }))).message).toMatch(
      /has no suggestion for item "q2"/,
    );
    expect((await failure(submit('q3', { judge: 'other' }))).message).toMatch(
      /shows "gpt"'s suggestions/,
    );

    await client.call('judges.setSuggestions', { mode: 'after', judge: 'gpt' });
    expect(await ask('q1')).toEqual({ mode: 'after', suggestion: null, reason: 'not-judged-yet' });
    await submit('q1', null);
    expect((await ask('q1')).suggestion).toEqual({
      judge: 'gpt',
      outcome: 'tie',
      chosen: 0,
      rejected: 1,
      rationale: null,
    });

    await client.call('judges.setSuggestions', { mode: 'off', judge: null });
    expect((await failure(submit('q4', { judge: 'gpt' }))).message).toMatch(/suggestions are off/);
  });

  it('orders triage where judges disagree, flip or barely prefer, and assigns in that order', async () => {
    await job(
      (
        await client.call('judges.import', {
          source: {
            path: judgeFile([
              { itemId: 'q0', judge: 'a', chosen: 0, rejected: 1 },
              { itemId: 'q0', judge: 'b', chosen: 0, rejected: 1 },
              { itemId: 'q1', judge: 'a', chosen: 0, rejected: 1 },
              { itemId: 'q1', judge: 'b', chosen: 1, rejected: 0 },
              { itemId: 'q2', judge: 'a', chosen: 0, rejected: 1, order: [0, 1] },
              { itemId: 'q2', judge: 'a', chosen: 1, rejected: 0, order: [1, 0] },
              {
                itemId: 'q3',
                judge: 'rm',
                kind: 'reward-model',
                chosen: 0,
                rejected: 1,
                score: [1.0, 0.9],
              },
              { itemId: 'q4', judge: 'rm', chosen: 0, rejected: 1, score: [3.0, 0.5] },
            ]),
          },
        })
      ).jobId,
    );
    const { total, entries } = await client.call('judges.triage', {});
    expect(total).toBe(6);
    expect(entries.map((e) => [e.itemId, e.tier])).toEqual([
      ['q1', 2],
      ['q2', 1],
      ['q3', 0],
      ['q4', 0],
      ['q0', 0],
      ['q5', -1],
    ]);
    expect(entries[0]).toMatchObject({ disagreement: 1, judges: 2, flipped: [] });
    expect(entries[1]).toMatchObject({ flipped: ['a'] });
    expect(entries[2]!.margin).toBeCloseTo(0.1, 12);

    const ada = (await client.call('session.get', {})).labeller!;
    await client.call('team.assign', { labellerIds: [ada.id], overlap: 1, order: 'triage' });
    const first = await client.call('items.next', { labellerId: ada.id });
    expect(first!.id).toBe('q1');
  });
});
