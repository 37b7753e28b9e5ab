/**
 * The sandboxed preload: the renderer's only door to the main process. It exposes exactly
 * `call` and `on`, refuses method names outside the contract before they reach IPC, and hands
 * the renderer plain data only (no ipcRenderer, no event objects).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, METHOD_NAMES } from '../shared/api/method-names';

const allowed = new Set<string>(METHOD_NAMES);

contextBridge.exposeInMainWorld('rankwise', {
  call(method: unknown, input: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !allowed.has(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `unknown method ${JSON.stringify(method)}` },
      });
    }
    return ipcRenderer.invoke(IPC_CHANNELS.call, method, input);
  },
  on(listener: (name: string, payload: unknown) => void): () => void {
    const wrapped = (_event: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_CHANNELS.event, wrapped);
    return () => ipcRenderer.removeListener(IPC_CHANNELS.event, wrapped);
  },
});
