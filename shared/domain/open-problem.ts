/**
 * Why a project file could not be opened for labelling, and what the user can do about it.
 * The choices depend on the problem: a damaged file can be restored from a backup or have
 * its readable rows saved to a new file; a file another program is writing to can be tried
 * again or opened read-only; a file from a newer Rankwise can only be opened by that
 * version. Never a silent fallback, never a deletion: every choice keeps the file as it is.
 */
export const OPEN_PROBLEM_KINDS = [
  'corrupt',
  'locked',
  'read-only',
  'newer-version',
  'not-a-project',
  'no-permission',
  'missing',
] as const;
export type OpenProblemKind = (typeof OPEN_PROBLEM_KINDS)[number];

export const RECOVERY_CHOICES = ['open-read-only', 'restore-backup', 'salvage', 'retry'] as const;
export type RecoveryChoice = (typeof RECOVERY_CHOICES)[number];

const CHOICES: Record<OpenProblemKind, readonly RecoveryChoice[]> = {
  // Damaged pages: go back to a good copy, or keep what can still be read.
  corrupt: ['restore-backup', 'salvage', 'open-read-only'],
  // Another program holds the write lock: it may finish; reading is still possible.
  locked: ['retry', 'open-read-only'],
  // No permission to write the file or its folder: read it, or fix permissions and retry.
  'read-only': ['open-read-only', 'retry'],
  // Its schema is unknown to this version: reading it would risk misreading it.
  'newer-version': [],
  'not-a-project': [],
  // Not even readable: only fixing the permissions helps.
  'no-permission': ['retry'],
  missing: [],
};

/** The choices that make sense for a problem, most useful first. */
export function choicesFor(kind: OpenProblemKind, hasBackups: boolean): RecoveryChoice[] {
  return CHOICES[kind].filter((c) => c !== 'restore-backup' || hasBackups);
}

/** Labels the UI (and the CLI's hints) use for each choice. */
export const CHOICE_LABELS: Record<RecoveryChoice, string> = {
  'open-read-only': 'Open read-only',
  'restore-backup': 'Restore a backup',
  salvage: 'Export what is readable',
  retry: 'Try again',
};

/** Save failures worth retrying: the judgment stays in memory until one of them clears. */
export const RETRYABLE_SAVE_ERRORS = [
  'DISK_FULL',
  'PERMISSION_DENIED',
  'PROJECT_LOCKED',
  'IO_ERROR',
];
