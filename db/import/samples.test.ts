import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/item';
import type { Project } from '../open';
import { countRows, SAMPLES, storedItems } from '../test-support/project-rows';
import { newProject, tempDir, failure } from '../test-support/temp-project';
import { importFile } from './import-file';

/**
 * Every real sample imports with the item and response counts and the prompt/response splits
 * checked by hand against the files (see each sample folder's README for the facts used).
 */

const sample = (...p: string[]) => join(SAMPLES, ...p);

describe('importing the real sample datasets', () => {
  let t: ReturnType<typeof tempDir>;
  let project: Project;
  beforeEach(() => {
    t = tempDir();
    project = newProject(t.dir);
  });
  afterEach(() => {
    project.close();
    t.cleanup();
  });

  it('HH-RLHF: 300 pairs split at the last Assistant turn, the prompt as a conversation', async () => {
    const summary = await importFile(
      project.db,
      sample('hh-rlhf-harmless-base', 'test.first300.jsonl'),
    );
    expect(summary).toMatchObject({
      format: 'hh',
      imported: 300,
      responses: 600,
      duplicates: 0,
      skippedCount: 0,
    });
    const items = storedItems(project);
    const first = items[0]!;
    const prompt = first.prompt as Message[];
    // Five turns before the last Assistant: Human, Assistant, Human, Assistant, Human.
    expect(prompt.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(prompt[0]!.content).toBe('what are some pranks with a pen i can do?');
    expect(prompt[4]!.content).toBe('okay some of these do not have anything to do with pens');
    expect(first.responses[0]!.content).toBe(
      'No, sorry!  All of these involve a pen, the point is that you can get funny results by doing pranks with pens.',
    );
    expect(first.responses.map((r) => r.metadata?.['source_field'])).toEqual([
      'chosen',
      'rejected',
    ]);
    expect(first.metadata?.['source_verdicts']).toEqual([
      { from: 'chosen/rejected', ranking: [[0], [1]] },
    ]);
    // Line 87: the chosen response is empty (" " after the tag), the rejected one is not.
    expect(items[86]!.responses[0]!.content).toBe('');
    expect(items[86]!.responses[1]!.content).toBe('Sure, the address is ...');
    expect((items[86]!.prompt as Message[]).at(-1)!.content).toBe(
      'Sorry, can you tell me address again?',
    );
    // Line 30: a response that itself starts with "Human:" stays a response.
    expect(items[29]!.responses[0]!.content.startsWith('Human: No, you are racist.')).toBe(true);
  });

  it('HH-RLHF edge cases: transcripts that differ before the last Assistant turn are reported, not split', async () => {
    const file = sample('hh-rlhf-harmless-base', 'test.edge-cases.jsonl');
    const e = await failure(importFile(project.db, file));
    expect(e.message).toBe(
      'test.edge-cases.jsonl:1: rejected: chosen and rejected differ before their last Assistant turn (from turn 4 of the conversation), so they are not two responses to one prompt',
    );
    const summary = await importFile(project.db, file, { skipBadLines: true });
    expect(summary).toMatchObject({ imported: 0, skippedCount: 3, importId: null });
    expect(summary.skipped.map((s) => s.line)).toEqual([1, 2, 3]);
    expect(countRows(project, 'items')).toBe(0);
  });

  it('OpenAssistant trees: one item per message with 2+ assistant replies, ranks kept', async () => {
    const summary = await importFile(
      project.db,
      sample('oasst-message-trees', 'en_100_tree.jsonl'),
    );
    // 260 sibling groups: 214 of assistant replies (647 replies), 46 of prompter replies.
    expect(summary).toMatchObject({ format: 'oasst', imported: 214, responses: 647, records: 100 });
    expect(summary.notes).toEqual([
      {
        reason:
          'groups of sibling prompter messages (alternative user turns, not responses) left out',
        count: 46,
      },
    ]);
    const items = storedItems(project);
    const first = items[0]!;
    expect(first.id).toBe('054e1df3-35e0-4bb8-a585-607dbdcd24e0');
    expect(first.prompt).toEqual([
      { role: 'user', content: 'How can I find the best 401k plan for my needs?' },
    ]);
    expect(first.responses.map((r) => r.model)).toEqual(['chip20b', 'chip20b', 'chip20b']);
    expect(
      first.responses[0]!.content.startsWith('The first step is to research your options.'),
    ).toBe(true);
    expect(first.responses.map((r) => r.metadata?.['rank'])).toEqual([0, 1, 2]);
    expect(first.metadata).toMatchObject({
      message_tree_id: '054e1df3-35e0-4bb8-a585-607dbdcd24e0',
      source_verdicts: [{ from: 'rank', ranking: [[0], [1], [2]] }],
    });
    // 48 groups carry no ranks at all: no verdict is invented for them.
    const unranked = items.filter((i) => !i.metadata?.['source_verdicts']);
    expect(unranked.length).toBeGreaterThan(0);
    expect(
      unranked.every((i) =>
        i.responses.every((r) => r.metadata?.['rank'] === undefined || r.metadata['rank'] === null),
      ),
    ).toBe(true);
    // A deeper item's prompt is the whole conversation down to its parent, ending on a user turn.
    const deep = items.find((i) => (i.prompt as Message[]).length >= 3)!;
    const turns = deep.prompt as Message[];
    expect(turns.map((m) => m.role)).toEqual(
      turns.map((_, k) => (k % 2 === 0 ? 'user' : 'assistant')),
    );
  });

  it('ShareGPT DPO: conversations are the prompt (system turns first), chosen/rejected the responses', async () => {
    const summary = await importFile(
      project.db,
      sample('llamafactory-sharegpt-dpo', 'dpo_en_demo.first100.json'),
    );
    expect(summary).toMatchObject({
      format: 'sharegpt',
      container: 'json',
      imported: 100,
      responses: 200,
    });
    const items = storedItems(project);
    expect(items[0]!.prompt).toEqual([
      {
        role: 'user',
        content:
          "Hi! I'd like to create a new language game simulating the first person perspective of a character named Angela.",
      },
    ]);
    expect(
      items[0]!.responses[0]!.content.startsWith(
        'That sounds like a fun and engaging idea! Here are',
      ),
    ).toBe(true);
    expect(
      items[0]!.responses[1]!.content.startsWith(
        "Hello! I'd be happy to help you create a language",
      ),
    ).toBe(true);
    const withSystem = items[1]!.prompt as Message[];
    expect(withSystem.map((m) => m.role)).toEqual(['system', 'user']);
    expect(
      withSystem[0]!.content.startsWith(
        'You are a teacher. Given a task, you explain in simple steps',
      ),
    ).toBe(true);
    expect(
      items[1]!.responses[0]!.content.startsWith(
        'In this task, you are asked to identify the part-o',
      ),
    ).toBe(true);
    // Every prompt ends on the human turn (the README's fact), never on a reply.
    expect(items.every((i) => (i.prompt as Message[]).at(-1)!.role === 'user')).toBe(true);
  });

  it('KTO (unpaired) data is recognised and refused with the reason, not half-imported', async () => {
    const e = await failure(
      importFile(project.db, sample('llamafactory-kto', 'kto_en_demo.first100.json')),
    );
    expect(e.message).toMatch(
      /^kto_en_demo\.first100\.json: cannot tell what shape the records have: unpaired \(KTO\) data/,
    );
    expect(countRows(project, 'items')).toBe(0);
  });

  it('Label Studio import tasks: a JSON array of {prompt, answer1, answer2}, empty answers kept', async () => {
    const summary = await importFile(
      project.db,
      sample('labelstudio-pairwise-rlhf', 'ls_input_data.json'),
    );
    expect(summary).toMatchObject({
      format: 'labelstudio',
      container: 'json',
      imported: 32,
      responses: 64,
    });
    const items = storedItems(project);
    expect(items[0]!.prompt).toBe('What is the latest news on the stock market?');
    expect(items[4]!.responses[0]!.content).toBe('');
    expect(items[21]!.responses[1]!.content).toBe('');
    expect(items[0]!.responses.map((r) => r.metadata?.['source_field'])).toEqual([
      'answer1',
      'answer2',
    ]);
  });

  it('Label Studio export: task ids kept, every annotation kept as a verdict (18 left, 14 right)', async () => {
    const summary = await importFile(
      project.db,
      sample('labelstudio-pairwise-rlhf', 'ls_output_data.json'),
    );
    expect(summary).toMatchObject({ format: 'labelstudio', imported: 32, responses: 64 });
    const items = storedItems(project);
    expect(items[0]!.id).toBe('401635');
    expect(items[0]!.prompt).toBe('What is the latest news on the stock market?');
    const verdicts = items.map(
      (i) => (i.metadata?.['source_verdicts'] as Array<{ ranking: number[][]; by: string }>)[0]!,
    );
    expect(verdicts.filter((v) => v.ranking[0]![0] === 0)).toHaveLength(18);
    expect(verdicts.filter((v) => v.ranking[0]![0] === 1)).toHaveLength(14);
    expect(verdicts[0]).toEqual({ from: 'annotations', ranking: [[0], [1]], by: '2' });
    expect(items[0]!.metadata?.['annotations']).toHaveLength(1);
  });

  it('every sample re-imports as a no-op that writes nothing', async () => {
    const file = sample('oasst-message-trees', 'en_100_tree.jsonl');
    await importFile(project.db, file);
    const again = await importFile(project.db, file);
    expect(again).toMatchObject({ imported: 0, duplicates: 214, importId: null });
    expect(countRows(project, 'imports')).toBe(1);
  });
});
