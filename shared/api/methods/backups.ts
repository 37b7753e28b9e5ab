import { z } from 'zod';
import { method } from '../schemas';

export const BackupReasonSchema = z.enum(['pre-migration', 'scheduled', 'pre-restore', 'manual']);
export type BackupReason = z.infer<typeof BackupReasonSchema>;

export const BackupInfoSchema = z.object({
  /** The file name in the project's backups folder: the only way a client names a backup. */
  name: z.string(),
  createdAt: z.number().int(),
  reason: BackupReasonSchema,
  schemaVersion: z.number().int(),
  bytes: z.number().int().nonnegative(),
  /** Counts read from the backup itself; null when it could not be read. */
  judgments: z.number().int().nullable(),
  items: z.number().int().nullable(),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export const BackupScheduleSchema = z.object({
  /** Minutes between scheduled backups; a backup is only made when the project changed. */
  intervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** How many scheduled backups to keep; older ones are removed. Others are never removed. */
  keep: z.number().int().min(1).max(500),
});
export type BackupSchedule = z.infer<typeof BackupScheduleSchema>;

export const BackupListSchema = z.object({
  dir: z.string(),
  backups: z.array(BackupInfoSchema),
  schedule: BackupScheduleSchema,
  /** The last scheduled backup's failure, if the last attempt failed. */
  lastError: z.string().nullable(),
});
export type BackupList = z.infer<typeof BackupListSchema>;

export const RestoreResultSchema = z.object({
  restored: BackupInfoSchema,
  /** The project as it was just before the restore, kept as a backup of its own. */
  safetyBackup: BackupInfoSchema.nullable(),
  /** Where an unreadable project file was moved, untouched, instead of being backed up. */
  preservedAs: z.string().nullable(),
});
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

export const backupMethods = {
  'backups.list': method(
    z.object({}),
    BackupListSchema,
    'The backups of the open project, newest first, with the schedule.',
  ),
  'backups.create': method(z.object({}), BackupInfoSchema, 'Back the project up now.'),
  'backups.restore': method(
    z.object({ name: z.string().min(1).max(300) }),
    RestoreResultSchema,
    'Replace the project with one of its backups; the current file is backed up first.',
  ),
  'backups.setSchedule': method(
    BackupScheduleSchema,
    BackupScheduleSchema,
    'Change how often the project is backed up and how many scheduled backups are kept.',
  ),
} as const;

export const backupEvents = {
  'backups.changed': z.object({}),
} as const;
