import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UploadRegistry, UploadTooLargeError } from './uploads';

describe('uploads', () => {
  const registry = new UploadRegistry();
  afterEach(() => registry.clear());
  const folder = () => dirname(registry.reserve().path);

  /** A request body arriving in chunks of these sizes, one at a time, as a socket's do. */
  async function* body(...sizes: number[]) {
    for (const n of sizes) {
      await Promise.resolve();
      yield new Uint8Array(n);
    }
  }

  it('refuses a body whose first chunk is already past the limit, leaving no file', async () => {
    await expect(registry.receive('a.jsonl', body(70_000), 65_536)).rejects.toBeInstanceOf(
      UploadTooLargeError,
    );
    expect(readdirSync(folder())).toEqual([]);
  });

  it('refuses a body past the limit while a write is in flight, without an error escaping', async () => {
    const escaped: unknown[] = [];
    const note = (e: unknown) => escaped.push(e);
    process.on('uncaughtException', note);
    try {
      await expect(
        registry.receive('a.jsonl', body(60_000, 10_000), 65_536),
      ).rejects.toBeInstanceOf(UploadTooLargeError);
      // Let any write still in flight come back.
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('uncaughtException', note);
    }
    expect(escaped).toEqual([]);
    expect(readdirSync(folder())).toEqual([]);
  });

  it('keeps a body within the limit', async () => {
    const got = await registry.receive('dir/a.jsonl', body(1000, 2000), 65_536);
    expect(got).toMatchObject({ name: 'a.jsonl', size: 3000 });
    expect(readdirSync(folder())).toEqual([got.uploadId]);
  });
});
