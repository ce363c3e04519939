/**
 * The only preload module that touches Electron's ipcRenderer (lint-enforced). Listeners are
 * wrapped so the page never receives the IpcRendererEvent, whose `sender` would hand it
 * ipcRenderer itself.
 */
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RendererTransport } from './renderer-transport';

export const electronRendererTransport: RendererTransport = {
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  send: (channel, payload) => ipcRenderer.send(channel, payload),
  subscribe(channel, listener) {
    const withoutEvent = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, withoutEvent);
    return () => {
      ipcRenderer.removeListener(channel, withoutEvent);
    };
  },
};
