import { z } from 'zod';
import { TaskAgreementSchema } from '../../analysis/report';
import { Id, LabellerSchema, method } from '../schemas';
import { RoleSchema } from './access';

/** dashboard.*: a team host's live view of who works, how fast, and how far. */
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

export const dashboardMethods = {
  'dashboard.get': method(
    z.object({}),
    DashboardSchema,
    'Who is connected, what each person did today and in all, their pace, the queue left, the agreement so far, and offline packages and merges. `dashboard.changed` carries the same whenever it changes.',
  ),
} as const;

export const dashboardEvents = {
  /** The dashboard changed (a judgment, a connection, an agreement computed): at most once a second. */
  'dashboard.changed': DashboardSchema,
} as const;
