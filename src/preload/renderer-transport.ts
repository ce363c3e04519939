/**
 * What the bridge needs from Electron's renderer IPC, and nothing more. The production
 * implementation is electron-ipc-renderer.ts; tests pass recording fakes.
 */
export interface RendererTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  send(channel: string, payload: unknown): void;
  /** Calls listener with the message payload only; returns a function that unsubscribes. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}
