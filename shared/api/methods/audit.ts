import { z } from 'zod';
import { Id, method } from '../schemas';

/** audit.*: a team host's log of invitations, revocations, imports, exports, merges and settings changes. */
export const AUDIT_ACTIONS = [
  'invite',
  'revoke',
  'import',
  'export',
  'merge',
  'package',
  'annotations',
  'settings',
  'assign',
  'gold',
  'backup',
  'recovery',
  'judge',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  /** Who: a person of the project (id) or, from the command line, the machine's user (id null). */
  actor: z.object({ id: Id.nullable(), name: z.string() }),
  /** Through what: a team host's page or API, or a `rankwise` command. */
  via: z.enum(['host', 'cli']),
  action: AuditActionSchema,
  /** What it was done to, in words (a person's name, a file name), or null. */
  target: z.string().nullable(),
  /** The call's options and outcome, as recorded. */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const auditMethods = {
  'audit.list': method(
    z.object({
      limit: z.number().int().min(1).max(1000).default(100),
      /** Entries before this seq (the next page), newest first. */
      before: z.number().int().positive().optional(),
    }),
    z.object({ entries: z.array(AuditEntrySchema), more: z.boolean() }),
    'The audit log, newest first: invitations, revocations, imports, exports, merges, settings changes; who and when.',
  ),
} as const;

export const auditEvents = {
  /** A new audit entry. */
  'audit.appended': AuditEntrySchema,
} as const;
