import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one unit of work (an HTTP request, a job) does when an error escapes it: every error a
 * handler throws or rejects with is caught where it is awaited and answered as that call's
 * failure; this is for the rest, an `'error'` event nobody listens to on some stream or a
 * callback that throws, which Node would otherwise turn into the end of the process.
 */
export interface FaultBoundary {
  /** Who the work was for, for the log: `POST /api/imports.preview`, `job 0190… (import)`. */
  what: string;
  /** Answer the work as failed (once; later calls are ignored by the owner). */
  fail(error: Error): void;
}

const current = new AsyncLocalStorage<FaultBoundary>();

/**
 * Run `work` inside a boundary: anything that escapes from it, or from any callback or
 * stream it starts (they inherit the async context), is logged with `what` and reported
 * to `fail`, and the process carries on.
 */
export function withinBoundary<T>(boundary: FaultBoundary, work: () => T): T {
  return current.run(boundary, work);
}

export type EscapePolicy =
  /** A host (rankwise serve, the desktop app): log it, fail the work it belongs to, stay up. */
  | { kind: 'stay-up'; log: (line: string) => void }
  /** A one-shot command: say what went wrong in one line (no stack trace) and exit non-zero. */
  | { kind: 'exit'; report: (message: string) => void };

let policy: EscapePolicy | null = null;
let installed = false;

function onEscape(error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  const boundary = current.getStore();
  const p = policy ?? { kind: 'exit', report: (m: string) => process.stderr.write(`${m}\n`) };
  if (p.kind === 'exit') {
    p.report(`internal error: ${err.message}`);
    process.exit(1);
  }
  // Some callbacks lose their async context (a microtask queued by a library, say): the work
  // they belonged to cannot be named, but the host still stays up.
  p.log(
    `rankwise: an error escaped ${boundary ? boundary.what : 'a request or job that could not be named'} and was contained: ${err.stack ?? err.message}`,
  );
  try {
    boundary?.fail(err);
  } catch (e) {
    p.log(`rankwise: answering ${boundary?.what} as failed failed too: ${String(e)}`);
  }
}

/**
 * Decide what an escaped error does in this process, and listen for them (once per process:
 * `uncaughtException` and `unhandledRejection`). Hosts call it with `stay-up` when they start
 * serving; the CLI sets `exit` for every other command.
 */
export function setEscapePolicy(next: EscapePolicy): void {
  policy = next;
  if (installed) return;
  installed = true;
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
}
