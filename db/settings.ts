import { stmt } from './statements';
import type { Db } from './open';

/** Project settings are JSON values under dotted keys. */
export function getSetting<T>(db: Db, key: string): T | undefined {
  const row = stmt(db, 'SELECT value_json FROM project_settings WHERE key = ?').get(key) as
    { value_json: string } | undefined;
  return row ? (JSON.parse(row.value_json) as T) : undefined;
}

export function setSetting(db: Db, key: string, value: unknown): void {
  stmt(
    db,
    'INSERT INTO project_settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
  ).run(key, JSON.stringify(value));
}

export interface TaskSettings {
  kind: 'pairwise';
  showModelNames: boolean;
}

export interface Guidelines {
  version: number;
  markdown: string;
}
