import type { QueueEntry } from './report';

/**
 * The disagreement queue in columns: crossing from the worker thread, 100k entries as a few
 * typed arrays and strings clone in milliseconds where 100k objects would stall the backend's
 * event loop; entries are rebuilt one page at a time.
 */
export interface PackedQueue {
  itemIds: string[];
  seq: Int32Array;
  score: Float64Array;
  spread: Float64Array;
  judgments: Int32Array;
  /** Each entry's labels as JSON. */
  labels: string[];
}

export function packQueue(q: readonly QueueEntry[]): PackedQueue {
  return {
    itemIds: q.map((e) => e.itemId),
    seq: Int32Array.from(q, (e) => e.seq),
    score: Float64Array.from(q, (e) => e.score),
    spread: Float64Array.from(q, (e) => e.spread),
    judgments: Int32Array.from(q, (e) => e.judgments),
    labels: q.map((e) => JSON.stringify(e.labels)),
  };
}

export function queueEntry(p: PackedQueue, i: number): QueueEntry {
  return {
    itemId: p.itemIds[i]!,
    seq: p.seq[i]!,
    score: p.score[i]!,
    spread: p.spread[i]!,
    judgments: p.judgments[i]!,
    labels: JSON.parse(p.labels[i]!) as Record<string, number>,
  };
}
