// Where a Node installation keeps its own C headers, for node-gyp's `--nodedir`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The prefix whose `include/node` holds the headers of exactly this Node version (Debian's
 * nodejs package, the official Linux and macOS builds, nvm), or null (Windows installers ship
 * none; a prefix left over from another version would build a module that fails to load).
 */
export function bundledHeaders(execPath = process.execPath, version = process.versions.node) {
  const prefix = dirname(dirname(execPath));
  const include = join(prefix, 'include', 'node');
  const header = join(include, 'node_version.h');
  if (!existsSync(header) || !existsSync(join(include, 'common.gypi'))) return null;
  const text = readFileSync(header, 'latin1');
  const part = (name) => new RegExp(`#define ${name} (\\d+)`).exec(text)?.[1];
  const found = ['NODE_MAJOR_VERSION', 'NODE_MINOR_VERSION', 'NODE_PATCH_VERSION'].map(part);
  return found.join('.') === version ? prefix : null;
}
