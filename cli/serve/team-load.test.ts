import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/test-support/temp-project';
import { REPO } from '../test-support/full-disk';
import { loadProject, runLoad, startTeamServer, verifyAfterLoad } from './test-support/team-load';

/**
 * The load bench (`npm run bench -- --only team-host`), shortened: labellers on real HTTP
 * connections to a real `rankwise serve --team`, each asking for its next item and submitting
 * a judgment every 100 ms, overlap 2. Afterwards nothing is lost or made twice, no item has
 * more than 2 people's verdicts, and each labeller has exactly what was acknowledged to them.
 */
describe('a team host under load', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    if (!existsSync(join(REPO, 'dist', 'cli', 'rankwise.mjs')))
      throw new Error('run `npm run build` first: this test runs the built CLI');
    t = tempDir('rankwise-team-load-');
  });
  afterAll(() => t?.cleanup());

  it('12 labellers for 4 s, overlap 2: every judgment acknowledged is there once, no item past 2', async () => {
    const { path, labellers } = await loadProject(t.dir, { items: 400, people: 12, overlap: 2 });
    const server = await startTeamServer(path);
    let result;
    try {
      result = await runLoad(server.url, labellers, { durationMs: 4000, paceMs: 100 });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    expect(result.failures).toEqual([]);
    const acked = [...result.acked.values()].reduce((s, l) => s + l.length, 0);
    expect(acked).toBeGreaterThan(100);
    expect(result.submitMs.length).toBe(acked);
    const found = verifyAfterLoad(path, result.acked, 2);
    expect(found).toEqual({
      integrity: 'ok',
      missing: 0,
      countMismatch: [],
      duplicates: 0,
      overFull: 0,
      derivedOff: 0,
    });
  }, 60_000);
});
