import { stmt } from './statements';
import type { Labeller } from '../shared/api/contract';
import type { Db } from './open';
import { uuidv7 } from './ids';

export function findLabeller(db: Db, id: string): Labeller | undefined {
  return stmt(db, 'SELECT id, name FROM labellers WHERE id = ?').get(id) as Labeller | undefined;
}

export function findLabellerByName(db: Db, name: string): Labeller | undefined {
  return stmt(db, 'SELECT id, name FROM labellers WHERE name = ? ORDER BY created_at LIMIT 1').get(
    name,
  ) as Labeller | undefined;
}

/** Make sure a labeller exists in this project, keeping the id it has elsewhere. */
export function ensureLabeller(db: Db, labeller: { id?: string; name: string }): Labeller {
  if (labeller.id) {
    const found = findLabeller(db, labeller.id);
    if (found) return found;
  }
  const id = labeller.id ?? uuidv7();
  stmt(db, 'INSERT INTO labellers (id, name, created_at) VALUES (?, ?, ?)').run(
    id,
    labeller.name,
    Date.now(),
  );
  return { id, name: labeller.name };
}

/** Every labeller in the project, by name. */
export function listLabellers(db: Db): Labeller[] {
  return stmt<[], Labeller>(db, 'SELECT id, name FROM labellers ORDER BY name, id').all();
}
