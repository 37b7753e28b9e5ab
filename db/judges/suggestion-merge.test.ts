import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client';
import { writeAnnotations } from '../handoff/annotations';
import { importFile } from '../import/import-file';
import { createInProcessTransport } from '../in-process-transport';
import { mergeFiles } from '../merge/merge-files';
import { openProject } from '../open';
import { item, newBackend, newProject, tempDir, writeJsonl } from '../test-support/temp-project';
import { importJudgeVerdicts } from './import-verdicts';

describe('the suggestion on screen travels with its judgment', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('through an annotation file and a merge, as written', async () => {
    const project = newProject(t.dir, 'lead.rankwise');
    await importFile(project.db, writeJsonl(join(t.dir, 'i.jsonl'), [item('q1'), item('q2')]));
    await importJudgeVerdicts(
      project.db,
      writeJsonl(join(t.dir, 'v.jsonl'), [{ itemId: 'q1', judge: 'gpt', chosen: 1, rejected: 0 }]),
    );
    // The copy the annotations are merged into: the same project before anyone judged.
    project.db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = join(t.dir, 'copy.rankwise');
    copyFileSync(project.path, copy);

    const backend = newBackend(project, { name: 'Ada' });
    const client = createClient(createInProcessTransport(backend));
    await client.call('judges.setSuggestions', { mode: 'before', judge: 'gpt' });
    const me = (await client.call('session.get', {})).labeller!;
    for (const [itemId, suggestion] of [
      ['q1', { judge: 'gpt' }],
      ['q2', null],
    ] as const) {
      const it = await client.call('items.get', { labellerId: me.id, itemId });
      await client.call('judgments.submit', {
        labellerId: me.id,
        itemId,
        displayedOrder: it.displayedOrder,
        verdict: { kind: 'pairwise', choice: 'B' },
        timeMs: 10,
        suggestion,
      });
    }
    const file = join(t.dir, 'ada.jsonl');
    await writeAnnotations(project.db, me.id, file);
    const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1, -1);
    expect(lines.map((l) => (JSON.parse(l) as { suggestion?: unknown }).suggestion)).toEqual([
      { judge: 'gpt', shown: 'before', outcome: 'preferred', chosen: 1, rejected: 0 },
      undefined,
    ]);
    const stored = (db: ReturnType<typeof openProject>['db']) =>
      db.prepare('SELECT item_id, suggestion_json FROM judgments ORDER BY item_id').all();
    const want = stored(project.db);
    await backend.close();

    const target = openProject(copy);
    try {
      const [outcome] = await mergeFiles(target.db, [file]);
      expect(outcome).toMatchObject({ status: 'merged', added: 2 });
      expect(stored(target.db)).toEqual(want);
      // Merging again: the same revisions, suggestion included, are already there.
      const [again] = await mergeFiles(target.db, [file]);
      expect(again).toMatchObject({ status: 'merged', added: 0, alreadyPresent: 2 });
    } finally {
      target.close();
    }
  });
});
