import { join } from 'node:path';
import type { Prompt } from '../../shared/domain/item';
import type { Project } from '../open';

/** The real sample datasets vendored for tests (each folder's README has hand-checked facts). */
export const SAMPLES = join(import.meta.dirname, '..', 'test-fixtures', 'samples');
export const TESTDATA = join(import.meta.dirname, '..', 'test-fixtures', 'testdata');

export interface StoredItem {
  id: string;
  prompt: Prompt;
  metadata: Record<string, unknown> | null;
  responses: Array<{
    model: string | null;
    content: string;
    metadata: Record<string, unknown> | null;
  }>;
}

/** Everything stored in the project, in queue order: what an import really wrote. */
export function storedItems(project: Project): StoredItem[] {
  const items = project.db
    .prepare('SELECT seq, id, prompt_json, metadata_json FROM items ORDER BY seq')
    .all() as Array<{ seq: number; id: string; prompt_json: string; metadata_json: string | null }>;
  const responses = project.db.prepare(
    'SELECT model, content, metadata_json FROM responses WHERE item_seq = ? ORDER BY idx',
  );
  return items.map((i) => ({
    id: i.id,
    prompt: JSON.parse(i.prompt_json) as Prompt,
    metadata:
      i.metadata_json === null ? null : (JSON.parse(i.metadata_json) as Record<string, unknown>),
    responses: (
      responses.all(i.seq) as Array<{
        model: string | null;
        content: string;
        metadata_json: string | null;
      }>
    ).map((r) => ({
      model: r.model,
      content: r.content,
      metadata:
        r.metadata_json === null ? null : (JSON.parse(r.metadata_json) as Record<string, unknown>),
    })),
  }));
}

export function countRows(project: Project, table: 'items' | 'responses' | 'imports'): number {
  return project.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}
