/**
 * The only module that touches Electron's ipcMain (lint-enforced). It registers exactly the
 * contract's channels and hands every message to the dispatcher with the sender's identity
 * as Electron reports it; all policy lives in the dispatcher.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { EventSink } from '../core/handler-types';
import type { Logger } from '../core/logger';
import { eventContract } from '../../shared/ipc-contract';
import type { IpcDispatcher, IpcSenderIdentity } from './ipc-dispatcher';

function senderIdentity(event: IpcMainEvent | IpcMainInvokeEvent): IpcSenderIdentity {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

/**
 * Registers the contract's channels on ipcMain and removes any other ipcMain listener a
 * library added (electron-store registers 'electron-store-get-data' for renderer-side
 * stores, which Earshot does not use), so the contract is the whole IPC surface. Returns a
 * function that removes the contract's channels again.
 */
export function registerIpcMainChannels(dispatcher: IpcDispatcher, log: Logger): () => void {
  for (const name of ipcMain.eventNames()) {
    // IPC channels are strings; Node's own symbol-named events are not IPC.
    if (typeof name !== 'string' || dispatcher.sendChannels.includes(name)) continue;
    ipcMain.removeAllListeners(name);
    log.info('removed an ipcMain listener outside the contract', { channel: name });
  }
  for (const channel of dispatcher.invokeChannels) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      dispatcher.handleInvoke(channel, payload, senderIdentity(event)),
    );
  }
  const listeners = dispatcher.sendChannels.map((channel) => {
    const listener = (event: IpcMainEvent, payload: unknown) =>
      dispatcher.handleSend(channel, payload, senderIdentity(event));
    ipcMain.on(channel, listener);
    return { channel, listener };
  });
  return () => {
    for (const channel of dispatcher.invokeChannels) ipcMain.removeHandler(channel);
    for (const { channel, listener } of listeners) ipcMain.removeListener(channel, listener);
  };
}

/**
 * Main → renderer events for the contract's event channels, delivered to our window's
 * webContents only (never broadcast). Events for a window that is gone are dropped.
 */
export function createWebContentsEventSink(target: () => WebContents | null, log: Logger): EventSink {
  return (method, payload) => {
    const webContents = target();
    if (!webContents || webContents.isDestroyed()) {
      log.debug('event dropped: no window', { method });
      return;
    }
    webContents.send(eventContract[method].channel, payload);
  };
}
