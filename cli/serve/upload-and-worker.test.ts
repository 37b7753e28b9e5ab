import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { analyse } from '../../db/analysis/run';
import { AnalysisService } from '../../db/analysis/service';
import { writeAnnotations } from '../../db/handoff/annotations';
import { importFile } from '../../db/import/import-file';
import { ensureLabeller } from '../../db/labellers';
import { appendRevision } from '../../db/judgments';
import { bundleForNode } from '../../db/test-support/bundle';
import { item, newProject, tempDir, writeJsonl } from '../../db/test-support/temp-project';
import { createBackend } from '../../db/backend';
import { memoryIdentityStore } from '../../db/identity-file';
import { startHttpHost } from './http-host';

describe('browser host uploads and the analysis worker', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  async function projectWithJudgments(name: string) {
    const p = newProject(t.dir, name);
    await importFile(
      p.db,
      writeJsonl(
        join(t.dir, `${name}.jsonl`),
        ['a', 'b', 'c'].map((i) => item(i)),
      ),
    );
    for (const [l, chosen] of [
      ['L1', 0],
      ['L2', 1],
    ] as const) {
      ensureLabeller(p.db, { id: l, name: l });
      for (const itemId of ['a', 'b', 'c'])
        appendRevision(p.db, {
          itemId,
          labellerId: l,
          verdict: {
            kind: 'pairwise',
            outcome: 'preferred',
            chosenIdx: chosen,
            rejectedIdx: 1 - chosen,
            strength: null,
            criteria: {},
          },
          rationale: null,
          flags: [],
          displayedOrder: [0, 1],
          timeMs: 10,
          guidelineVersion: 1,
          taskVersion: 1,
        });
    }
    return p;
  }

  it('merges a file uploaded over HTTP, by upload id; paths are refused there', async () => {
    const source = await projectWithJudgments('source.rankwise');
    const file = join(t.dir, 'L1.jsonl');
    await writeAnnotations(source.db, 'L1', file);
    source.close();
    // The lead's project: the same items (same project id, copied file) without judgments.
    const lead = newProject(t.dir, 'lead.rankwise');
    await importFile(
      lead.db,
      writeJsonl(
        join(t.dir, 'lead.jsonl'),
        ['a', 'b', 'c'].map((i) => item(i)),
      ),
    );
    const backend = createBackend({
      project: lead,
      host: 'browser',
      identity: memoryIdentityStore(),
    });
    const host = await startHttpHost({ backend, rendererDir: null });
    try {
      const auth = { authorization: `Bearer ${host.token}` };
      const up = await fetch(`${host.url}/upload?name=L1.jsonl`, {
        method: 'POST',
        headers: auth,
        body: readFileSync(file),
      });
      const { value } = (await up.json()) as { value: { uploadId: string; bytes: number } };
      expect(value.bytes).toBeGreaterThan(0);
      const call = async (method: string, input: unknown) =>
        (await (
          await fetch(`${host.url}/api/${method}`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify(input),
          })
        ).json()) as { ok: boolean; value?: { jobId: string }; error?: { message: string } };
      const refused = await call('merge.start', { sources: [{ path: file }] });
      expect(refused.ok).toBe(false);
      const started = await call('merge.start', {
        sources: [{ uploadId: value.uploadId }],
        allowOtherProject: true,
      });
      await backend.jobs.idle();
      const status = backend.jobs.status(started.value!.jobId);
      expect(status).toMatchObject({
        status: 'succeeded',
        result: { files: [{ status: 'merged', file: 'L1.jsonl', added: 3 }] },
      });
      // Without the token, no upload.
      expect((await fetch(`${host.url}/upload`, { method: 'POST', body: 'x' })).status).toBe(401);
    } finally {
      await host.close();
      await backend.close();
    }
  });

  it('runs analyses in one worker thread from the bundled entry, as inline, sharing one load', async () => {
    const p = await projectWithJudgments('w.rankwise');
    p.close();
    // Inside the repository, so the bundle resolves better-sqlite3 as the real one does.
    const cache = join(import.meta.dirname, '../../node_modules/.cache/rankwise-test');
    const out = await bundleForNode(
      join(import.meta.dirname, '../../db/analysis/worker.ts'),
      join(cache, `analysis-worker-${process.pid}`),
    );
    onTestFinished(() => rmSync(dirname(out), { recursive: true, force: true }));
    const path = join(t.dir, 'w.rankwise');
    const service = new AnalysisService(path, out);
    onTestFinished(() => service.close());
    const first = await service.run({ task: 'agreement' });
    const viaWorker = first.result;
    const inline = analyse(path, { task: 'agreement' });
    if (viaWorker.task !== 'agreement' || inline.task !== 'agreement')
      throw new Error('agreement expected');
    expect({ ...viaWorker.report, computedAt: 0, computeMs: 0 }).toEqual({
      ...inline.report,
      computedAt: 0,
      computeMs: 0,
    });
    expect(viaWorker.queue.seq).toHaveLength(3);
    expect(viaWorker.queue).toEqual(inline.queue);
    expect(first.reused).toBe(false);
    // The leaderboard after it starts from the same loaded input: no second load.
    const second = await service.run({ task: 'leaderboard' });
    expect(second).toMatchObject({ reused: true, loadMs: 0, result: { task: 'leaderboard' } });
    // Once the project changes, the next task loads afresh.
    service.invalidate();
    expect((await service.run({ task: 'leaderboard' })).reused).toBe(false);
    // Cancelling the running task stops its worker; the next task gets a new one.
    const cancelled = new AbortController();
    const pending = service.run({ task: 'leaderboard' }, cancelled.signal);
    cancelled.abort();
    await expect(pending).rejects.toThrow(/cancelled/);
    const after = await service.run({ task: 'agreement' });
    expect(after.reused).toBe(false);
    expect(after.result).toMatchObject({ task: 'agreement' });
  });
});
