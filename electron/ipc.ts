import { ipcMain, webContents, type WebFrameMain } from 'electron';
import { IPC_CHANNELS } from '../shared/api/method-names';
import type { Handlers } from '../db/backend';
import { dispatch } from '../db/dispatch';
import { withinBoundary } from '../db/fault-boundary';
import type { EventHub } from '../db/events';
import { isAppUrl } from './policy/app-origin';
import { senderRefusal } from './policy/ipc-senders';

/** Only our own page, served from app://rankwise/, may call the backend or send drops. */
export function trustedSender(frame: WebFrameMain | null | undefined): boolean {
  return !!frame && isAppUrl(frame.url);
}

export interface IpcTargets {
  /** The handlers of whatever project is open now (they change on File > Open). */
  handlers(): Handlers | null;
  /** Events for the window: the open project's, and the shell's own app commands. */
  events: EventHub;
  /** Paths of files dropped on the window. */
  onDrop(paths: string[]): void;
}

/**
 * The one place ipcMain is touched: one channel for calls, one for events, one for drops.
 * Anything from another origin (a navigated frame, an iframe) is refused before dispatch.
 */
export function bindIpc(targets: IpcTargets): () => void {
  ipcMain.handle(IPC_CHANNELS.call, (event, method: unknown, input: unknown) => {
    const refusal = senderRefusal(event.senderFrame?.url);
    if (refusal) return { ok: false, error: refusal };
    const handlers = targets.handlers();
    if (!handlers)
      return { ok: false, error: { code: 'NOT_FOUND', message: 'no project is open' } };
    // A fault boundary per call, as per HTTP request: an error escaping this call's work
    // answers this call, and the app stays up (db/fault-boundary.ts).
    return new Promise((resolve) => {
      const fail = (e: Error) =>
        resolve({
          ok: false,
          error: { code: 'INTERNAL', message: `internal error: ${e.message}` },
        });
      void withinBoundary({ what: `IPC ${String(method)}`, fail }, () =>
        dispatch(handlers, String(method), input).then(resolve, fail),
      );
    });
  });
  const onDrop = (event: Electron.IpcMainEvent, paths: unknown) => {
    if (!trustedSender(event.senderFrame)) return;
    if (!Array.isArray(paths)) return;
    const valid = paths
      .filter((p): p is string => typeof p === 'string' && p.length > 0)
      .slice(0, 100);
    if (valid.length) targets.onDrop(valid);
  };
  ipcMain.on(IPC_CHANNELS.drop, onDrop);
  const unsubscribe = targets.events.subscribe((name, payload) => {
    for (const wc of webContents.getAllWebContents()) {
      if (!wc.isDestroyed() && trustedSender(wc.mainFrame))
        wc.send(IPC_CHANNELS.event, name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeListener(IPC_CHANNELS.drop, onDrop);
    unsubscribe();
  };
}
