import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { displayOrder } from '../../shared/domain/display-order';
import type { Backend } from '../backend';
import { createClient, type Client } from '../../shared/api/client';
import { createInProcessTransport } from '../in-process-transport';
import { importFile } from '../import/import-file';
import { openProject } from '../open';
import { newBackend, newProject, tempDir, writeJsonl } from '../test-support/temp-project';
import { exportTrl } from './export-trl';

/**
 * Judgments go in through the backend exactly as the UI sends them (display terms), and the
 * export must come out in response terms, whatever order each labeller saw.
 */
describe('TRL export', () => {
  let t: ReturnType<typeof tempDir>;
  let backend: Backend;
  let client: Client;
  beforeEach(async () => {
    t = tempDir();
    const project = newProject(t.dir);
    const records = Array.from({ length: 12 }, (_, i) => ({
      id: `q${i}`,
      prompt: `question ${i}`,
      responses: [
        { model: 'good', text: `good answer ${i}` },
        { model: 'bad', text: `bad answer ${i}` },
      ],
    }));
    records.push({
      id: 'conv',
      prompt: undefined as never,
      responses: [
        { model: 'good', text: 'good conv' },
        { model: 'bad', text: 'bad conv' },
      ],
    });
    const conv = records[records.length - 1] as Record<string, unknown>;
    delete conv['prompt'];
    conv['messages'] = [
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'Hello' },
    ];
    await importFile(project.db, writeJsonl(join(t.dir, 'in.jsonl'), records));
    backend = newBackend(project, { name: 'ada' });
    client = createClient(createInProcessTransport(backend));
  });
  afterEach(async () => {
    await backend.close();
    t.cleanup();
  });

  async function judgeAll(
    labellerId: string,
    pick: (itemId: string) => 'good' | 'bad' | 'tie' | 'both_bad',
  ) {
    for (;;) {
      const view = await client.call('items.next', { labellerId });
      if (!view) return;
      const want = pick(view.id);
      // Find which display slot shows the response we want to win, as a person would.
      const goodSlot = view.responses.findIndex((r) => r.content.startsWith('good'));
      const choice =
        want === 'tie' || want === 'both_bad'
          ? want
          : (want === 'good') === (goodSlot === 0)
            ? 'A'
            : 'B';
      await client.call('judgments.submit', {
        labellerId,
        itemId: view.id,
        displayedOrder: view.displayedOrder,
        verdict: { kind: 'pairwise', choice },
        timeMs: 1000,
      });
    }
  }

  it('maps chosen/rejected through each judgment’s displayed order, and drops ties and both-bad', async () => {
    const { labeller } = await client.call('session.get', {});
    const id = labeller!.id;
    const orders = Array.from({ length: 12 }, (_, i) => displayOrder(id, `q${i}`, 2)[0]);
    // The precondition that makes this test mean something: both display orders occur.
    expect(new Set(orders).size).toBe(2);

    await judgeAll(id, (itemId) =>
      itemId === 'q3' ? 'tie' : itemId === 'q4' ? 'both_bad' : itemId === 'q5' ? 'bad' : 'good',
    );
    const out = join(t.dir, 'out.jsonl');
    const reader = openProject(backend.project.path, { readonly: true });
    const result = await exportTrl(reader.db, out);
    reader.close();
    expect(result).toEqual({
      path: out,
      format: 'trl',
      rows: 11,
      excluded: { ties: 1, bothBad: 1 },
    });

    const rows = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    const expected = [0, 1, 2, 5, 6, 7, 8, 9, 10, 11].map((i) =>
      i === 5
        ? { prompt: 'question 5', chosen: 'bad answer 5', rejected: 'good answer 5' }
        : { prompt: `question ${i}`, chosen: `good answer ${i}`, rejected: `bad answer ${i}` },
    );
    expected.push({
      prompt: 'System: Be kind.\n\nUser: Hello',
      chosen: 'good conv',
      rejected: 'bad conv',
    });
    expect(rows).toEqual(expected);
    // Key order matters to people reading the file.
    expect(Object.keys(rows[0]!)).toEqual(['prompt', 'chosen', 'rejected']);
  });

  it('exports only the current revision: an undone judgment disappears, a re-judged one counts once', async () => {
    const { labeller } = await client.call('session.get', {});
    const id = labeller!.id;
    await judgeAll(id, () => 'good');
    await client.call('judgments.undo', { labellerId: id }); // takes back 'conv'
    const view = await client.call('items.get', { labellerId: id, itemId: 'q0' });
    const badSlot = view.responses.findIndex((r) => r.content.startsWith('bad'));
    await client.call('judgments.submit', {
      labellerId: id,
      itemId: 'q0',
      displayedOrder: view.displayedOrder,
      verdict: { kind: 'pairwise', choice: badSlot === 0 ? 'A' : 'B' },
      rationale: null,
      timeMs: 5,
    });
    const out = join(t.dir, 'o.jsonl');
    const result = await exportTrl(backend.project.db, out);
    expect(result.rows).toBe(12);
    const rows = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows[0]).toEqual({
      prompt: 'question 0',
      chosen: 'bad answer 0',
      rejected: 'good answer 0',
    });
    expect(rows.some((r) => r['chosen'] === 'good conv')).toBe(false);
    const revisions = backend.project.db
      .prepare("SELECT revision, kind FROM judgments WHERE item_id = 'q0' ORDER BY revision")
      .all();
    expect(revisions).toEqual([
      { revision: 1, kind: 'pairwise' },
      { revision: 2, kind: 'pairwise' },
    ]);
  });

  it('a cancelled export leaves no file, not even a partial one', async () => {
    const { labeller } = await client.call('session.get', {});
    await judgeAll(labeller!.id, () => 'good');
    const out = join(t.dir, 'exports', 'cancelled.jsonl');
    const controller = new AbortController();
    controller.abort();
    await expect(
      exportTrl(backend.project.db, out, { signal: controller.signal }),
    ).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(t.dir, 'exports'))).toEqual([]);
  });
});
