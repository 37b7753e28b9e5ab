import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from './import/import-file';
import { ensureLabeller } from './labellers';
import type { Project } from './open';
import { appendReview, currentDecision, latestReview } from './reviews';
import { item, newProject, tempDir, writeJsonl } from './test-support/temp-project';

describe('reviews', () => {
  let t: ReturnType<typeof tempDir>;
  let p: Project;
  beforeEach(async () => {
    t = tempDir();
    p = newProject(t.dir);
    await importFile(p.db, writeJsonl(join(t.dir, 'i.jsonl'), [item('a')]));
    ensureLabeller(p.db, { id: 'R', name: 'Reviewer' });
  });
  afterEach(() => {
    p.close();
    t.cleanup();
  });

  it('appends revisions; the latest is in force; a retraction withdraws it', () => {
    expect(currentDecision(p.db, 'a')).toBeNull();
    appendReview(p.db, {
      itemId: 'a',
      reviewerId: 'R',
      decision: {
        kind: 'pairwise',
        outcome: 'preferred',
        chosenIdx: 1,
        rejectedIdx: 0,
        strength: 2,
      },
      note: 'B is correct',
    });
    expect(currentDecision(p.db, 'a')).toEqual({
      kind: 'pairwise',
      outcome: 'preferred',
      chosenIdx: 1,
      rejectedIdx: 0,
      strength: 2,
    });
    const second = appendReview(p.db, {
      itemId: 'a',
      reviewerId: 'R',
      decision: { kind: 'discard' },
      note: null,
    });
    expect(second.revision).toBe(2);
    expect(latestReview(p.db, 'a')?.supersedes).not.toBeNull();
    expect(currentDecision(p.db, 'a')).toEqual({ kind: 'discard' });
    appendReview(p.db, { itemId: 'a', reviewerId: 'R', decision: { kind: 'retract' }, note: null });
    expect(currentDecision(p.db, 'a')).toBeNull();
    expect(p.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(3);
  });
});
