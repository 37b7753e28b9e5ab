import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { IdentityStore } from './handlers/context';

/** This installation's config directory: $RANKWISE_CONFIG_DIR, else the XDG config dir. */
export function configDir(): string {
  return (
    process.env['RANKWISE_CONFIG_DIR'] ??
    join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'rankwise')
  );
}

/** The labeller identity of this installation, kept in `identity.json` in the config dir. */
export function fileIdentityStore(path = join(configDir(), 'identity.json')): IdentityStore {
  return {
    get() {
      try {
        const v = JSON.parse(readFileSync(path, 'utf8')) as { id?: unknown; name?: unknown };
        return typeof v.id === 'string' && typeof v.name === 'string'
          ? { id: v.id, name: v.name }
          : null;
      } catch {
        return null;
      }
    },
    set(labeller) {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.tmp`;
      writeFileSync(tmp, JSON.stringify({ id: labeller.id, name: labeller.name }, null, 2));
      renameSync(tmp, path);
    },
  };
}

/** An identity that lives only in memory: for tests and throwaway sessions. */
export function memoryIdentityStore(
  initial: { id: string; name: string } | null = null,
): IdentityStore {
  let current = initial;
  return { get: () => current, set: (l) => void (current = l) };
}
