import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import { cohenKappa, fleissKappa } from '../../shared/metrics/index';
import type { Backend } from '../backend';
import { importFile } from '../import/import-file';
import { createInProcessTransport } from '../in-process-transport';
import { item, newBackend, newProject, tempDir, writeJsonl } from '../test-support/temp-project';

/** Wait for a job through jobs.get (no timers: the runner settles on its own). */
async function finished(backend: Backend, client: Client, jobId: string) {
  await backend.jobs.idle();
  const s = await client.call('jobs.get', { jobId });
  if (s.status !== 'succeeded') throw new Error(`job ${s.status}: ${JSON.stringify(s)}`);
  return s.result;
}

describe('team workflow through the backend', () => {
  let t: ReturnType<typeof tempDir>;
  let backend: Backend;
  let client: Client;
  beforeEach(async () => {
    t = tempDir();
    const project = newProject(t.dir);
    const records = Array.from({ length: 12 }, (_, i) =>
      item(`q${i}`, `prompt ${i}`, [
        { model: 'alpha', text: `a${i}` },
        { model: 'beta', text: `b${i}` },
      ]),
    );
    await importFile(project.db, writeJsonl(join(t.dir, 'in.jsonl'), records));
    backend = newBackend(project);
    client = createClient(createInProcessTransport(backend));
  });
  afterEach(async () => {
    await backend.close();
    t.cleanup();
  });

  /** Judge a labeller's whole queue; `choose` sees the item as shown. */
  async function judge(
    labellerId: string,
    choose: (view: { id: string; displayedOrder: number[] }) => 'A' | 'B' | 'tie',
  ) {
    for (;;) {
      const next = await client.call('items.next', { labellerId });
      if (!next) return;
      await client.call('judgments.submit', {
        labellerId,
        itemId: next.id,
        displayedOrder: next.displayedOrder,
        verdict: { kind: 'pairwise', choice: choose(next) },
        timeMs: 1500,
        repeatId: next.repeatId ?? null,
      });
    }
  }

  it('assigns queues with overlap, gold and swapped repeats, and items.next follows them', async () => {
    const ada = await client.call('team.addMember', { name: 'Ada' });
    const bo = await client.call('team.addMember', { name: 'Bo' });
    const cy = await client.call('team.addMember', { name: 'Cy' });
    await client.call('team.setGold', {
      itemId: 'q0',
      answer: { kind: 'pairwise', outcome: 'preferred', chosen: 1, rejected: 0 },
    });
    const plan = await client.call('team.assign', {
      labellerIds: [ada.id, bo.id, cy.id],
      overlap: 2,
      repeatRate: 0.25,
      repeatGap: 2,
    });
    // 11 non-gold items × 2 = 22 slots over 3 labellers, plus the gold item for each.
    expect(plan.labellers.map((l) => l.items).reduce((s, n) => s + n, 0)).toBe(22 + 3);
    expect(plan.labellers.every((l) => l.gold === 1 && l.repeats > 0)).toBe(true);

    const progress = await client.call('progress.get', { labellerId: ada.id });
    expect(progress.total).toBe(plan.labellers.find((l) => l.id === ada.id)!.items);

    // Ada always picks the response shown on the left: her repeats must disagree with the
    // first judgment and be flagged as same-position answers.
    const shown: string[] = [];
    for (;;) {
      const next = await client.call('items.next', { labellerId: ada.id });
      if (!next) break;
      shown.push(next.repeatId ? `repeat:${next.id}` : next.id);
      if (next.repeatId) expect(next.current).toBeNull();
      await client.call('judgments.submit', {
        labellerId: ada.id,
        itemId: next.id,
        displayedOrder: next.displayedOrder,
        verdict: { kind: 'pairwise', choice: 'A' },
        timeMs: 900,
        repeatId: next.repeatId ?? null,
      });
    }
    const repeats = shown.filter((s) => s.startsWith('repeat:'));
    expect(repeats.length).toBe(plan.labellers.find((l) => l.id === ada.id)!.repeats);
    // Each repeat comes after the item it repeats.
    for (const r of repeats) expect(shown.indexOf(r)).toBeGreaterThan(shown.indexOf(r.slice(7)));
    // Repeats are answers beside the judgment, not revisions of it.
    const members = await client.call('team.members', {});
    const me = members.members.find((m) => m.id === ada.id)!;
    expect(me.revisions).toBe(me.judged);
    expect(me.repeats.answered).toBe(repeats.length);

    // Bo and Cy prefer response 1 (beta) wherever it is shown; Cy ties the gold item.
    const beta = (v: { displayedOrder: number[] }) => (v.displayedOrder[0] === 1 ? 'A' : 'B');
    await judge(bo.id, beta);
    await judge(cy.id, (v) => (v.id === 'q0' ? 'tie' : beta(v)));

    const { jobId } = await client.call('agreement.start', {});
    await finished(backend, client, jobId);
    const { report } = await client.call('agreement.get', {});
    const stats = Object.fromEntries(report!.perLabeller.map((l) => [l.name, l]));
    expect(stats['Ada']!.positionBias.rate).toBe(1);
    expect(stats['Ada']!.positionBias.interval!.lower!).toBeGreaterThan(0.5);
    expect(stats['Ada']!.repeats).toMatchObject({ consistent: 0, samePosition: repeats.length });
    expect(stats['Bo']!.gold).toMatchObject({ n: 1, correct: 1, rate: 1 });
    expect(stats['Cy']!.gold).toMatchObject({ n: 1, correct: 0 });
    expect(stats['Bo']!.time.median).toBe(1.5);
  });

  it('reports the same figures as the metrics API, and a queue sorted by disagreement', async () => {
    const [ada, bo, cy] = await Promise.all(
      ['Ada', 'Bo', 'Cy'].map((name) => client.call('team.addMember', { name })),
    );
    // Source-order verdicts: which response each labeller prefers per item (0 or 1), or tie.
    const plans: Record<string, Array<0 | 1 | 'tie'>> = {
      [ada!.id]: [0, 0, 1, 1, 0, 'tie', 0, 1, 0, 0, 1, 1],
      [bo!.id]: [0, 1, 1, 1, 0, 0, 0, 1, 'tie', 0, 1, 0],
      [cy!.id]: [1, 1, 1, 0, 0, 0, 0, 1, 'tie', 'tie', 1, 0],
    };
    for (const [labellerId, plan] of Object.entries(plans)) {
      await judge(labellerId, ({ id }) => {
        const want = plan[Number(id.slice(1))]!;
        if (want === 'tie') return 'tie';
        return 'A';
      });
    }
    // The loop above chose "A" (display position) — recompute what that means per labeller by
    // reading back the stored verdicts instead of assuming an order.
    const labels = new Map<string, Array<string>>();
    for (const labellerId of Object.keys(plans)) {
      const row: string[] = [];
      for (let i = 0; i < 12; i++) {
        const v = await client.call('items.get', { labellerId, itemId: `q${i}` });
        const verdict = v.current!.verdict;
        if (verdict.kind !== 'pairwise') throw new Error('pairwise expected');
        row.push(
          verdict.choice === 'tie'
            ? 'tie'
            : String(v.displayedOrder[verdict.choice === 'A' ? 0 : 1]),
        );
      }
      labels.set(labellerId, row);
    }
    const { jobId } = await client.call('agreement.start', {});
    await finished(backend, client, jobId);
    const { report } = await client.call('agreement.get', {});
    const fig = (key: string) => report!.tasks[0]!.figures.find((f) => f.key === key)!.value;
    const ids = report!.labellers.map((l) => l.id);
    const units = Array.from({ length: 12 }, (_, i) => ids.map((id) => labels.get(id)![i]!));
    expect(fig('fleiss-kappa')).toBeCloseTo(fleissKappa(units)!, 12);
    expect(report!.pairs.cohenKappa[0]![1]).toBeCloseTo(
      cohenKappa(labels.get(ids[0]!)!, labels.get(ids[1]!)!)!,
      12,
    );
    const queue = await client.call('reviews.queue', { limit: 100 });
    expect(queue.total).toBeGreaterThan(0);
    const scores = queue.rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const r of queue.rows) {
      const distinct = new Set(ids.map((id) => labels.get(id)![Number(r.itemId.slice(1))]));
      expect(distinct.size).toBeGreaterThan(1);
    }

    // Adjudicate the top item; the queue shows it decided, the item shows every judgment.
    const top = queue.rows[0]!;
    const detail = await client.call('reviews.item', { itemId: top.itemId });
    expect(detail.judgments).toHaveLength(3);
    // Each judgment carries the order its labeller saw, so the reviewer can name their A and B.
    for (const j of detail.judgments) {
      const seen = await client.call('items.get', { labellerId: j.labellerId, itemId: top.itemId });
      expect(j.displayedOrder).toEqual(seen.displayedOrder);
    }
    await client.call('reviews.decide', {
      itemId: top.itemId,
      reviewerId: ada!.id,
      decision: { kind: 'pairwise', outcome: 'preferred', chosenIdx: 1, rejectedIdx: 0 },
      note: 'B answers the question',
      asGold: { hidden: true },
    });
    const after = await client.call('reviews.queue', { status: 'adjudicated' });
    expect(after.rows.map((r) => [r.itemId, r.decision])).toEqual([
      [top.itemId, 'Response 2 better'],
    ]);
    expect((await client.call('agreement.get', {})).stale).toBe(true);
    const again = await client.call('reviews.item', { itemId: top.itemId });
    expect(again.decision).toMatchObject({ chosenIdx: 1 });
    expect(again.history[0]).toMatchObject({ note: 'B answers the question', reviewerName: 'Ada' });
    expect(again.gold).toMatchObject({ kind: 'pairwise', chosen: 1 });

    // Leaderboard from the same judgments (models alpha and beta).
    const lb = await client.call('leaderboard.start', { bootstrapRounds: 50 });
    await finished(backend, client, lb.jobId);
    const { leaderboard } = await client.call('leaderboard.get', {});
    expect(leaderboard!.models.map((m) => m.model).sort()).toEqual(['alpha', 'beta']);
    expect(leaderboard!.comparisons).toBe(36);
  });

  it('refuses a path source over the browser host and unknown uploads', async () => {
    const browser = newBackend(newProject(t.dir, 'b.rankwise'));
    const b = createClient(createInProcessTransport({ ...browser, handlers: browser.handlers }));
    // The in-process backend is not the browser host: paths are accepted there.
    const ok = await b.call('merge.start', { sources: [{ path: join(t.dir, 'missing.jsonl') }] });
    await browser.jobs.idle();
    const res = await b.call('jobs.get', { jobId: ok.jobId });
    expect(res).toMatchObject({ status: 'succeeded', result: { files: [{ status: 'refused' }] } });
    await expect(b.call('merge.start', { sources: [{ uploadId: 'nope' }] })).rejects.toThrow(
      /no upload/,
    );
    await browser.close();
  });
});
