/**
 * Runs one live session from the renderer's side: opens the microphone the moment the
 * user presses Start, buffers frames until main has opened the session, relays them,
 * and on Stop hands over the last frame before asking main to stop.
 */
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import { CaptureError } from '../audio/capture-errors';
import { inputSwitchedNotice } from '../audio/input-switch';
import { openMicrophone, type MicrophoneCapture } from '../audio/microphone-capture';
import { idleSessionState, type SessionPhase, type SessionState } from '../../shared/session-state';
import type { Settings } from '../../shared/settings';
import { FrameRelay } from './frame-relay';
import type { LiveSnapshot } from './live-snapshot';
import { TranscriptModel } from './transcript-model';
import { FinalAnnouncer } from './final-announcer';
import { followCaptureRequests } from './capture-requests';

export interface Level {
  rms: number;
  peak: number;
}

/** The window is starting or stopping a session, or main holds one open (stopping included). */
export function sessionUnderWay(live: LiveSnapshot): boolean {
  return live.activity !== 'idle' || (live.session.phase !== 'idle' && live.session.phase !== 'error');
}

const activePhases = new Set<SessionPhase>(['connecting', 'live', 'paused', 'reconnecting']);

export class LiveController {
  readonly transcript = new TranscriptModel();
  /** What the screen-reader region says at pauses (the "at pauses" announcement setting). */
  readonly announcer = new FinalAnnouncer();
  private snapshot: LiveSnapshot = {
    activity: 'idle',
    session: idleSessionState,
    problem: null,
    paused: false,
    pressedStartAt: null,
    microphoneOn: false,
    microphoneNotice: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly levelListeners = new Set<(level: Level) => void>();
  private capture: MicrophoneCapture | null = null;
  private relay: FrameRelay | null = null;
  private stopRequested = false;
  private starting: Promise<void> | null = null;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly client: EarshotClient) {
    // The network is back: main may try at once instead of waiting out its backoff.
    const networkOnline = (): void => {
      if (this.isActive) client.reportNetworkOnline(undefined);
    };
    window.addEventListener('online', networkOnline);
    this.unsubscribers.push(
      client.onTranscript((event) => {
        this.transcript.apply(event);
        this.announcer.apply(event);
      }),
      client.onSessionState((state) => this.sessionStateChanged(state)),
      () => window.removeEventListener('online', networkOnline),
      followCaptureRequests(client, this),
    );
    void client
      .getSessionState()
      .then((state) => this.sessionStateChanged(state))
      .catch(() => undefined);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LiveSnapshot => this.snapshot;

  onLevel(listener: (level: Level) => void): () => void {
    this.levelListeners.add(listener);
    return () => this.levelListeners.delete(listener);
  }

  get isActive(): boolean {
    return this.snapshot.activity !== 'idle' || activePhases.has(this.snapshot.session.phase);
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.capture?.abort();
  }

  start(settings: Settings): void {
    this.beginStart(settings);
  }

  /**
   * Main started the session (the dictation shortcut): capture for it as Start does. False when
   * the window is busy with a session of its own (main's start is then refused as busy).
   */
  startForMain(settings: Settings, sessionStarted: Promise<SessionState>): boolean {
    return this.beginStart(settings, sessionStarted);
  }

  /** Start's first step, whoever asked: the view says "starting" at once. False when not idle. */
  private beginStart(settings: Settings, sessionStarted?: Promise<SessionState>): boolean {
    if (this.snapshot.activity !== 'idle') return false;
    this.stopRequested = false;
    this.transcript.reset();
    this.update({
      activity: 'starting',
      problem: null,
      paused: false,
      pressedStartAt: Date.now(),
      microphoneNotice: null,
    });
    this.starting = this.runStart(settings, sessionStarted).finally(() => {
      this.starting = null;
    });
    return true;
  }

  async stop(): Promise<void> {
    if (this.snapshot.activity === 'stopping') return;
    this.stopRequested = true;
    if (this.starting) await this.starting;
    if (this.snapshot.activity === 'idle' && !activePhases.has(this.snapshot.session.phase)) return;
    this.update({ activity: 'stopping' });
    try {
      await this.capture?.finish();
      await this.relay?.drainAll();
    } finally {
      this.releaseCapture();
    }
    try {
      this.update({ session: await this.client.stopSession() });
    } catch (error) {
      this.update({ problem: userFacingErrorOf(error).message });
    }
    this.update({ activity: 'idle', paused: false });
  }

  /** While Stop is still retrying during an outage: give up now; main keeps the unsent audio on disk. */
  async stopNow(): Promise<void> {
    try {
      this.update({ session: await this.client.stopSessionNow() });
    } catch (error) {
      this.update({ problem: userFacingErrorOf(error).message });
    }
  }

  async togglePause(): Promise<void> {
    const paused = !this.snapshot.paused;
    this.update({ paused });
    try {
      this.update({ session: await this.client.pauseSession({ paused }) });
    } catch (error) {
      this.update({ paused: !paused, problem: userFacingErrorOf(error).message });
    }
  }

  private async runStart(settings: Settings, sessionStarted?: Promise<SessionState>): Promise<void> {
    const relay = new FrameRelay((frame) => this.client.sendAudio(frame));
    this.relay = relay;
    const sessionStart = (sessionStarted ?? this.client.startSession()).then(
      (state) => ({ ok: true as const, state }),
      (error: unknown) => ({ ok: false as const, message: userFacingErrorOf(error).message }),
    );
    try {
      this.capture = await openMicrophone(
        {
          source: settings.audioSource,
          deviceId: settings.microphoneDeviceId,
          systemDeviceId: settings.systemAudioDeviceId,
          echoCancellation: settings.echoCancellation,
          noiseSuppression: settings.noiseSuppression,
          autoGainControl: settings.autoGainControl,
        },
        {
          onFrame: (frame) => {
            if (!this.snapshot.paused) relay.push(frame);
          },
          onLevel: (level) => {
            for (const listener of this.levelListeners) listener(level);
          },
          onInputSwitched: (label) => this.update({ microphoneNotice: inputSwitchedNotice(label) }),
          onDeviceLost: () => this.deviceLost(),
        },
      );
      this.update({ microphoneOn: true });
    } catch (error) {
      const captureError =
        error instanceof CaptureError ? error : new CaptureError('microphone-unavailable', String(error));
      this.releaseCapture();
      this.update({ problem: captureError.message });
      // Reported once main has settled the start, so it stops that session with this reason.
      await sessionStart;
      if (captureError.problem) this.client.reportCaptureProblem({ problem: captureError.problem });
      this.update({ activity: 'idle' });
      return;
    }

    const started = await sessionStart;
    if (!started.ok) {
      this.releaseCapture();
      this.update({ activity: 'idle', problem: started.message });
      return;
    }
    this.update({ activity: 'running', session: started.state });
    relay.markOpen();
  }

  /**
   * No input is left (another one is switched to inside the capture): main keeps the session
   * open (keep-alive) until the user stops it, and the status says why it is silent.
   */
  private deviceLost(): void {
    this.client.reportCaptureProblem({ problem: 'device-lost' });
    this.capture = null;
    this.update({ microphoneOn: false });
  }

  private releaseCapture(): void {
    this.capture?.abort();
    this.capture = null;
    this.relay?.discard();
    this.relay = null;
    this.update({ microphoneOn: false });
    for (const listener of this.levelListeners) listener({ rms: 0, peak: 0 });
  }

  private sessionStateChanged(state: SessionState): void {
    this.update({ session: state, paused: state.phase === 'paused' ? true : this.snapshot.paused });
    // Main ended the session on its own (a fatal error, a lost device): let go of the microphone.
    const ended = state.phase === 'idle' || state.phase === 'error';
    if (ended && this.snapshot.activity === 'running' && !this.stopRequested) {
      this.releaseCapture();
      this.update({ activity: 'idle', paused: false });
    }
  }

  private update(patch: Partial<LiveSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
