/**
 * The test process's side of main-process-child.ts: starts main's real core in its own Node
 * process and gives the window an ipcMain that forwards every invoke and send to it, with the
 * sender facts main checks. Events main sends to the window come back and go through the
 * window's emulated webContents, so their order against invoke replies is kept as in
 * electron-main-emulation.ts (the child sends an event before the reply it precedes, and
 * the fork channel keeps order). `kill()` is a real SIGKILL: no stop, no dispose, no flush.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import {
  EmulatedIpcMain,
  type EmulatedIpcMainEvent,
  type EmulatedWebContents,
} from './electron-main-emulation';
import type {
  ForwardedSender,
  FromMainProcess,
  MainProcessConfig,
  ToMainProcess,
} from './main-process-protocol';
import type { InvokeReply } from './renderer-emulation';

export interface MainProcess {
  /** Register the window's ipcMain as this: it forwards to the child. */
  ipcMain: EmulatedIpcMain;
  /** Every line main logged, as the child's redacting logger wrote it. */
  logLines: string[];
  pid: number;
  /** Tells main which webContents is its window (its trusted sender). */
  windowAttached(webContents: EmulatedWebContents): void;
  /** SIGKILL, as the OS ends a crashed or force-quit app; resolves with the signal that ended it. */
  kill(): Promise<NodeJS.Signals | null>;
  /** An orderly end (the session is disposed), for tests that did not kill it. */
  dispose(): Promise<void>;
}

const childEntry = resolve(import.meta.dirname, 'main-process-child.ts');
const goneReply: InvokeReply = { ok: false, message: 'Error: The main process is gone.' };

function forwardedSender(event: EmulatedIpcMainEvent): ForwardedSender {
  return {
    webContentsId: event.sender.id,
    frameUrl: event.senderFrame?.url ?? null,
    isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
  };
}

class ForwardingIpcMain extends EmulatedIpcMain {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: InvokeReply) => void>();

  constructor(private readonly child: ChildProcess) {
    super();
  }

  /**
   * A message to a main that was just SIGKILLed may still find the channel "connected" and
   * fail with EPIPE; as in Electron, a message to a dead main is simply lost.
   */
  private post(message: ToMainProcess, onLost: () => void = () => undefined): void {
    if (!this.child.connected) {
      onLost();
      return;
    }
    try {
      this.child.send(message, (error) => {
        if (error) onLost();
      });
    } catch {
      onLost();
    }
  }

  override invoke(event: EmulatedIpcMainEvent, channel: string, args: unknown[]): Promise<InvokeReply> {
    const id = this.nextId++;
    return new Promise<InvokeReply>((answer) => {
      this.pending.set(id, answer);
      this.post({ type: 'invoke', id, channel, args, sender: forwardedSender(event) }, () =>
        this.answer(id, goneReply),
      );
    });
  }

  override emit(event: EmulatedIpcMainEvent, channel: string, args: unknown[]): void {
    this.post({ type: 'send', channel, args, sender: forwardedSender(event) });
  }

  answer(id: number, reply: InvokeReply): void {
    this.pending.get(id)?.(reply);
    this.pending.delete(id);
  }

  /** The process died: nothing will answer what is outstanding. */
  abandonAll(): void {
    for (const id of [...this.pending.keys()]) this.answer(id, goneReply);
  }
}

export async function startMainProcess(config: MainProcessConfig): Promise<MainProcess> {
  const child = fork(childEntry, [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ipcMain = new ForwardingIpcMain(child);
  const logLines: string[] = [];
  let webContents: EmulatedWebContents | null = null;
  let disposed: (() => void) | null = null;
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      ipcMain.abandonAll();
      done();
    }),
  );

  await new Promise<void>((ready, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      fail(new Error(`Main's process ended before it was ready (${code ?? signal}).`)),
    );
    child.on('message', (message: FromMainProcess) => {
      switch (message.type) {
        case 'ready':
          ready();
          return;
        case 'failed':
          fail(new Error(`Main's process failed to start: ${message.message}`));
          return;
        case 'reply':
          ipcMain.answer(message.id, message.reply);
          return;
        case 'event':
          if (webContents && !webContents.isDestroyed()) webContents.send(message.channel, ...message.args);
          return;
        case 'log':
          logLines.push(message.line);
          return;
        case 'disposed':
          disposed?.();
          return;
      }
    });
  });

  const pid = child.pid;
  if (pid === undefined) throw new Error("Main's process has no pid.");
  return {
    ipcMain,
    logLines,
    pid,
    windowAttached(attached) {
      webContents = attached;
      child.send({ type: 'window', webContentsId: attached.id } satisfies ToMainProcess);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      return child.signalCode;
    },
    async dispose() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = new Promise<void>((resolveDone) => {
        disposed = resolveDone;
      });
      child.send({ type: 'dispose' } satisfies ToMainProcess);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await Promise.race([done.then(() => exited), exited]);
      clearTimeout(timer);
    },
  };
}
