/**
 * Main's half of the Electron emulation: ipcMain (handle / on) and webContents.send over a
 * Playwright binding, with the sender identity taken from the frame that called the binding.
 * Every message crossing the bridge, in both directions, is recorded as the exact text that
 * crossed, for the security tests. See ELECTRON-EMULATION.md.
 */
import { randomUUID } from 'node:crypto';
import type { Frame, Page } from '@playwright/test';
import type { InvokeReply, RendererEmulationConfig, RendererMessage, WireValue } from './renderer-emulation';
import { preloadInitScript } from './sandboxed-preload';
import { decodeWire, encodeWire } from './wire-codec';

export interface EmulatedSenderFrame {
  url: string;
  /** null for the main frame, as Electron's WebFrameMain.parent. */
  parent: EmulatedSenderFrame | null;
}

export interface EmulatedWebContents {
  readonly id: number;
  readonly mainFrame: EmulatedSenderFrame;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** The fields of IpcMainEvent / IpcMainInvokeEvent that main code reads. */
export interface EmulatedIpcMainEvent {
  sender: EmulatedWebContents;
  senderFrame: EmulatedSenderFrame | null;
  processId: number;
  frameId: number;
}

export interface BridgeRecord {
  direction: 'renderer-to-main' | 'main-to-renderer';
  kind: 'invoke' | 'send' | 'reply' | 'event' | 'preload-error' | 'forged';
  channel: string;
  /** The exact text that crossed (JSON of the structured-clone wire form). */
  text: string;
  at: number;
}

type InvokeListener = (event: EmulatedIpcMainEvent, ...args: unknown[]) => unknown;
type SendListener = (event: EmulatedIpcMainEvent, ...args: unknown[]) => void;

export class EmulatedIpcMain {
  private readonly handlers = new Map<string, InvokeListener>();
  private readonly listeners = new Map<string, SendListener[]>();

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: SendListener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  removeListener(channel: string, listener: SendListener): void {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((candidate) => candidate !== listener),
    );
  }
  eventNames(): string[] {
    return [...this.listeners.keys()].filter((channel) => (this.listeners.get(channel) ?? []).length > 0);
  }
  removeAllListeners(channel: string): void {
    this.listeners.delete(channel);
  }

  /** ipcRenderer.invoke arriving in main. */
  async invoke(event: EmulatedIpcMainEvent, channel: string, args: unknown[]): Promise<InvokeReply> {
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, message: `Error: No handler registered for '${channel}'` };
    try {
      return { ok: true, value: encodeWire(await handler(event, ...args)) };
    } catch (error) {
      return {
        ok: false,
        message: `${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      };
    }
  }

  /** ipcRenderer.send arriving in main: every listener, in registration order; none → dropped. */
  emit(event: EmulatedIpcMainEvent, channel: string, args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

let nextWebContentsId = 1;
let nextProcessId = 1000;

export interface AttachedWindow {
  webContents: EmulatedWebContents;
  /** Messages that crossed the bridge, both ways, in order. */
  records: BridgeRecord[];
  /** Preload failures Electron would log as "Unable to load preload script". */
  preloadErrors: string[];
  /** Resolves when every webContents.send issued so far has been delivered (or dropped). */
  flush(): Promise<void>;
}

/**
 * Gives a page what an Electron BrowserWindow with { sandbox: true, contextIsolation: true,
 * preload } would: the preload runs before any page script, its ipcRenderer talks to ipcMain.
 * Call before the page navigates.
 */
export async function attachElectronEmulation(
  page: Page,
  options: { ipcMain: EmulatedIpcMain; preloadSource: string },
): Promise<AttachedWindow> {
  const bindingName = `__electronIpc_${randomUUID().replaceAll('-', '')}`;
  const config: RendererEmulationConfig = {
    bindingName,
    deliveryName: `__electronDeliver_${randomUUID().replaceAll('-', '')}`,
    nonce: randomUUID(),
    process: {
      platform: process.platform,
      arch: process.arch,
      versions: { electron: 'emulated', chrome: page.context().browser()?.version() ?? 'unknown' },
      env: {},
    },
  };
  const records: BridgeRecord[] = [];
  const preloadErrors: string[] = [];
  const id = nextWebContentsId++;
  const processId = nextProcessId++;
  // Main → renderer messages, in order. Electron carries them and invoke replies over one
  // channel, so a reply never overtakes a message sent before it; the binding handler below
  // waits for this queue before answering. Queued messages go in one page.evaluate per batch.
  const pending: [string, WireValue[]][] = [];
  let pumping: Promise<void> | null = null;
  const pump = (): Promise<void> => {
    pumping ??= (async () => {
      while (pending.length > 0) {
        const batch = pending.splice(0);
        await page
          .evaluate(
            ([name, messages]) => {
              const deliver = (globalThis as Record<string, unknown>)[name];
              if (typeof deliver !== 'function') return;
              for (const [channel, payload] of messages) deliver(channel, payload);
            },
            [config.deliveryName, batch] as const,
          )
          .catch(() => {
            // The page navigated or closed: Electron drops messages for a document that is gone.
          });
      }
    })().finally(() => {
      pumping = null;
      if (pending.length > 0) void pump();
    });
    return pumping;
  };
  const flush = async (): Promise<void> => {
    while (pumping) await pumping;
  };
  let closed = false;
  page.on('close', () => {
    closed = true;
  });

  const mainFrame: EmulatedSenderFrame = {
    get url() {
      return page.mainFrame().url();
    },
    parent: null,
  };
  const webContents: EmulatedWebContents = {
    id,
    mainFrame,
    isDestroyed: () => closed,
    send(channel, ...args) {
      // Electron serializes synchronously at the call and throws if a value cannot be cloned.
      const wireArgs: WireValue[] = args.map(encodeWire);
      records.push({
        direction: 'main-to-renderer',
        kind: 'event',
        channel,
        text: JSON.stringify(wireArgs),
        at: Date.now(),
      });
      pending.push([channel, wireArgs]);
      void pump();
    },
  };

  function senderFrameOf(frame: Frame): EmulatedSenderFrame {
    if (frame === page.mainFrame()) return mainFrame;
    const parent = frame.parentFrame();
    return { url: frame.url(), parent: parent ? senderFrameOf(parent) : null };
  }

  await page.exposeBinding(bindingName, async (source, text: unknown): Promise<string | null> => {
    const at = Date.now();
    if (typeof text !== 'string') return null;
    const message = JSON.parse(text) as RendererMessage;
    if (message.nonce !== config.nonce) {
      // Page code found Playwright's binding controller: not a path Electron has, so refuse it.
      records.push({ direction: 'renderer-to-main', kind: 'forged', channel: '', text, at });
      return null;
    }
    const event: EmulatedIpcMainEvent = {
      sender: webContents,
      senderFrame: senderFrameOf(source.frame),
      processId,
      frameId: 1,
    };
    switch (message.kind) {
      case 'preload-error':
        preloadErrors.push(message.message);
        records.push({ direction: 'renderer-to-main', kind: 'preload-error', channel: '', text, at });
        return null;
      case 'send':
        records.push({ direction: 'renderer-to-main', kind: 'send', channel: message.channel, text, at });
        options.ipcMain.emit(event, message.channel, message.args.map(decodeWire));
        return null;
      case 'invoke': {
        records.push({ direction: 'renderer-to-main', kind: 'invoke', channel: message.channel, text, at });
        const reply = JSON.stringify(
          await options.ipcMain.invoke(event, message.channel, message.args.map(decodeWire)),
        );
        await flush();
        records.push({
          direction: 'main-to-renderer',
          kind: 'reply',
          channel: message.channel,
          text: reply,
          at: Date.now(),
        });
        return reply;
      }
    }
  });
  await page.addInitScript({ content: preloadInitScript(config, options.preloadSource) });

  return { webContents, records, preloadErrors, flush };
}
