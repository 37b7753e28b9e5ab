import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-project';
import type { StagedItem } from './stage';
import { readStagedFile, StagedFileWriter } from './staged-file';

describe('the staging file', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  const item = (i: number, content: string): StagedItem => ({
    id: `id-${i}`,
    line: i + 1,
    promptJson: JSON.stringify(`prompt ${i} ☕ 𝄞`),
    contentHash: `h${i}`,
    metadataJson: i % 2 ? null : JSON.stringify({ k: i, s: '\u0000' }),
    responses: [
      { model: i % 3 ? `m${i}` : null, content, metadataJson: null },
      { model: null, content: '', metadataJson: '{"x":1}' },
    ],
  });

  it('gives back exactly what was written, in order, across buffer boundaries and for huge items', () => {
    const path = join(t.dir, 'items.bin');
    const w = new StagedFileWriter(path);
    const written: StagedItem[] = [];
    for (let i = 0; i < 3000; i++) {
      // Mostly small items, one of 20 MB (bigger than the 8 MB buffer), some with NUL and emoji.
      const content =
        i === 1500 ? 'é'.repeat(10 * 2 ** 20) : `answer ${i} \u0000 ${'x'.repeat(i % 5000)} 🙂`;
      const it = item(i, content);
      written.push(it);
      w.append(it);
    }
    w.flush();
    w.close();
    const read = [...readStagedFile(path)];
    expect(read.length).toBe(written.length);
    expect(read).toEqual(written);
  });

  it('an empty file reads as no items', () => {
    const path = join(t.dir, 'empty.bin');
    const w = new StagedFileWriter(path);
    w.flush();
    w.close();
    expect([...readStagedFile(path)]).toEqual([]);
  });
});
