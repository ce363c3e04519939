import { noFaults, type CutKind, type FaultScript, type RefusalStatus } from './fault-script';

export type { CutKind, FaultScript, RefusalStatus } from './fault-script';

/** What a live connection must support for faults to act on it. */
export interface FaultTarget {
  drop(): void;
  closeWith(code: number, reason: string): void;
  stall(ms: number): void;
}

/** Why a fault acted: a one-shot call a test made, or the persistent script. */
export type FaultSource = 'once' | 'script';

export interface InjectedRefusal {
  status: RefusalStatus;
  source: FaultSource;
}

export interface InjectedCut {
  kind: CutKind;
  source: FaultSource;
}

/** Per-test fault injection; the server consults it at each handshake and audio frame. */
export class Faults {
  private refusals: Array<RefusalStatus> = [];
  private dropAfter: { ms: number; fromSerial: number } | null = null;
  private activeScript: FaultScript = { ...noFaults };
  /** Handshakes the script still refuses since the last cut. */
  private scriptRefusalsLeft = 0;

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

  /**
   * Runs a persistent script until reset(): it acts on every connection, open or opened later,
   * and combines with the one-shot faults above (those act first).
   */
  useScript(script: FaultScript): void {
    this.activeScript = { ...script };
    this.scriptRefusalsLeft = 0;
  }

  get script(): Readonly<FaultScript> {
    return this.activeScript;
  }

  reset(): void {
    this.refusals = [];
    this.dropAfter = null;
    this.activeScript = { ...noFaults };
    this.scriptRefusalsLeft = 0;
  }

  /** @internal The refusal for this handshake, if one is pending. */
  takeRefusal(): InjectedRefusal | undefined {
    const once = this.refusals.shift();
    if (once !== undefined) return { status: once, source: 'once' };
    const scripted = this.activeScript.refuseAfterCut;
    if (scripted === null || this.scriptRefusalsLeft === 0) return undefined;
    this.scriptRefusalsLeft -= 1;
    return { status: scripted.status, source: 'script' };
  }

  /**
   * @internal Whether a connection that has received this much audio must be cut now. A scripted
   * cut arms the script's refusals for the handshakes that follow it (re-armed, not added up).
   */
  takeCut(connectionSerial: number, receivedMs: number): InjectedCut | undefined {
    const armed = this.dropAfter;
    if (armed !== null && connectionSerial >= armed.fromSerial && receivedMs >= armed.ms) {
      this.dropAfter = null;
      return { kind: 'drop', source: 'once' };
    }
    const script = this.activeScript;
    if (script.cutAfterMs === null || receivedMs < script.cutAfterMs) return undefined;
    this.scriptRefusalsLeft = script.refuseAfterCut?.count ?? 0;
    return { kind: script.cutWith, source: 'script' };
  }
}
