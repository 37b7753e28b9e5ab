/**
 * The one contract between the UI (or any script) and the backend.
 *
 * Every method is declared once, with runtime schemas for its input and output, in the file
 * of its group under ./methods; types are inferred from the schemas. The Backend in db/ must
 * implement every method (a missing handler is a compile error), and both transports
 * (Electron IPC and HTTP) carry exactly these names. Method names are `noun.verb`.
 */
import { z } from 'zod';
import type { MethodNameLiteral } from './method-names';
import { exportMethods } from './methods/exports';
import { importMethods } from './methods/imports';
import { importEvents } from './methods/imports';
import { itemMethods } from './methods/items';
import { jobEvents, jobMethods } from './methods/jobs';
import { judgmentMethods } from './methods/judgments';
import { projectMethods } from './methods/project';
import { sessionMethods } from './methods/session';
import { settingsMethods } from './methods/settings';
import { backupEvents, backupMethods } from './methods/backups';
import { recoveryEvents, recoveryMethods } from './methods/recovery';
import { appEvents } from './methods/app';
import { teamEvents, teamMethods } from './methods/team';
import { mergeMethods } from './methods/merge';
import { agreementMethods } from './methods/agreement';
import { leaderboardMethods } from './methods/leaderboard';
import { progressMethods } from './methods/progress';
import { reviewMethods } from './methods/reviews';
import { draftMethods } from './methods/drafts';
import { accessEvents, accessMethods } from './methods/access';
import { auditEvents, auditMethods } from './methods/audit';
import { dashboardEvents, dashboardMethods } from './methods/dashboard';
import { leaseMethods } from './methods/leases';
import { judgeMethods } from './methods/judges';

export * from './schemas';
export * from './methods/exports';
export * from './methods/imports';
export * from './methods/jobs';
export * from './methods/judgments';
export * from './methods/backups';
export * from './methods/recovery';
export * from './methods/app';
export * from './methods/team';
export * from './methods/merge';
export * from './methods/agreement';
export * from './methods/reviews';
export * from './methods/drafts';
export * from './methods/items';
export * from './methods/session';
export * from './methods/progress';
export * from './methods/leaderboard';
export * from './methods/access';
export * from './methods/audit';
export * from './methods/dashboard';
export * from './methods/leases';
export * from './methods/judges';

export const methods = {
  ...projectMethods,
  ...sessionMethods,
  ...settingsMethods,
  ...itemMethods,
  ...judgmentMethods,
  ...progressMethods,
  ...importMethods,
  ...exportMethods,
  ...jobMethods,
  ...backupMethods,
  ...recoveryMethods,
  ...teamMethods,
  ...mergeMethods,
  ...agreementMethods,
  ...leaderboardMethods,
  ...reviewMethods,
  ...draftMethods,
  ...accessMethods,
  ...auditMethods,
  ...dashboardMethods,
  ...leaseMethods,
  ...judgeMethods,
} as const;

export const events = {
  ...jobEvents,
  ...importEvents,
  'db.changed': z.object({
    what: z.enum(['items', 'judgments', 'labellers', 'settings', 'judges']),
  }),
  ...backupEvents,
  ...recoveryEvents,
  ...appEvents,
  ...teamEvents,
  ...accessEvents,
  ...auditEvents,
  ...dashboardEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

// Compile-time: METHOD_NAMES (used by the preload) lists exactly the methods above.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Exact<MethodName, MethodNameLiteral> = true;
void namesMatch;
