import { queueEntry, type PackedQueue } from '../../shared/analysis/queue-pack';
import type { QueueEntry } from '../../shared/analysis/report';
import type { Db } from '../open';

/**
 * Queue entries `indices` of a packed queue, written out with their item ids. The queue
 * carries item seqs only (ids for 100k entries would be most of what crosses from the
 * worker); a page looks up the few ids it shows. An item archived or gone since the queue
 * was computed keeps its place under an empty id.
 */
export function queueEntries(db: Db, q: PackedQueue, indices: readonly number[]): QueueEntry[] {
  const idOf = db.prepare('SELECT id FROM items WHERE seq = ?').pluck();
  return indices.map((i) => queueEntry(q, i, (idOf.get(q.seq[i]!) as string | undefined) ?? ''));
}
