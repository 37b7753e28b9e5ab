import { ipcMain, webContents, type WebFrameMain } from 'electron';
import { IPC_CHANNELS } from '../shared/api/method-names';
import type { Backend } from '../db/backend';
import { dispatch } from '../db/dispatch';
import { APP_ORIGIN } from './protocol';

/** Only our own page, served from app://, may call the backend. */
export function trustedSender(frame: WebFrameMain | null | undefined): boolean {
  if (!frame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * The one place ipcMain is touched: one channel for calls, one for events. Calls from any
 * other origin (a navigated frame, an iframe) are refused before dispatch.
 */
export function bindIpc(backend: Backend): () => void {
  ipcMain.handle(IPC_CHANNELS.call, (event, method: unknown, input: unknown) => {
    if (!trustedSender(event.senderFrame)) {
      return {
        ok: false,
        error: {
          code: 'UNKNOWN_METHOD',
          message: 'calls are accepted only from the Rankwise window',
        },
      };
    }
    return dispatch(backend.handlers, String(method), input);
  });
  const unsubscribe = backend.events.subscribe((name, payload) => {
    for (const wc of webContents.getAllWebContents()) {
      if (!wc.isDestroyed() && trustedSender(wc.mainFrame))
        wc.send(IPC_CHANNELS.event, name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    unsubscribe();
  };
}
