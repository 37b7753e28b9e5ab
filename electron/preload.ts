/**
 * The sandboxed preload: the renderer's only door to the main process. It exposes exactly
 * `call` and `on`, refuses method names outside the contract before they reach IPC, and hands
 * the renderer plain data only (no ipcRenderer, no event objects).
 *
 * It also carries files dropped on the window to the main process. Their paths are known
 * only here (webUtils), so a page cannot make the shell open a path it was never given.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
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

// The node-side TypeScript project has no DOM types: the little of DragEvent used here.
interface DropEvent {
  preventDefault(): void;
  dataTransfer: { files: ArrayLike<File> } | null;
}
type File = Parameters<typeof webUtils.getPathForFile>[0];
const page = globalThis as unknown as {
  addEventListener(type: 'dragover' | 'drop', listener: (e: DropEvent) => void): void;
};

page.addEventListener('dragover', (e) => e.preventDefault());
page.addEventListener('drop', (e) => {
  e.preventDefault();
  const files = Array.from(e.dataTransfer?.files ?? []);
  const paths = files.map((f) => webUtils.getPathForFile(f)).filter(Boolean);
  if (paths.length) ipcRenderer.send(IPC_CHANNELS.drop, paths);
});
