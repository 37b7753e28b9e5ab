import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledHeaders } from './node-headers.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fake Node installation: bin/node and, optionally, include/node with a version header. */
function installation(version: string | null, gypi = true): string {
  const prefix = mkdtempSync(join(tmpdir(), 'rankwise-node-'));
  dirs.push(prefix);
  mkdirSync(join(prefix, 'bin'));
  writeFileSync(join(prefix, 'bin', 'node'), '');
  if (version) {
    const [major, minor, patch] = version.split('.');
    mkdirSync(join(prefix, 'include', 'node'), { recursive: true });
    writeFileSync(
      join(prefix, 'include', 'node', 'node_version.h'),
      `#define NODE_MAJOR_VERSION ${major}\n#define NODE_MINOR_VERSION ${minor}\n#define NODE_PATCH_VERSION ${patch}\n`,
    );
    if (gypi) writeFileSync(join(prefix, 'include', 'node', 'common.gypi'), '{}');
  }
  return join(prefix, 'bin', 'node');
}

describe('bundledHeaders', () => {
  it('finds the headers a Node installation ships for its own version', () => {
    const node = installation('20.20.2');
    expect(bundledHeaders(node, '20.20.2')).toBe(join(node, '..', '..'));
  });

  it('refuses headers of another version (the module would not load)', () => {
    expect(bundledHeaders(installation('20.19.0'), '20.20.2')).toBeNull();
    expect(bundledHeaders(installation('2.20.2'), '20.20.2')).toBeNull();
  });

  it('says null where there are none, or they are incomplete for node-gyp', () => {
    expect(bundledHeaders(installation(null), '20.20.2')).toBeNull();
    expect(bundledHeaders(installation('20.20.2', false), '20.20.2')).toBeNull();
  });
});
