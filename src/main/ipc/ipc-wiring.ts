/**
 * How main's core meets an IPC transport: the contract's channels registered on an
 * ipcMain-shaped object, each message handed to the dispatcher with its sender's identity,
 * and core events sent to our window only. Electron-free, so the app (Electron's ipcMain,
 * through electron-ipc-main.ts) and the browser test harness (its emulated ipcMain) run the
 * very same wiring and cannot drift apart.
 */
import { createEarshotCore, type EarshotCore, type EarshotCoreDeps } from '../core/create-earshot-core';
import type { EventSink } from '../core/handler-types';
import type { Logger } from '../core/logger';
import { eventContract } from '../../shared/ipc-contract';
import { createAudioRateGuard } from './audio-rate-guard';
import { createIpcDispatcher, type IpcDispatcher, type IpcSenderIdentity } from './ipc-dispatcher';
import { createTrustedSenderCheck } from './trusted-sender';

/** The fields of Electron's IpcMainEvent / IpcMainInvokeEvent that main reads. */
export interface IpcEventLike {
  sender: { id: number; mainFrame: unknown };
  senderFrame: { url: string } | null;
}

/** The part of Electron's ipcMain that main uses. */
export interface IpcMainLike<InvokeEvent extends IpcEventLike, SendEvent extends IpcEventLike> {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: SendEvent, payload: unknown) => void): void;
  removeListener(channel: string, listener: (event: SendEvent, payload: unknown) => void): void;
  eventNames(): (string | symbol)[];
  removeAllListeners(channel: string): void;
}

/** The part of a webContents that events are sent through. */
export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export function senderIdentity(event: IpcEventLike): IpcSenderIdentity {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

/**
 * Registers the contract's channels and removes any other listener a library added
 * (electron-store registers 'electron-store-get-data' for renderer-side stores, which
 * Earshot does not use), so the contract is the whole IPC surface. Returns a function that
 * removes the contract's channels again.
 */
function registerContractChannels<InvokeEvent extends IpcEventLike, SendEvent extends IpcEventLike>(
  ipcMain: IpcMainLike<InvokeEvent, SendEvent>,
  dispatcher: IpcDispatcher,
  log: Logger,
): () => void {
  for (const name of ipcMain.eventNames()) {
    // IPC channels are strings; Node's own symbol-named events are not IPC.
    if (typeof name !== 'string' || dispatcher.sendChannels.includes(name)) continue;
    ipcMain.removeAllListeners(name);
    log.info('removed an ipcMain listener outside the contract', { channel: name });
  }
  for (const channel of dispatcher.invokeChannels) {
    ipcMain.handle(channel, (event, payload) =>
      dispatcher.handleInvoke(channel, payload, senderIdentity(event)),
    );
  }
  const listeners = dispatcher.sendChannels.map((channel) => {
    const listener = (event: SendEvent, payload: unknown) =>
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
function createWindowEventSink(target: () => WebContentsLike | null, log: Logger): EventSink {
  return (method, payload) => {
    const webContents = target();
    if (!webContents || webContents.isDestroyed()) {
      log.debug('event dropped: no window', { method });
      return;
    }
    webContents.send(eventContract[method].channel, payload);
  };
}

export interface WiredMain {
  core: EarshotCore;
  dispatcher: IpcDispatcher;
  /** Removes the contract's channels from the transport. */
  unregister(): void;
}

/** The one wiring of core, dispatcher and IPC transport: the app and the browser harness both call it. */
export async function wireEarshotMain<
  InvokeEvent extends IpcEventLike,
  SendEvent extends IpcEventLike,
>(options: {
  core: Omit<EarshotCoreDeps, 'emit'>;
  ipcMain: IpcMainLike<InvokeEvent, SendEvent>;
  /** Our window's webContents, when there is one: the only target of events. */
  window: () => (WebContentsLike & { id: number }) | null;
  /** Whether a webContents id is one of our windows (Electron: the registry of created windows). */
  isTrustedWebContents: (webContentsId: number) => boolean;
  appOrigin: string;
  /** Main's events also go here, after our window (the tray and the indicator watch the session). */
  observeEvents?: EventSink;
  /** Every audio frame the core accepted also goes here (the indicator's level). */
  observeAudio?: (frame: ArrayBuffer) => void;
}): Promise<WiredMain> {
  const { log } = options.core;
  const windowSink = createWindowEventSink(options.window, log);
  const { observeEvents, observeAudio } = options;
  const emit: EventSink = observeEvents
    ? (method, payload) => {
        windowSink(method, payload);
        observeEvents(method, payload);
      }
    : windowSink;
  const core = await createEarshotCore({ ...options.core, emit });
  const dispatcher = createIpcDispatcher({
    invokeHandlers: core.invokeHandlers,
    sendHandlers: observeAudio
      ? {
          ...core.sendHandlers,
          sendAudio: (frame) => {
            core.sendHandlers.sendAudio(frame);
            observeAudio(frame);
          },
        }
      : core.sendHandlers,
    isTrustedSender: createTrustedSenderCheck({
      isTrustedWebContents: options.isTrustedWebContents,
      appOrigin: options.appOrigin,
    }),
    log,
    // Real time in the session's format ("both" streams two channels: twice the bytes).
    audioRateGuard: createAudioRateGuard({ bytesPerSecondOfAudio: () => core.audioBytesPerSecond() }),
  });
  const unregister = registerContractChannels(options.ipcMain, dispatcher, log);
  return { core, dispatcher, unregister };
}
