import { existsSync } from 'node:fs';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { populatedProject } from '../db/test-support/populated';
import { tempDir } from '../db/test-support/temp-project';
import { REPO, runWithFullDisk } from './test-support/full-disk';

const built = existsSync(`${REPO}/dist/cli/rankwise.mjs`);

/**
 * A real full disk (a 64 KB tmpfs) under the real CLI: the export fails with a message that
 * says so, and leaves nothing behind that could pass for a finished file.
 */
describe('writing to a full disk', () => {
  let t: ReturnType<typeof tempDir>;
  let project: string;
  beforeAll(async () => {
    if (!built) throw new Error('run `npm run build` first: this test runs the built CLI');
    t = tempDir();
    ({ path: project } = await populatedProject(t.dir, {
      items: 300,
      judged: 300,
      prompt: (i) => `prompt ${i} `.repeat(40),
    }));
  });
  afterAll(() => t?.cleanup());

  it('an export that does not fit: a clear message, no partial file', () => {
    const r = runWithFullDisk(64, (mnt) => [
      'export',
      project,
      '--format',
      'trl',
      '--out',
      `${mnt}/out.jsonl`,
    ]);
    if ('unavailable' in r) throw new Error(r.unavailable);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The disk is full .*Nothing was half-written/);
    expect(r.leftInMount).toEqual([]);
  });
});
