/**
 * The contract's method names as a plain list, importable without zod: Electron's sandboxed
 * preload uses it to refuse anything else. contract.ts checks at compile time that this list
 * and its method table name exactly the same methods.
 */
export const METHOD_NAMES = [
  'project.info',
  'session.get',
  'session.identify',
  'settings.get',
  'settings.updateTask',
  'settings.updateGuidelines',
  'items.next',
  'items.get',
  'judgments.submit',
  'judgments.undo',
  'progress.get',
  'exports.start',
  'exports.preview',
  'jobs.cancel',
  'jobs.get',
  'backups.list',
  'backups.create',
  'backups.restore',
  'backups.setSchedule',
  'recovery.status',
  'recovery.openReadOnly',
  'recovery.retry',
  'recovery.salvage',
  'team.members',
  'team.addMember',
  'team.assign',
  'team.setGold',
  'team.exportPackage',
  'team.exportAnnotations',
  'merge.start',
  'agreement.start',
  'agreement.get',
  'leaderboard.start',
  'leaderboard.get',
  'reviews.queue',
  'reviews.item',
  'reviews.decide',
  'reviews.retract',
  'drafts.get',
  'drafts.save',
  'drafts.discard',
  'items.list',
  'items.recent',
  'session.summary',
  'imports.preview',
  'imports.start',
  'imports.pickFile',
  'imports.discard',
  'imports.list',
  'access.list',
  'access.invite',
  'access.revoke',
  'audit.list',
  'dashboard.get',
  'leases.renew',
  'leases.release',
  'leases.setOverlap',
] as const;

export type MethodNameLiteral = (typeof METHOD_NAMES)[number];

/** IPC channel names, shared by main and preload so they cannot drift apart. */
export const IPC_CHANNELS = {
  call: 'rankwise:call',
  event: 'rankwise:event',
  /** Files dropped on the window, as paths only the preload can learn (webUtils). */
  drop: 'rankwise:drop',
} as const;
