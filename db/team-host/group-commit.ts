import { closeSync, fdatasync, openSync } from 'node:fs';
import type { Db } from '../open';
import { storageError } from '../storage-errors';

export interface RunOptions {
  /**
   * Answered only once on disk (true: a judgment, an undo, a draft), or as soon as committed
   * (false: taking or renewing a lease, which a crash may lose at no cost but a repeat offer).
   */
  durable?: boolean;
}

/**
 * Many labellers' writes committed together, and made durable off the event loop.
 *
 * With `synchronous=FULL` every commit waits for the disk (an fsync: milliseconds here) with
 * the thread that serves everyone: one commit per judgment caps a host at a couple of hundred
 * judgments a second, whatever the CPU does. So on a team host the small writes of labelling
 * (a judgment, an undo, a lease, a draft) are queued as they arrive and run together at the
 * end of the event loop's turn, in one write transaction: each in a savepoint of its own (one
 * failing takes nothing else with it), then one COMMIT. That commit is made with
 * `synchronous=NORMAL`, so SQLite writes the WAL without waiting for the disk, and the WAL
 * file is then fdatasync'ed on libuv's thread pool; only when that returns are the durable
 * writes of the batch answered. That is the very sync SQLite makes at a FULL commit (a WAL
 * commit is durable once its frames are synced; a checkpoint in between syncs the WAL
 * first), made without stopping the other requests: "acknowledged means on disk" holds as
 * before. Syncs are coalesced: one covers every commit made before it started.
 *
 * The whole batch runs synchronously, BEGIN to COMMIT: no other code runs on the connection in
 * between, so nothing else ever joins a batch unawares. Other writes on the connection keep
 * committing with `synchronous=FULL`.
 */
export class GroupCommit {
  private queue: Array<{
    work: () => unknown;
    durable: boolean;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  }> = [];
  private scheduled = false;
  private walFd: number | null | undefined = undefined;
  private syncing = false;
  private waiting: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  /** Commits made, writes in them, and WAL syncs: what the batching saves (the bench reads it). */
  readonly stats = { commits: 0, writes: 0, syncs: 0 };

  constructor(
    private readonly db: Db,
    private readonly walPath: string,
  ) {}

  /** Run `work` (synchronous) in the next batch; settles after its commit (and sync). */
  run<T>(work: () => T, { durable = true }: RunOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, durable, resolve: resolve as (v: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  /** Run what is queued now (also before closing). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0);
    if (!batch.length) return;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const wal = this.wal();
    try {
      if (wal !== null) this.db.pragma('synchronous = NORMAL');
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
    } finally {
      if (wal !== null) this.db.pragma('synchronous = FULL');
    }
    this.stats.commits++;
    this.stats.writes += batch.length;
    const synced = wal === null ? Promise.resolve() : this.sync(wal);
    batch.forEach((b, i) => {
      const o = outcomes[i]!;
      if (!o.ok) return b.reject(o.error);
      if (!b.durable || wal === null) return b.resolve(o.value);
      synced.then(
        () => b.resolve(o.value),
        (e: unknown) => b.reject(storageError(e) ?? e),
      );
    });
  }

  close(): void {
    this.flush();
    if (typeof this.walFd === 'number') {
      const fd = this.walFd;
      this.walFd = null;
      // A sync in flight keeps the descriptor until it returns.
      if (this.syncing)
        this.waiting.push({ resolve: () => closeSync(fd), reject: () => closeSync(fd) });
      else closeSync(fd);
    }
  }

  /**
   * The WAL file, opened once (it exists from the first write of a WAL-mode connection and
   * stays while the connection is open). Null where it cannot be opened: then every commit
   * is a plain FULL one, as elsewhere.
   */
  private wal(): number | null {
    if (this.walFd !== undefined) return this.walFd;
    try {
      this.walFd = openSync(this.walPath, 'r+');
    } catch {
      this.walFd = null;
    }
    return this.walFd;
  }

  /** Settles once a sync that started after this call has returned (coalesced). */
  private sync(fd: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.pump(fd);
    });
  }

  private pump(fd: number): void {
    if (this.syncing || !this.waiting.length) return;
    const covered = this.waiting.splice(0);
    this.syncing = true;
    fdatasync(fd, (error) => {
      this.syncing = false;
      this.stats.syncs++;
      for (const w of covered) {
        if (error) w.reject(error);
        else w.resolve();
      }
      if (this.walFd !== null) this.pump(fd);
      else for (const w of this.waiting.splice(0)) w.resolve();
    });
  }
}
