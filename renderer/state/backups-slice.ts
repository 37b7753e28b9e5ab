import type { BackupList, BackupSchedule, RestoreResult } from '../../shared/api/contract';
import type { SliceCreator } from './store';

export interface BackupsSlice {
  backups: BackupList | null;
  backupsBusy: 'creating' | 'restoring' | 'saving-schedule' | null;
  backupsError: string | null;
  lastRestore: RestoreResult | null;
  loadBackups: () => Promise<void>;
  createBackup: () => Promise<void>;
  /** Restore a backup; every screen reloads from the restored project afterwards. */
  restoreBackup: (name: string) => Promise<boolean>;
  saveBackupSchedule: (schedule: BackupSchedule) => Promise<void>;
}

export const createBackupsSlice: SliceCreator<BackupsSlice> = (set, get, client) => {
  // A scheduled backup (or one made elsewhere) refreshes the list if it is being shown.
  client.on('backups.changed', () => {
    if (get().backups) void get().loadBackups();
  });

  async function run(busy: NonNullable<BackupsSlice['backupsBusy']>, work: () => Promise<void>) {
    set({ backupsBusy: busy, backupsError: null });
    try {
      await work();
      return true;
    } catch (e) {
      set({ backupsError: (e as Error).message });
      return false;
    } finally {
      set({ backupsBusy: null });
    }
  }

  return {
    backups: null,
    backupsBusy: null,
    backupsError: null,
    lastRestore: null,

    async loadBackups() {
      try {
        set({ backups: await client.call('backups.list', {}) });
      } catch (e) {
        set({ backupsError: (e as Error).message });
      }
    },

    async createBackup() {
      await run('creating', async () => {
        await client.call('backups.create', {});
        await get().loadBackups();
      });
    },

    async restoreBackup(name) {
      return run('restoring', async () => {
        const result = await client.call('backups.restore', { name });
        set({ lastRestore: result });
        await get().loadBackups();
        await get().loadSession();
      });
    },

    async saveBackupSchedule(schedule) {
      await run('saving-schedule', async () => {
        await client.call('backups.setSchedule', schedule);
        await get().loadBackups();
      });
    },
  };
};
