import { z } from 'zod';
import { OPEN_PROBLEM_KINDS, RECOVERY_CHOICES } from '../../domain/open-problem';
import { ErrorCodeSchema } from '../errors';
import { method } from '../schemas';

export const OpenProblemSchema = z.object({
  kind: z.enum(OPEN_PROBLEM_KINDS),
  code: ErrorCodeSchema,
  message: z.string(),
  path: z.string(),
  choices: z.array(z.enum(RECOVERY_CHOICES)),
});
export type OpenProblem = z.infer<typeof OpenProblemSchema>;

export const RecoveryStatusSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('open'),
    path: z.string(),
    /** Why the project is open read-only, or null when it is writable. */
    readOnly: z.string().nullable(),
  }),
  z.object({ state: z.literal('failed'), problem: OpenProblemSchema }),
]);
export type RecoveryStatus = z.infer<typeof RecoveryStatusSchema>;

export const SalvageResultSchema = z.object({
  /** The new project file holding every row that could be read. */
  path: z.string(),
  tables: z.array(
    z.object({
      name: z.string(),
      copied: z.number().int(),
      /** Rows that could not be read, or whose parent row was lost (then in orphansPath). */
      lost: z.number().int(),
      complete: z.boolean(),
    }),
  ),
  /** JSON lines of readable rows that could not be placed (their item was unreadable). */
  orphansPath: z.string().nullable(),
});
export type SalvageResult = z.infer<typeof SalvageResultSchema>;

export const recoveryMethods = {
  'recovery.status': method(
    z.object({}),
    RecoveryStatusSchema,
    'Whether the project opened, read-only or not, or why it could not be opened.',
  ),
  'recovery.openReadOnly': method(
    z.object({}),
    RecoveryStatusSchema,
    'Open the project read-only: browse and export, nothing is written.',
  ),
  'recovery.retry': method(z.object({}), RecoveryStatusSchema, 'Try opening the project again.'),
  'recovery.salvage': method(
    z.object({}),
    SalvageResultSchema,
    'Copy every readable row of a damaged project into a new project file beside it.',
  ),
} as const;

export const recoveryEvents = {
  /**
   * The project's open state changed without the UI asking: the check that runs in the
   * background after opening found the file damaged (writes are refused from then on), so an
   * open page shows the recovery choices without a reload.
   */
  'recovery.changed': RecoveryStatusSchema,
} as const;
