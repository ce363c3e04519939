export interface RecordedCredential {
  kind: 'api-key' | 'access-token';
  apiKeyId: string | null;
  via: 'header' | 'subprotocol';
}

export interface RecordedAudio {
  bytes: number;
  frames: number;
  frameSizes: number[];
  durationMs: number;
  sampleRate: number | null;
  encoding: string | null;
  channels: number;
}

export interface RecordedResult {
  isFinal: boolean;
  speechFinal: boolean;
  transcript: string;
  start: number;
  duration: number;
  /** With multichannel=true&channels>1: the channel these results are for. */
  channel?: number;
}

/** A fault that acted on a connection: it was refused at the handshake, or cut after some audio. */
export type RecordedFault =
  | { kind: 'refused'; status: number; source: 'once' | 'script' }
  | { kind: 'cut'; closeCode: 1006 | 1011; afterAudioMs: number; source: 'once' | 'script' };

export interface RecordedConnection {
  id: string;
  requestId: string;
  openedAt: number;
  closedAt: number | null;
  credential: RecordedCredential;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  handshakeStatus: number;
  audio: RecordedAudio;
  controlMessages: Array<{ type: string; at: number }>;
  emptyBinaryFrames: number;
  closeCode: number | null;
  closeReason: string | null;
  results: RecordedResult[];
  /** Set when an injected fault refused or cut this connection; null otherwise. */
  fault: RecordedFault | null;
}

export interface RecordedRestRequest {
  method: string;
  path: string;
  status: number;
  credentialKind: 'api-key' | 'access-token' | null;
  apiKeyId: string | null;
}

/** What the emulator received and answered, for test assertions. */
export class Recorder {
  readonly connections: RecordedConnection[] = [];
  readonly restRequests: RecordedRestRequest[] = [];
  private readonly listeners = new Set<() => void>();

  clear(): void {
    this.connections.length = 0;
    this.restRequests.length = 0;
    this.changed();
  }

  /** Resolves once predicate(recorder) is true; rejects after timeoutMs. */
  waitFor(predicate: (recorder: Recorder) => boolean, timeoutMs = 5_000): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`recorder.waitFor: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  /** Called by the emulator after every mutation so waitFor() wakes up. */
  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
