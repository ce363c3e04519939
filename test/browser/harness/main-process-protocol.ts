/**
 * Messages between the test process (which holds the window's end of the Electron emulation)
 * and main-process-child.ts (which runs main's real core and dispatcher), over Node's fork
 * channel with `serialization: 'advanced'`: the structured clone Electron's own IPC uses, so
 * an audio frame arrives in the child as a real ArrayBuffer.
 */
import type { InvokeReply } from './renderer-emulation';

/** What main reads from an IPC event to check its sender (see emulated-main.ts). */
export interface ForwardedSender {
  webContentsId: number;
  frameUrl: string | null;
  isMainFrame: boolean;
}

export interface MainProcessConfig {
  userDataDir: string;
  appOrigin: string;
  /** Endpoint put into settings before the window opens; null leaves settings alone. */
  endpoint: string | null;
}

export type ToMainProcess =
  | { type: 'window'; webContentsId: number }
  | { type: 'invoke'; id: number; channel: string; args: unknown[]; sender: ForwardedSender }
  | { type: 'send'; channel: string; args: unknown[]; sender: ForwardedSender }
  | { type: 'dispose' };

export type FromMainProcess =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; reply: InvokeReply }
  | { type: 'event'; channel: string; args: unknown[] }
  | { type: 'log'; line: string }
  | { type: 'disposed' };
