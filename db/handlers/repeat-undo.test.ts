import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { ItemView } from '../../shared/api/contract';
import type { Backend } from '../backend';
import { importFile } from '../import/import-file';
import { createInProcessTransport } from '../in-process-transport';
import type { Project } from '../open';
import { newBackend, newProject, tempDir, writeJsonl } from '../test-support/temp-project';

/** Wait for a job through jobs.get (no timers: the runner settles on its own). */
async function finished(backend: Backend, client: Client, jobId: string) {
  await backend.jobs.idle();
  const s = await client.call('jobs.get', { jobId });
  if (s.status !== 'succeeded') throw new Error(`job ${s.status}: ${JSON.stringify(s)}`);
  return s.result;
}

/** A labeller's repeat statistics from the agreement report. */
async function repeatStats(backend: Backend, client: Client) {
  const { jobId } = await client.call('agreement.start', {});
  await finished(backend, client, jobId);
  const { report } = await client.call('agreement.get', {});
  return report!.perLabeller.find((l) => l.name === 'ada')!.repeats;
}

const rowsOf = (project: Project, repeatId: string) =>
  project.db
    .prepare(
      'SELECT id, kind, chosen_idx AS chosen, created_at FROM repeat_judgments WHERE repeat_id = ? ORDER BY created_at, id',
    )
    .all(repeatId) as Array<{
    id: string;
    kind: string;
    chosen: number | null;
    created_at: number;
  }>;

describe('undo after answering a swapped repeat', () => {
  let t: ReturnType<typeof tempDir>;
  let input: string;
  let project: Project;
  let backend: Backend;
  let client: Client;
  let ada: string;
  beforeEach(async () => {
    t = tempDir();
    project = newProject(t.dir);
    input = writeJsonl(
      join(t.dir, 'in.jsonl'),
      Array.from({ length: 6 }, (_, i) => ({
        id: `q${i}`,
        prompt: `prompt ${i}`,
        responses: [`first ${i}`, `second ${i}`],
      })),
    );
    await importFile(project.db, input);
    backend = newBackend(project, { name: 'ada' });
    client = createClient(createInProcessTransport(backend));
    ada = (await client.call('session.get', {})).labeller!.id;
    await client.call('team.assign', {
      labellerIds: [ada],
      overlap: 1,
      repeatRate: 0.5,
      repeatGap: 1,
    });
  });
  afterEach(async () => {
    await backend.close();
    t.cleanup();
  });

  const submit = (view: ItemView, choice: 'A' | 'B') =>
    client.call('judgments.submit', {
      labellerId: ada,
      itemId: view.id,
      displayedOrder: view.displayedOrder,
      verdict: { kind: 'pairwise', choice },
      timeMs: 700,
      repeatId: view.repeatId ?? null,
    });

  /** Judge the queue up to the first repeat it serves; returns it and the last regular item. */
  async function upToFirstRepeat(): Promise<{ repeat: ItemView; lastRegular: string }> {
    let lastRegular: string | null = null;
    for (;;) {
      const next = await client.call('items.next', { labellerId: ada });
      if (!next) throw new Error('the queue ended without a repeat');
      if (next.repeatId) return { repeat: next, lastRegular: lastRegular! };
      await submit(next, 'A');
      lastRegular = next.id;
    }
  }

  it('takes back the repeat answer, not the judgment before it, and serves the repeat again', async () => {
    const { repeat, lastRegular } = await upToFirstRepeat();
    const repeatId = repeat.repeatId!;
    // Ada picks the left response both times: the repeat (responses the other way round)
    // contradicts her first judgment.
    await submit(repeat, 'A');
    const progress = await client.call('progress.get', { labellerId: ada });

    const undone = await client.call('judgments.undo', { labellerId: ada });
    expect(undone).toEqual({ itemId: repeat.id, repeatId, progress });
    // The judgment before it stands.
    expect(
      (await client.call('items.get', { labellerId: ada, itemId: lastRegular })).current?.kind,
    ).toBe('pairwise');
    // Nothing was deleted: the answer is still there, followed by its retraction.
    expect(rowsOf(project, repeatId).map((r) => r.kind)).toEqual(['pairwise', 'retract']);
    const members = await client.call('team.members', {});
    expect(members.members.find((m) => m.id === ada)!.repeats.answered).toBe(0);
    expect(await repeatStats(backend, client)).toMatchObject({ n: 0 });

    // The repeat is shown as before (swapped, no verdict) and is due again.
    const again = await client.call('items.get', { labellerId: ada, itemId: repeat.id, repeatId });
    expect(again).toEqual(repeat);
    const next = await client.call('items.next', { labellerId: ada });
    expect(next?.repeatId).toBe(repeatId);

    // A new answer is appended; only it counts.
    const { revision } = await submit(again, 'B');
    expect(revision).toBe(3);
    expect(rowsOf(project, repeatId).map((r) => r.kind)).toEqual([
      'pairwise',
      'retract',
      'pairwise',
    ]);
    const rows = rowsOf(project, repeatId);
    expect(rows[1]!.created_at).toBeGreaterThan(rows[0]!.created_at);
    expect(rows[2]!.created_at).toBeGreaterThan(rows[1]!.created_at);
    expect(await repeatStats(backend, client)).toMatchObject({ n: 1, consistent: 1 });
    await expect(submit(again, 'A')).rejects.toThrow(/already answered/);

    // Undo walks back in time: the new answer, then the regular judgment before the repeat.
    expect(await client.call('judgments.undo', { labellerId: ada })).toMatchObject({
      itemId: repeat.id,
      repeatId,
    });
    const back = await client.call('judgments.undo', { labellerId: ada });
    expect(back?.itemId).toBe(lastRegular);
    expect(back?.repeatId ?? null).toBeNull();
  });

  it('refuses a repeat of another item through items.get', async () => {
    const { repeat, lastRegular } = await upToFirstRepeat();
    await expect(
      client.call('items.get', { labellerId: ada, itemId: lastRegular, repeatId: repeat.repeatId }),
    ).rejects.toThrow(/no repeat/);
  });

  it('merging in pieces: a later file with an undo and a new answer joins the answer merged before', async () => {
    const { repeat } = await upToFirstRepeat();
    await submit(repeat, 'A');
    const exportNow = async () => {
      const { jobId } = await client.call('team.exportAnnotations', { labellerId: ada });
      return ((await finished(backend, client, jobId)) as { path: string }).path;
    };
    const lead = newProject(t.dir, 'lead.rankwise');
    await importFile(lead.db, input);
    const leadBackend = newBackend(lead, { name: 'lead' });
    const leadClient = createClient(createInProcessTransport(leadBackend));
    const merge = async (path: string) => {
      const { jobId } = await leadClient.call('merge.start', {
        sources: [{ path }],
        allowOtherProject: true,
      });
      return ((await finished(leadBackend, leadClient, jobId)) as { files: unknown[] }).files;
    };
    try {
      expect(await merge(await exportNow())).toMatchObject([{ status: 'merged' }]);
      await client.call('judgments.undo', { labellerId: ada });
      await submit(repeat, 'B');
      // The second file holds the first answer again, its retraction and the new answer.
      expect(await merge(await exportNow())).toMatchObject([
        { status: 'merged', repeatAnswersAdded: 2 },
      ]);
      expect(rowsOf(lead, repeat.repeatId!)).toEqual(rowsOf(project, repeat.repeatId!));
      expect(await repeatStats(leadBackend, leadClient)).toEqual(
        await repeatStats(backend, client),
      );
    } finally {
      await leadBackend.close();
    }
  });

  it('exports the retraction in the annotation file, and a merge ends with the same current answer', async () => {
    const { repeat } = await upToFirstRepeat();
    await submit(repeat, 'A');
    await client.call('judgments.undo', { labellerId: ada });
    await submit(repeat, 'B');
    const mine = await repeatStats(backend, client);
    expect(mine).toMatchObject({ n: 1, consistent: 1 });

    const { jobId } = await client.call('team.exportAnnotations', { labellerId: ada });
    const { path } = (await finished(backend, client, jobId)) as { path: string };

    // The lead's project: the same items, no judgments yet.
    const lead = newProject(t.dir, 'lead.rankwise');
    await importFile(lead.db, input);
    const leadBackend = newBackend(lead, { name: 'lead' });
    const leadClient = createClient(createInProcessTransport(leadBackend));
    try {
      const merged = await leadClient.call('merge.start', {
        sources: [{ path }],
        allowOtherProject: true,
      });
      const outcome = (await finished(leadBackend, leadClient, merged.jobId)) as {
        files: Array<{ status: string; repeatAnswersAdded?: number }>;
      };
      expect(outcome.files).toMatchObject([{ status: 'merged', repeatAnswersAdded: 3 }]);
      expect(rowsOf(lead, repeat.repeatId!)).toEqual(rowsOf(project, repeat.repeatId!));
      expect(await repeatStats(leadBackend, leadClient)).toEqual(mine);
    } finally {
      await leadBackend.close();
    }
  });
});
