/**
 * The preload of every kiosk window: puts the kiosk client at `window.zhucan` and nothing else.
 * Runs sandboxed, so it cannot require our other files: build/compile-main.js bundles it (with
 * preload-api.ts, the kiosk API table and zod) into one CommonJS file, dist/electron/app/preload.cjs.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC_CHANNELS } from './ipc-channels.js';
import { createKioskBridge } from './preload-api.js';

const bridge = createKioskBridge({
  invoke: (name, input) => ipcRenderer.invoke(IPC_CHANNELS.call, name, input),
  on(handler) {
    // The IPC event object is dropped here: it carries `sender` (ipcRenderer itself), which must never
    // reach the page.
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => handler(payload);
    ipcRenderer.on(IPC_CHANNELS.event, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('zhucan', {
  call: (name: string, input: unknown) => bridge.call(name, input),
  subscribe: (listener: Parameters<typeof bridge.subscribe>[0]) => bridge.subscribe(listener),
});
