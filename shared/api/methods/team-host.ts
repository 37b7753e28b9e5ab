import { z } from 'zod';
import { TaskAgreementSchema } from '../../analysis/report';
import { Id, LabellerSchema, method } from '../schemas';

/**
 * A team host: people invited with links of their own, each with a role; leases that keep
 * two people off the same item beyond the project's overlap; a live dashboard; an audit log.
 * What each role may call is `METHOD_ACCESS` (shared/api/access.ts).
 */

export const ROLES = ['labeller', 'reviewer', 'lead'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

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

export const PersonSchema = z.object({
  labeller: LabellerSchema,
  role: RoleSchema,
  invitedAt: z.number().int(),
  /** When their access ended (their links stopped working), or null. */
  revokedAt: z.number().int().nullable(),
});
export type Person = z.infer<typeof PersonSchema>;

/** What `access.invite` (and `rankwise invite --json`) answers: the token is shown this once. */
export const InvitationSchema = z.object({
  labeller: LabellerSchema,
  role: RoleSchema,
  token: z.string(),
  /** The person's link, relative to the host: `/?token=…`. */
  url: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

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

const Count = z.number().int().nonnegative();

export const DashboardPersonSchema = z.object({
  id: Id,
  name: z.string(),
  /** Null: in the project (an offline package, a merge, the desktop app) but never invited. */
  role: RoleSchema.nullable(),
  revoked: z.boolean(),
  /** A page of theirs is open on this host (it holds the event stream). */
  connected: z.boolean(),
  /** Their last request to this host since it started, or null. */
  lastSeenAt: z.number().int().nullable(),
  /** Verdicts (not skips) they gave today, the host's local day, revisions included. */
  judgedToday: Count,
  /** Live items with a current verdict of theirs. */
  judgedTotal: Count,
  /** Median active seconds per item over their latest 50 verdicts; null before the first. */
  secondsPerItem: z.number().nullable(),
  /** Items leased to them now (shown to them and not yet answered). */
  holding: Count,
  /** Items of their planned queue still to judge, or null without a plan. */
  queueLeft: Count.nullable(),
});
export type DashboardPerson = z.infer<typeof DashboardPersonSchema>;

export const DashboardSchema = z.object({
  at: z.number().int(),
  /** Served by a team host: connections and leases are live (false elsewhere: they are empty). */
  team: z.boolean(),
  queue: z.object({
    /** 'plan': people follow their assigned queues; 'overlap': the host hands items out live. */
    mode: z.enum(['plan', 'overlap']),
    /** At most this many people hold or have judged an item at once (overlap mode). */
    overlap: z.number().int().min(1),
    /** Live items. */
    items: Count,
    /** Items with `overlap` verdicts: nobody else is offered them (overlap mode; null with a plan). */
    complete: Count.nullable(),
    /** Verdicts still wanted: overlap mode, overlap × items − what is in; with a plan, what the queues hold. */
    judgmentsLeft: Count,
    /** Leases held now. */
    held: Count,
  }),
  people: z.array(DashboardPersonSchema),
  /** The agreement so far, recomputed in the background at most every 30 s while judgments come in. */
  agreement: z
    .object({
      computedAt: z.number(),
      judgments: Count,
      sharedItems: Count,
      tasks: z.array(TaskAgreementSchema),
    })
    .nullable(),
  /** Work done outside the host: labeller packages written and files merged back, newest first. */
  offline: z.object({
    packages: z.array(
      z.object({ at: z.number().int(), labeller: LabellerSchema, items: Count, by: z.string() }),
    ),
    merges: z.array(
      z.object({
        at: z.number().int(),
        file: z.string(),
        status: z.enum(['merged', 'refused']),
        added: Count,
        /** Whose work the file held (for a merged file). */
        labellers: z.array(z.string()),
        by: z.string(),
      }),
    ),
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

/** Leases last this long from the last sign of work on the item (items.next, drafts.save, leases.renew). */
export const DEFAULT_LEASE_MS = 10 * 60_000;

export const teamHostMethods = {
  'access.list': method(
    z.object({}),
    z.object({ people: z.array(PersonSchema) }),
    'Everyone invited to this project, with their role and whether their access was revoked.',
  ),
  'access.invite': method(
    z.object({ name: z.string().trim().min(1).max(200), role: RoleSchema }),
    InvitationSchema,
    'Invite a person (a name already in the project keeps its id) with a role; returns their link, shown this once. Inviting someone again replaces their link.',
  ),
  'access.revoke': method(
    z.object({ labellerId: Id }),
    z.object({ labeller: LabellerSchema, revoked: z.boolean() }),
    'End a person’s access: their links stop working at their next request (their work stays).',
  ),
  'audit.list': method(
    z.object({
      limit: z.number().int().min(1).max(1000).default(100),
      /** Entries before this seq (the next page), newest first. */
      before: z.number().int().positive().optional(),
    }),
    z.object({ entries: z.array(AuditEntrySchema), more: z.boolean() }),
    'The audit log, newest first: invitations, revocations, imports, exports, merges, settings changes; who and when.',
  ),
  'dashboard.get': method(
    z.object({}),
    DashboardSchema,
    'Who is connected, what each person did today and in all, their pace, the queue left, the agreement so far, and offline packages and merges. `dashboard.changed` carries the same whenever it changes.',
  ),
  'leases.renew': method(
    z.object({ labellerId: Id, itemId: Id }),
    z.object({ heldUntil: z.number().int().nullable() }),
    'Keep the item leased to this labeller while they work on it (taken again if it was let go and is still free); null when it cannot be held (not a team host, or others hold it).',
  ),
  'leases.release': method(
    z.object({ labellerId: Id, itemId: Id }),
    z.object({ released: z.boolean() }),
    'Let go of an item shown to this labeller without answering it, so others may be offered it.',
  ),
  'leases.setOverlap': method(
    z.object({ overlap: z.number().int().min(1).max(100) }),
    z.object({ overlap: z.number().int() }),
    'How many people may hold or have judged an item at once when no plan (team.assign) says who labels what.',
  ),
} as const;

export const teamHostEvents = {
  /** The dashboard changed (a judgment, a connection, an agreement computed): at most once a second. */
  'dashboard.changed': DashboardSchema,
  /** Invitations, revocations or the overlap changed (on this host or by `rankwise invite`). */
  'access.changed': z.object({ what: z.enum(['people', 'overlap']) }),
  /** This person's access was revoked: sent to their own pages only, before their stream closes. */
  'access.revoked': z.object({ labellerId: Id }),
  /** A new audit entry. */
  'audit.appended': AuditEntrySchema,
} as const;
