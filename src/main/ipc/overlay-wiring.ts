/**
 * The caption overlay's IPC, Electron-free like ipc-wiring.ts, so the app and the browser
 * harness run the same wiring: the overlay contract's channels on ipcMain, each message through
 * the overlay dispatcher, and overlay events to the overlay window's webContents only.
 */
import type { EarshotCore } from '../core/create-earshot-core';
import type { Logger } from '../core/logger';
import {
  createOverlayService,
  type OverlayControls,
  type OverlayEventSink,
  type OverlayService,
} from '../core/overlay/overlay-service';
import { createRequestBudget } from '../core/request-budget';
import { overlayEventContract } from '../../shared/overlay-contract';
import { createOverlayDispatcher, createOverlaySenderCheck } from './overlay-dispatcher';
import { senderIdentity, type IpcEventLike, type IpcMainLike, type WebContentsLike } from './ipc-wiring';

/** Lines and text size are changed a step at a time; each step writes the settings file. */
const overlayAdjustmentBudget = { capacity: 20, refillEveryMs: 250, what: 'overlay changes' };

export interface WiredOverlay {
  service: OverlayService;
  unregister(): void;
}

export function wireOverlayMain<InvokeEvent extends IpcEventLike, SendEvent extends IpcEventLike>(options: {
  ipcMain: IpcMainLike<InvokeEvent, SendEvent>;
  core: Pick<EarshotCore, 'observeEvents' | 'observeSettings' | 'currentSettings' | 'invokeHandlers'>;
  /** The overlay window's webContents, while it exists: the only sender accepted and the only target. */
  overlayWindow: () => (WebContentsLike & { id: number }) | null;
  controls: OverlayControls;
  appOrigin: string;
  log: Logger;
  now?: () => number;
}): WiredOverlay {
  const { ipcMain, core, log } = options;
  const send: OverlayEventSink = (method, payload) => {
    const webContents = options.overlayWindow();
    if (!webContents || webContents.isDestroyed()) return;
    webContents.send(overlayEventContract[method].channel, payload);
  };
  const service = createOverlayService({
    settings: {
      current: () => core.currentSettings(),
      update: (patch) => core.invokeHandlers.updateSettings(patch),
      onChange: (listener) => core.observeSettings(listener),
    },
    controls: options.controls,
    send,
    adjustments: createRequestBudget({ ...overlayAdjustmentBudget, now: options.now ?? Date.now }),
  });
  const dispatcher = createOverlayDispatcher({
    handlers: service.handlers,
    isTrustedSender: createOverlaySenderCheck({
      overlayWebContentsId: () => options.overlayWindow()?.id ?? null,
      appOrigin: options.appOrigin,
    }),
    log,
  });
  for (const channel of dispatcher.invokeChannels) {
    ipcMain.handle(channel, (event, payload) =>
      dispatcher.handleInvoke(channel, payload, senderIdentity(event)),
    );
  }
  const stopObserving = core.observeEvents(service.observe);
  return {
    service,
    unregister: () => {
      stopObserving();
      service.dispose();
      for (const channel of dispatcher.invokeChannels) ipcMain.removeHandler(channel);
    },
  };
}
