import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../shared/api/client';
import type { ApiError } from '../../shared/api/errors';
import type { Backend } from '../backend';
import { importFile } from '../import/import-file';
import { createInProcessTransport } from '../in-process-transport';
import { getJudgment, verdictOf } from '../judgments';
import { newBackend, newProject, tempDir, writeJsonl } from '../test-support/temp-project';

describe('judgments.submit for every verdict kind', () => {
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
        { id: 'four', prompt: 'rank us', responses: ['r0', 'r1', 'r2', 'r3'] },
        { id: 'two', prompt: 'pick one', responses: ['x', 'y'] },
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

  const stored = (id: string) => verdictOf(getJudgment(backend.project.db, id)!);

  it('stores a ranking in response terms and shows it back in display terms', async () => {
    const view = await client.call('items.get', { labellerId, itemId: 'four' });
    expect(view.responses).toHaveLength(4);
    // Rank by content so the expectation does not depend on the shuffled order.
    const pos = (c: string) => view.responses.findIndex((r) => r.content === c);
    const tiers = [[pos('r2')], [pos('r0'), pos('r3')], [pos('r1')]];
    const { judgmentId } = await client.call('judgments.submit', {
      labellerId,
      itemId: 'four',
      displayedOrder: view.displayedOrder,
      verdict: { kind: 'ranking', tiers },
      timeMs: 4000,
    });
    expect(stored(judgmentId)).toEqual({
      kind: 'ranking',
      tiers: [[2], [0, 3], [1]],
      noneAcceptable: false,
    });
    const again = await client.call('items.get', { labellerId, itemId: 'four' });
    expect(again.current?.verdict).toEqual({ kind: 'ranking', tiers, noneAcceptable: false });
  });

  it('stores strength, criteria, flags, rationale and the versions it was made under', async () => {
    const task = (await client.call('settings.get', {})).task;
    const { version: _v, ...rest } = task;
    const next = await client.call('settings.updateTask', {
      task: {
        ...rest,
        criteria: ['helpful', 'harmless'],
        pairwise: { ...rest.pairwise, strengthLevels: 4 },
      },
    });
    expect(next.version).toBe(task.version + 1);
    const guidelines = await client.call('settings.updateGuidelines', { markdown: '# Be fair' });
    expect(guidelines.version).toBe(2);

    const view = await client.call('items.get', { labellerId, itemId: 'two' });
    const ySlot = view.responses.findIndex((r) => r.content === 'y') === 0 ? 'A' : 'B';
    const xSlot = ySlot === 'A' ? 'B' : 'A';
    const { judgmentId } = await client.call('judgments.submit', {
      labellerId,
      itemId: 'two',
      displayedOrder: view.displayedOrder,
      verdict: {
        kind: 'pairwise',
        choice: ySlot,
        strength: 3,
        criteria: { helpful: ySlot, harmless: xSlot },
      },
      rationale: 'y answers the question',
      flags: ['factual-error'],
      timeMs: 2500,
    });
    expect(stored(judgmentId)).toEqual({
      kind: 'pairwise',
      outcome: 'preferred',
      chosenIdx: 1,
      rejectedIdx: 0,
      strength: 3,
      criteria: { helpful: 1, harmless: 0 },
    });
    const row = getJudgment(backend.project.db, judgmentId)!;
    expect(row).toMatchObject({
      rationale: 'y answers the question',
      flags_json: '["factual-error"]',
      task_version: next.version,
      guideline_version: 2,
      time_ms: 2500,
    });
    const again = await client.call('items.get', { labellerId, itemId: 'two' });
    expect(again.current).toMatchObject({
      rationale: 'y answers the question',
      flags: ['factual-error'],
      verdict: { choice: ySlot, strength: 3 },
    });
  });

  it('refuses what the task settings forbid, with the reason', async () => {
    const view = await client.call('items.get', { labellerId, itemId: 'two' });
    const err = await client
      .call('judgments.submit', {
        labellerId,
        itemId: 'two',
        displayedOrder: view.displayedOrder,
        verdict: { kind: 'pairwise', choice: 'A', criteria: { funny: 'A' } },
        timeMs: 1,
      })
      .catch((e: unknown) => e as ApiError);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', message: 'unknown criterion "funny"' });
    const partial = await client
      .call('judgments.submit', {
        labellerId,
        itemId: 'four',
        displayedOrder: [0, 1, 2, 3],
        verdict: { kind: 'ranking', tiers: [[0], [1]] },
        timeMs: 1,
      })
      .catch((e: unknown) => e as ApiError);
    expect(partial).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'a ranking must place all 4 responses, got 2',
    });
  });

  it('a skip leaves the queue without counting as done; a rating counts', async () => {
    const first = await client.call('items.next', { labellerId });
    const skipped = await client.call('judgments.submit', {
      labellerId,
      itemId: first!.id,
      displayedOrder: first!.displayedOrder,
      verdict: { kind: 'skip', reason: 'not sure' },
      timeMs: 100,
    });
    expect(skipped.progress).toEqual({ done: 0, total: 2 });
    const second = await client.call('items.next', { labellerId });
    expect(second!.id).not.toBe(first!.id);
    const rated = await client.call('judgments.submit', {
      labellerId,
      itemId: second!.id,
      displayedOrder: second!.displayedOrder,
      verdict: {
        kind: 'rating',
        ratings: second!.responses.map((_, position) => ({
          position,
          aspects: { overall: 5 - position },
        })),
      },
      timeMs: 100,
    });
    expect(rated.progress).toEqual({ done: 1, total: 2 });
    expect(stored(skipped.judgmentId)).toEqual({ kind: 'skip', reason: 'not sure' });
    expect(await client.call('items.next', { labellerId })).toBeNull();
  });
});
