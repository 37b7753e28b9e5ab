import {
  DEFAULT_TASK,
  GuidelinesSchema,
  TaskSettingsSchema,
  type Guidelines,
  type TaskSettings,
} from '../shared/domain/task';
import type { Db } from './open';
import { stmt } from './statements';

/** Project settings are JSON values under dotted keys. */
export function getSetting<T>(db: Db, key: string): T | undefined {
  const row = stmt<[string], { value_json: string }>(
    db,
    'SELECT value_json FROM project_settings WHERE key = ?',
  ).get(key);
  return row ? (JSON.parse(row.value_json) as T) : undefined;
}

export function setSetting(db: Db, key: string, value: unknown): void {
  stmt(
    db,
    'INSERT INTO project_settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
  ).run(key, JSON.stringify(value));
}

/** The task settings, with defaults filled in for anything an older file did not store. */
export function getTask(db: Db): TaskSettings {
  const parsed = TaskSettingsSchema.safeParse(getSetting<unknown>(db, 'task') ?? {});
  return parsed.success ? parsed.data : DEFAULT_TASK;
}

export function getGuidelines(db: Db): Guidelines {
  const parsed = GuidelinesSchema.safeParse(getSetting<unknown>(db, 'guidelines'));
  return parsed.success ? parsed.data : { version: 1, markdown: '' };
}

/** Replace the task settings; the version moves on so judgments can tell them apart. */
export function updateTask(db: Db, next: Omit<TaskSettings, 'version'>): TaskSettings {
  return db.transaction(() => {
    const task = TaskSettingsSchema.parse({ ...next, version: getTask(db).version + 1 });
    setSetting(db, 'task', task);
    return task;
  })();
}

export function updateGuidelines(db: Db, markdown: string): Guidelines {
  return db.transaction(() => {
    const guidelines = { version: getGuidelines(db).version + 1, markdown };
    setSetting(db, 'guidelines', guidelines);
    return guidelines;
  })();
}
