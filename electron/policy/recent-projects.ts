import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const MAX_RECENT = 10;

/** The list with `path` moved to the front, without duplicates, at most MAX_RECENT long. */
export function withRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, MAX_RECENT);
}

/** File > Open Recent, kept in the user's data folder as a JSON list. */
export function recentProjectsStore(file: string) {
  return {
    read(): string[] {
      try {
        const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
        return Array.isArray(v)
          ? v.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT)
          : [];
      } catch {
        return [];
      }
    },
    add(path: string): string[] {
      const next = withRecent(this.read(), path);
      this.write(next);
      return next;
    },
    remove(path: string): string[] {
      const next = this.read().filter((p) => p !== path);
      this.write(next);
      return next;
    },
    write(list: string[]): void {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(list, null, 2));
      renameSync(`${file}.tmp`, file);
    },
  };
}
