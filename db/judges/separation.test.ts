import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgreementReport, Leaderboard } from '../../shared/analysis/report';
import { analyse } from '../analysis/run';
import { runExport } from '../export/run-export';
import { openProject } from '../open';
import { setGold } from '../team/gold';
import { startChatServer, type ChatServer } from '../test-support/chat-server';
import { ADA, BEN, CY, pairwiseProject, type ExportProject } from '../test-support/export-project';
import { tempDir, writeJsonl } from '../test-support/temp-project';
import { judgesFromSource } from './from-source';
import { importJudgeVerdicts } from './import-verdicts';
import { runJudge } from './run-judge';

/**
 * Judges are sources, never labellers: importing and running judges changes no figure about
 * people — agreement between them, gold accuracy, per-labeller stats, the disagreement queue,
 * the leaderboard, queues, progress, team counts, exports. Everything is computed before and
 * after, and compared whole.
 */
describe('judges never count as human labels', () => {
  let t: ReturnType<typeof tempDir>;
  let p: ExportProject;
  let server: ChatServer;
  beforeEach(async () => {
    t = tempDir();
    p = await pairwiseProject(t.dir);
    setGold(p.backend.project.db, 'i2', {
      kind: 'pairwise',
      outcome: 'preferred',
      chosen: 1,
      rejected: 0,
    });
    setGold(p.backend.project.db, 'i3', {
      kind: 'pairwise',
      outcome: 'tie',
      chosen: 0,
      rejected: 1,
    });
    server = await startChatServer((c) => ({
      reply: `VERDICT: ${c.content.length % 2 ? 'A' : 'TIE'}`,
    }));
  });
  afterEach(async () => {
    await p.backend.close();
    await server.close();
    t.cleanup();
  });

  const withoutJudges = (r: AgreementReport) => {
    const { computedAt: _a, computeMs: _b, judges: _c, ...rest } = r;
    return rest;
  };
  const boardWithoutJudges = (l: Leaderboard) => {
    const { computedAt: _a, computeMs: _b, judges: _c, ...rest } = l;
    return rest;
  };

  async function everything() {
    const a = analyse(p.path, { task: 'agreement' });
    const l = analyse(p.path, { task: 'leaderboard', options: { bootstrapRounds: 20 } });
    if (a.task !== 'agreement' || l.task !== 'leaderboard') throw new Error('unexpected');
    const c = p.client;
    const people = [ADA, BEN, CY];
    const exports: string[] = [];
    const reader = openProject(p.path, { readonly: true });
    try {
      for (const [format, policy] of [
        ['trl', 'each'],
        ['reward', 'majority'],
        ['kto', 'adjudicated'],
        ['raw', 'each'],
      ] as const) {
        const out = join(t.dir, 'out', `${format}-${exports.length}-${Math.random()}.jsonl`);
        const r = await runExport(reader.db, p.path, out, { format, policy });
        exports.push(readFileSync(r.path, 'utf8'));
      }
    } finally {
      reader.close();
    }
    return {
      agreement: withoutJudges(a.report),
      queue: a.queue,
      leaderboard: boardWithoutJudges(l.leaderboard),
      progress: await Promise.all(people.map((id) => c.call('progress.get', { labellerId: id }))),
      next: await Promise.all(people.map((id) => c.call('items.next', { labellerId: id }))),
      members: (await c.call('team.members', {})).members,
      info: await c.call('project.info', {}),
      exports,
    };
  }

  it('leaves every human figure, queue and export as it was', async () => {
    const before = await everything();
    expect(before.agreement.perLabeller.some((l) => l.gold.n > 0)).toBe(true);

    await importJudgeVerdicts(
      p.backend.project.db,
      writeJsonl(
        join(t.dir, 'v.jsonl'),
        ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9'].flatMap((itemId, i) => [
          { itemId, judge: 'gpt', chosen: i % 2, rejected: 1 - (i % 2), order: [0, 1] },
          { itemId, judge: 'gpt', outcome: 'tie', order: [1, 0] },
          { itemId, judge: 'rm', kind: 'reward-model', chosen: 0, rejected: 1, score: [1, 0.5] },
        ]),
      ),
    );
    judgesFromSource(p.backend.project.db);
    await runJudge(
      p.backend.project.db,
      {
        endpoint: server.url,
        model: 'local',
        name: 'local',
        bothOrders: true,
        items: { kind: 'all' },
        concurrency: 2,
      },
      { apiKey: null },
    );
    expect(
      p.backend.project.db.prepare('SELECT count(*) FROM judge_verdicts').pluck().get(),
    ).toBeGreaterThan(40);

    const after = await everything();
    expect(after).toEqual(before);
    // And the judges are there, measured against these same people.
    const a = analyse(p.path, { task: 'agreement' });
    expect(a.task === 'agreement' && a.report.judges.map((j) => j.name)).toEqual([
      'gpt',
      'local',
      'rm',
    ]);
  });
});
