import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../open';
import { newProject, tempDir } from '../test-support/temp-project';
import { GroupCommit } from './group-commit';

describe('group commit', () => {
  let t: ReturnType<typeof tempDir>;
  let project: Project;
  beforeEach(() => {
    t = tempDir();
    project = newProject(t.dir);
    project.db.exec('CREATE TABLE notes (n INTEGER PRIMARY KEY) STRICT');
  });
  afterEach(() => {
    project.close();
    t.cleanup();
  });

  const insert = (n: number) => () => {
    project.db.prepare('INSERT INTO notes VALUES (?)').run(n);
    return n;
  };
  const notes = () => project.db.prepare('SELECT n FROM notes ORDER BY n').pluck().all();

  it('commits what arrives in one turn together, answers each with its own value, and durable ones after a WAL sync', async () => {
    const commit = new GroupCommit(project.db, `${project.path}-wal`);
    const synced: number[] = [];
    const answers = await Promise.all(
      [1, 2, 3].map((n) => commit.run(insert(n)).then((v) => (synced.push(commit.stats.syncs), v))),
    );
    expect(answers).toEqual([1, 2, 3]);
    expect(commit.stats).toMatchObject({ commits: 1, writes: 3 });
    // Each durable answer came after a sync that began after the commit.
    expect(synced.every((s) => s >= 1)).toBe(true);
    expect(notes()).toEqual([1, 2, 3]);
    // The connection commits FULL again for everything else.
    expect(project.db.pragma('synchronous', { simple: true })).toBe(2);
    commit.close();
  });

  it('one failing write takes nothing else with it', async () => {
    const commit = new GroupCommit(project.db, `${project.path}-wal`);
    const results = await Promise.allSettled([
      commit.run(insert(1)),
      commit.run(() => {
        project.db.prepare('INSERT INTO notes VALUES (?)').run(2);
        throw new Error('refused after writing');
      }),
      commit.run(insert(3), { durable: false }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(notes()).toEqual([1, 3]);
    commit.close();
  });

  it('without a WAL file to sync, commits are plain FULL ones', async () => {
    const commit = new GroupCommit(project.db, `${project.path}-no-such-wal`);
    expect(await commit.run(insert(7))).toBe(7);
    expect(commit.stats.syncs).toBe(0);
    expect(notes()).toEqual([7]);
    commit.close();
  });
});
