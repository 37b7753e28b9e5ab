import Database from 'better-sqlite3';
import { ApiError } from '../../shared/api/errors';
import type { BackupList, BackupReason, BackupSchedule } from '../../shared/api/contract';
import type { EventHub } from '../events';
import { backupAsync, backupSync, copyInto } from '../files/online-backup';
import { LATEST_SCHEMA_VERSION } from '../migrations';
import { upgrade, type Project } from '../open';
import { getSetting, setSetting } from '../settings';
import {
  backupsDirFor,
  describeBackup,
  findBackup,
  listBackupEntries,
  newBackupPath,
  rotateScheduled,
  type BackupEntry,
} from './store';

export const DEFAULT_SCHEDULE: BackupSchedule = { intervalMinutes: 10, keep: 10 };
const SCHEDULE_KEY = 'backups.schedule';

/**
 * The backups of one open project: made on request, on a schedule (only when something
 * changed since the last one, rotated to a configurable count), before a migration (see
 * open.ts) and before a restore. Copies run one at a time.
 */
export class BackupService {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastFingerprint: string | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly project: Project,
    private readonly events?: EventHub,
  ) {}

  schedule(): BackupSchedule {
    const stored = getSetting<Partial<BackupSchedule>>(this.project.db, SCHEDULE_KEY);
    return { ...DEFAULT_SCHEDULE, ...stored };
  }

  setSchedule(schedule: BackupSchedule): BackupSchedule {
    setSetting(this.project.db, SCHEDULE_KEY, schedule);
    if (this.timer) this.start();
    rotateScheduled(this.project.path, schedule.keep);
    this.changed();
    return this.schedule();
  }

  list(): BackupList {
    return {
      dir: backupsDirFor(this.project.path),
      backups: listBackupEntries(this.project.path).map(describeBackup),
      schedule: this.schedule(),
      lastError: this.lastError,
    };
  }

  /** Back up now, stepping so judgments keep committing while a large project is copied. */
  create(reason: Extract<BackupReason, 'manual' | 'scheduled'>): Promise<BackupEntry> {
    return this.serially(async () => {
      const fingerprint = this.fingerprint();
      const dest = newBackupPath(this.project.path, reason, this.project.schemaVersion);
      await backupAsync(this.project.db, dest);
      this.lastFingerprint = fingerprint;
      return this.entry(dest);
    });
  }

  /**
   * The scheduled run: a backup only if the project changed since the last one, then
   * rotation. A failure (disk full, folder removed) is kept for the Backups screen to show
   * and retried on the next tick; it never disturbs labelling.
   */
  async runScheduled(): Promise<BackupEntry | null> {
    if (this.project.readOnly) return null;
    try {
      if (!this.changedSinceLastBackup()) return null;
      const entry = await this.create('scheduled');
      this.lastError = null;
      rotateScheduled(this.project.path, this.schedule().keep);
      return entry;
    } catch (e) {
      this.lastError = `${new Date().toISOString()}: ${(e as Error).message}`;
      return null;
    } finally {
      this.changed();
    }
  }

  /** Run scheduled backups every `intervalMinutes` until stop(). Restarts on a new schedule. */
  start(): void {
    if (this.timer) clearInterval(this.timer);
    const ms = this.schedule().intervalMinutes * 60_000;
    this.timer = setInterval(() => void this.runScheduled(), ms);
    // A pending backup must not keep a finished CLI or test process alive.
    this.timer.unref();
  }

  /** Stop the schedule and wait for a copy in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.queue.catch(() => undefined);
  }

  /**
   * Replace the open project with a backup, in place: the current state is backed up first,
   * the backup's pages are copied into the live file by SQLite's backup API (one write
   * transaction, so the file is the old project or the restored one, never a mix), and an
   * older backup is migrated again. The connection stays open, so every screen simply
   * reloads.
   */
  restore(name: string): { restored: BackupEntry; safety: BackupEntry } {
    if (this.project.readOnly)
      throw new ApiError(
        'PROJECT_READ_ONLY',
        'The project is open read-only; open it for writing to restore a backup.',
      );
    const entry = findBackup(this.project.path, name);
    if (!entry) throw new ApiError('NOT_FOUND', `no backup named ${JSON.stringify(name)}`);
    const source = openVerifiedBackup(entry, projectIdOf(this.project.db));
    try {
      const safetyPath = newBackupPath(
        this.project.path,
        'pre-restore',
        this.project.schemaVersion,
      );
      backupSync(this.project.db, safetyPath);
      copyInto(source, this.project.path);
      // The backup we restored from is itself the copy taken before this migration.
      upgrade(this.project.db, this.project.path, undefined, { backupFirst: false });
      this.lastFingerprint = null;
      this.changed();
      return { restored: entry, safety: this.entry(safetyPath) };
    } finally {
      source.close();
    }
  }

  private entry(path: string): BackupEntry {
    const found = listBackupEntries(this.project.path).find((e) => e.path === path);
    if (!found) throw new ApiError('INTERNAL', `backup ${path} vanished after it was written`);
    return found;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Changes by this connection plus commits by any other (a CLI import). */
  private fingerprint(): string {
    const own = this.project.db.prepare('SELECT total_changes()').pluck().get() as number;
    const others = this.project.db.pragma('data_version', { simple: true }) as number;
    return `${own}:${others}`;
  }

  private changedSinceLastBackup(): boolean {
    if (this.lastFingerprint !== null) return this.fingerprint() !== this.lastFingerprint;
    // First run in this session: compare with the newest backup of any kind.
    const newest = listBackupEntries(this.project.path)[0];
    return !newest || newest.schemaVersion !== this.project.schemaVersion || this.hasWrites();
  }

  private hasWrites(): boolean {
    return (this.project.db.prepare('SELECT total_changes()').pluck().get() as number) > 0;
  }

  private changed(): void {
    this.events?.emit('backups.changed', {});
  }
}

/**
 * Open a backup for restoring, after checking it can be trusted: readable, undamaged, of a
 * schema this version knows, and of this project (not a file from another study that
 * happens to sit in the folder).
 */
export function openVerifiedBackup(
  entry: BackupEntry,
  expectedProjectId: string | null,
): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(entry.path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new ApiError(
      'PROJECT_CORRUPT',
      `backup ${entry.name} cannot be opened: ${(e as Error).message}`,
    );
  }
  try {
    const check = db.prepare('PRAGMA quick_check(1)').pluck().get();
    if (check !== 'ok')
      throw new ApiError(
        'PROJECT_CORRUPT',
        `backup ${entry.name} is damaged (${String(check)}); choose another`,
      );
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION)
      throw new ApiError(
        'PROJECT_NEWER_VERSION',
        `backup ${entry.name} was written by a newer Rankwise (schema v${version})`,
      );
    const id = projectIdOf(db);
    if (expectedProjectId && id && id !== expectedProjectId)
      throw new ApiError('CONFLICT', `backup ${entry.name} is of another project`);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof ApiError) throw e;
    throw new ApiError(
      'PROJECT_CORRUPT',
      `backup ${entry.name} cannot be read: ${(e as Error).message}`,
    );
  }
}

function projectIdOf(db: Database.Database): string | null {
  try {
    const row = db
      .prepare("SELECT value_json FROM project_settings WHERE key = 'project.id'")
      .pluck()
      .get() as string | undefined;
    return row ? (JSON.parse(row) as string) : null;
  } catch {
    return null;
  }
}

const services = new WeakMap<Project, BackupService>();

/** The one BackupService of an open project, shared by its handlers and its host's schedule. */
export function backupServiceFor(project: Project, events?: EventHub): BackupService {
  let s = services.get(project);
  if (!s) services.set(project, (s = new BackupService(project, events)));
  return s;
}
