import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { ApiError } from '../../shared/api/errors';
import type { Backend } from '../backend';
import { importFile } from '../import/import-file';
import { createInProcessTransport } from '../in-process-transport';
import { newBackend, newProject, tempDir, writeJsonl } from '../test-support/temp-project';

/** The methods the labelling screen and the item browser lean on, over the real contract. */
describe('drafts, item browser, session summary', () => {
  let t: ReturnType<typeof tempDir>;
  let backend: Backend;
  let client: Client;
  let labellerId: string;

  beforeEach(async () => {
    t = tempDir();
    const project = newProject(t.dir);
    await importFile(
      project.db,
      writeJsonl(join(t.dir, 'in.jsonl'), [
        {
          id: 'sort',
          prompt: 'How does merge sort work?',
          responses: ['Divide and conquer', 'Magic'],
        },
        {
          id: 'chat',
          prompt: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'Hi' },
            { role: 'assistant', content: 'Hello!' },
            { role: 'user', content: 'What is   a\nheap?' },
          ],
          responses: ['A tree', 'A pile', 'A priority queue'],
        },
        { id: 'haiku', prompt: 'Write a haiku about merge conflicts', responses: ['a', 'b'] },
        { id: 'last', prompt: 'Anything', responses: ['x', 'y'] },
      ]),
    );
    backend = newBackend(project, { name: 'ada' });
    client = createClient(createInProcessTransport(backend));
    labellerId = (await client.call('session.get', {})).labeller!.id;
  });
  afterEach(async () => {
    await backend.close();
    t.cleanup();
  });

  async function judge(itemId: string, kind: 'pairwise' | 'skip', flags: string[] = []) {
    const view = await client.call('items.get', { labellerId, itemId });
    return client.call('judgments.submit', {
      labellerId,
      itemId,
      displayedOrder: view.displayedOrder,
      verdict: kind === 'skip' ? { kind: 'skip' } : { kind: 'pairwise', choice: 'A' },
      flags,
      timeMs: 1000,
    });
  }

  it('keeps a draft until the judgment is submitted, then drops it', async () => {
    expect(await client.call('drafts.get', { labellerId, itemId: 'sort' })).toBeNull();
    const draft = {
      displayedOrder: [1, 0],
      pairwise: { choice: 'tie' as const, strength: null, criteria: {} },
      rationale: 'half a thought',
      timeMs: 4200,
    };
    await client.call('drafts.save', { labellerId, itemId: 'sort', draft });
    expect(await client.call('drafts.get', { labellerId, itemId: 'sort' })).toMatchObject({
      draft: { ...draft, flags: [], ranking: null, rating: null },
    });
    const rows = await client.call('items.list', { labellerId, filter: 'drafts' });
    expect(rows.rows.map((r) => r.id)).toEqual(['sort']);
    await judge('sort', 'pairwise');
    expect(await client.call('drafts.get', { labellerId, itemId: 'sort' })).toBeNull();
    const err = await client
      .call('drafts.save', { labellerId, itemId: 'nope', draft })
      .catch((e: unknown) => e as ApiError);
    expect(err).toMatchObject({ code: 'NOT_FOUND' });
    await client.call('drafts.save', { labellerId, itemId: 'haiku', draft });
    expect(await client.call('drafts.discard', { labellerId, itemId: 'haiku' })).toEqual({
      discarded: true,
    });
  });

  it('lists items with this labeller’s status, filtered, searched and paged', async () => {
    await judge('sort', 'pairwise', ['unsafe']);
    await judge('haiku', 'skip');
    const all = await client.call('items.list', { labellerId });
    expect(all.total).toBe(4);
    expect(all.rows).toEqual([
      expect.objectContaining({ id: 'sort', status: 'pairwise', flags: ['unsafe'], responses: 2 }),
      // A conversation previews its last user turn, whitespace folded.
      expect.objectContaining({
        id: 'chat',
        status: null,
        preview: 'What is a heap?',
        turns: 4,
        responses: 3,
      }),
      expect.objectContaining({ id: 'haiku', status: 'skip', hasDraft: false }),
      expect.objectContaining({ id: 'last', status: null }),
    ]);
    const ids = async (input: Record<string, unknown>) =>
      (await client.call('items.list', { labellerId, ...input })).rows.map((r) => r.id);
    expect(await ids({ filter: 'unlabelled' })).toEqual(['chat', 'last']);
    expect(await ids({ filter: 'mine' })).toEqual(['sort']);
    expect(await ids({ filter: 'skipped' })).toEqual(['haiku']);
    expect(await ids({ filter: 'flagged' })).toEqual(['sort']);
    expect(await ids({ query: 'merge' })).toEqual(['sort', 'haiku']);
    expect(await ids({ query: 'merge', filter: 'unlabelled' })).toEqual([]);
    expect(await ids({ query: 'priority que' })).toEqual(['chat']); // in a response, by prefix
    expect(await ids({ query: '"merge sort"' })).toEqual(['sort']);
    expect(await ids({ query: '***' })).toEqual([]);
    const page = await client.call('items.list', {
      labellerId,
      offset: 1,
      limit: 2,
      withTotal: false,
    });
    expect(page).toMatchObject({ total: null, rows: [{ id: 'chat' }, { id: 'haiku' }] });
  });

  it('summarises a session and lists recent items for "back"', async () => {
    const since = Date.now();
    await judge('sort', 'pairwise');
    await judge('chat', 'pairwise');
    await judge('haiku', 'skip');
    await client.call('judgments.undo', { labellerId }); // takes back the skip
    expect(await client.call('session.summary', { labellerId, since })).toEqual({
      judged: 2,
      skipped: 0,
      activeMs: 2000,
      medianMs: 1000,
    });
    expect(await client.call('items.recent', { labellerId })).toEqual(['chat', 'sort']);
    expect(
      await client.call('session.summary', { labellerId, since: Date.now() + 60_000 }),
    ).toEqual({
      judged: 0,
      skipped: 0,
      activeMs: 0,
      medianMs: null,
    });
  });
});
