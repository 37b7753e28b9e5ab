import type { Db } from '../open';

/**
 * Many labellers' writes committed together. With `synchronous=FULL` every commit waits for
 * the disk (fsync: milliseconds here), and on one connection the thread waits with it: one
 * commit per judgment caps a host at a few hundred commits a second whatever the CPU does.
 * So on a team host, the small writes of labelling (a judgment, an undo, taking a lease, a
 * draft) are queued as they arrive and run together at the end of the event loop's turn, in
 * one write transaction: each in a savepoint of its own (one failing takes nothing else with
 * it), then one COMMIT, one fsync, and only then is each caller answered. "Acknowledged means
 * on disk" holds as before; what arrives during a commit waits for the next one, so the
 * batches grow with the load instead of the queue.
 *
 * The whole batch runs synchronously, BEGIN to COMMIT: no other code can run on the
 * connection in between, so nothing else ever joins a batch unawares.
 */
export class GroupCommit {
  private queue: Array<{
    work: () => unknown;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  }> = [];
  private scheduled = false;
  /** Commits made, and writes in them: what the batching saves (tests and the bench read it). */
  readonly stats = { commits: 0, writes: 0 };

  constructor(private readonly db: Db) {}

  /** Run `work` (synchronous) in the next batch; settles after its commit. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  /** Run what is queued now (also called before anything that must not wait, such as closing). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0);
    if (!batch.length) return;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db
        .transaction(() => {
          for (const b of batch) {
            try {
              outcomes.push({ ok: true, value: this.db.transaction(b.work)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      // BEGIN or COMMIT failed (a full disk, say): nothing of the batch is in the file.
      for (const b of batch) b.reject(error);
      return;
    }
    this.stats.commits++;
    this.stats.writes += batch.length;
    batch.forEach((b, i) => {
      const o = outcomes[i]!;
      if (o.ok) b.resolve(o.value);
      else b.reject(o.error);
    });
  }
}
