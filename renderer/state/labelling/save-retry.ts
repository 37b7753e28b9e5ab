import { ApiError } from '../../../shared/api/errors';
import { RETRYABLE_SAVE_ERRORS } from '../../../shared/domain/open-problem';

/**
 * A judgment the backend could not save (disk full, no permission, another program holding
 * the file, a dropped connection to the browser host). It stays in memory, exactly as the
 * labeller made it, and is retried until it goes through; the labeller stays on the item.
 */
export interface UnsavedJudgment {
  itemId: string;
  attempt: number;
  message: string;
  /** Date.now() of the next automatic retry. */
  retryAt: number;
}

/** 1 s, 2 s, 4 s … capped at 30 s: quick after a blip, gentle while the disk stays full. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** Whether retrying can help, and what to tell the labeller. */
export function describeSaveFailure(e: unknown): { retryable: boolean; message: string } {
  if (e instanceof ApiError) {
    const retryable = RETRYABLE_SAVE_ERRORS.includes(e.code);
    const lead =
      e.code === 'DISK_FULL'
        ? 'The disk is full.'
        : e.code === 'PERMISSION_DENIED'
          ? 'Rankwise has no permission to write the project.'
          : e.code === 'PROJECT_LOCKED'
            ? 'Another program is writing to the project.'
            : e.code === 'IO_ERROR'
              ? 'The disk reported an error.'
              : e.code === 'PROJECT_READ_ONLY'
                ? 'This project is open read-only: judgments cannot be saved.'
                : `Not saved: ${e.message}`;
    return { retryable, message: retryable ? `${lead} ${e.message}` : lead };
  }
  // No answer at all (the browser host stopped, the network dropped): the save may be retried.
  return { retryable: true, message: `No answer from Rankwise (${(e as Error).message}).` };
}
