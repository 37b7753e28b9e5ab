import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../import/import-file';
import { openProject } from '../open';
import { tempDir, writeJsonl } from '../test-support/temp-project';
import { initial } from './001-initial';
import { judgmentDetails } from './002-judgment-details';
import { team } from './004-team';
import { search } from './005-search';

describe('migration 005 (search)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  const find = (db: ReturnType<typeof openProject>['db'], q: string) =>
    db
      .prepare(
        'SELECT DISTINCT item_seq AS seq FROM item_search WHERE item_search MATCH ? ORDER BY item_seq',
      )
      .all(q)
      .map((r) => (r as { seq: number }).seq);

  it('indexes the items a v4 file already has, then follows new imports', async () => {
    const path = join(t.dir, 'v4.rankwise');
    const v4 = openProject(path, { create: true, migrations: [initial, judgmentDetails, team] });
    await importFile(
      v4.db,
      writeJsonl(join(t.dir, 'a.jsonl'), [
        {
          id: 'plain',
          prompt: 'Explain quicksort',
          responses: ['Pivot partitioning', 'Use heapsort'],
        },
        {
          id: 'chat',
          prompt: [
            { role: 'system', content: 'You are terse.' },
            { role: 'user', content: 'Capital of Mongolia?' },
          ],
          responses: ['Ulaanbaatar', 'Ulan Bator'],
        },
      ]),
    );
    v4.close();

    const v5 = openProject(path, { migrations: [initial, judgmentDetails, team, search] });
    expect(v5.schemaVersion).toBe(5);
    expect(find(v5.db, 'quicksort')).toEqual([1]);
    expect(find(v5.db, 'heapsort')).toEqual([1]); // a response
    expect(find(v5.db, 'terse')).toEqual([2]); // a system turn of a conversation
    expect(find(v5.db, 'ulaanbaatar')).toEqual([2]);
    // Accents folded: "Ulan Bator" is found as typed without them and with them.
    expect(find(v5.db, '"ulan bator"')).toEqual([2]);

    await importFile(
      v5.db,
      writeJsonl(join(t.dir, 'b.jsonl'), [
        { id: 'new', prompt: 'Naïve Bayes?', responses: ['A classifier', 'Quicksort'] },
      ]),
    );
    expect(find(v5.db, 'naive')).toEqual([3]);
    expect(find(v5.db, 'quicksort')).toEqual([1, 3]);
    // Re-importing the same file adds nothing to the index either.
    await importFile(v5.db, join(t.dir, 'b.jsonl'));
    expect(
      (
        v5.db
          .prepare("SELECT count(*) AS n FROM item_search WHERE item_search MATCH 'naive'")
          .get() as {
          n: number;
        }
      ).n,
    ).toBe(1);
    v5.close();
  });
});
