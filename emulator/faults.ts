export type RefusalStatus = 429 | 503 | 401 | 402 | 403;

/** What a live connection must support for faults to act on it. */
export interface FaultTarget {
  drop(): void;
  closeWith(code: number, reason: string): void;
  stall(ms: number): void;
}

/** Per-test fault injection; the server consults it at each handshake and audio frame. */
export class Faults {
  private refusals: Array<RefusalStatus> = [];
  private dropAfter: { ms: number; fromSerial: number } | null = null;

  constructor(
    private readonly liveConnections: () => Iterable<FaultTarget>,
    /** Serial number the next accepted connection will get. */
    private readonly nextConnectionSerial: () => number,
  ) {}

  /** Destroys every live TCP socket now: the client sees 1006. */
  dropConnections(): void {
    for (const connection of [...this.liveConnections()]) connection.drop();
  }

  closeConnections(code = 1011, reason = 'NET-0000'): void {
    for (const connection of [...this.liveConnections()]) connection.closeWith(code, reason);
  }

  /** Live connections hold back every message for ms (audio is still read), then deliver them. */
  stall(ms: number): void {
    for (const connection of [...this.liveConnections()]) connection.stall(ms);
  }

  refuseHandshakes(n: number, status: RefusalStatus = 429): void {
    for (let i = 0; i < n; i += 1) this.refusals.push(status);
  }

  /** The first connection opened from now on to receive ms of audio is dropped at that point (once). */
  dropAfterAudioMs(ms: number): void {
    this.dropAfter = { ms, fromSerial: this.nextConnectionSerial() };
  }

  reset(): void {
    this.refusals = [];
    this.dropAfter = null;
  }

  /** @internal The status to refuse this handshake with, if a refusal is pending. */
  takeRefusal(): RefusalStatus | undefined {
    return this.refusals.shift();
  }

  /** @internal True (once) when a connection with this much audio must be dropped. */
  takeDropAfterAudio(connectionSerial: number, receivedMs: number): boolean {
    const armed = this.dropAfter;
    if (armed === null || connectionSerial < armed.fromSerial || receivedMs < armed.ms) return false;
    this.dropAfter = null;
    return true;
  }
}
