/**
 * The parts of one live session, wired to each other: the audio log (what Deepgram has not
 * finalized), the spill and the outage journal (audio kept on disk), the pump (sending it,
 * paced), the keeper (connecting and reconnecting) and the transcript sink (words to disk,
 * then to the window). Opened at Start, closed when the session ends (session-controller.ts).
 */
import { randomBytes } from 'node:crypto';
import { formatSessionId, sessionIdRandomHexDigits } from '../../../shared/history';
import type { SessionState } from '../../../shared/session-state';
import type { Settings } from '../../../shared/settings';
import type { EarshotError } from '../../../shared/user-facing-error';
import { audioFormatForSource } from './audio-format';
import { AudioLog } from './audio-log';
import { AudioPump } from './audio-pump';
import { AudioSpill } from './audio-spill';
import { ConnectionKeeper } from './connection-keeper';
import { listenQueryFromSettings, type ListenQuery } from './listen-query';
import { OutageJournal } from './outage-journal';
import type { SessionStatus } from './session-status';
import type { SessionControllerDeps } from './session-types';
import type { SessionTuning } from './session-tuning';
import type { StreamingCredentials } from './streaming-credentials';
import { TranscriptSink } from './transcript-sink';

const saveFailedNotice =
  'Earshot could not save part of this transcript to disk. Check that the disk has free space; the text stays on screen.';

const replayLeadInMs = 250;

function newSessionId(now: number): string {
  return formatSessionId(new Date(now), randomBytes(sessionIdRandomHexDigits / 2).toString('hex'));
}

/** Everything that exists only while a session is on. */
export interface ActiveSession {
  id: string;
  credentials: StreamingCredentials;
  audio: AudioLog;
  sink: TranscriptSink;
  pump: AudioPump;
  keeper: ConnectionKeeper;
  spill: AudioSpill;
  journal: OutageJournal;
  /** The keeper reads it on every connection; new keyterms are put into it (keyterm-configure.ts). */
  query: ListenQuery;
  endpoint: string;
  paused: boolean;
  ended: boolean;
}

/** What every session's parts share with the controller that opens them. */
export interface ActiveSessionContext {
  deps: Pick<
    SessionControllerDeps,
    'waitingAudio' | 'transcriptStore' | 'emitTranscript' | 'onConnected' | 'log'
  >;
  tuning: SessionTuning;
  status: SessionStatus;
  /** The session is still the controller's: events of a replaced session are ignored. */
  isCurrent: (active: ActiveSession) => boolean;
  /** A failure no retry can fix: the session ends with it. */
  onFatal: (active: ActiveSession, failure: EarshotError) => Promise<void>;
}

/** 'live' or 'paused', whichever the person chose. */
export const runningPhase = (active: ActiveSession): SessionState['phase'] =>
  active.paused ? 'paused' : 'live';

/** The parts of one session, wired to each other and to the controller. */
export function openActiveSession(
  settings: Settings,
  credentials: StreamingCredentials,
  startedAt: number,
  context: ActiveSessionContext,
): ActiveSession {
  const { deps, tuning, status } = context;
  const { log } = deps;
  const id = newSessionId(startedAt);
  const isCurrent = () => context.isCurrent(active);
  // Fixed for the session: a source changed mid-session applies at the next Start.
  const format = audioFormatForSource(settings.audioSource);
  const spill = new AudioSpill({
    sessionId: id,
    store: deps.waitingAudio,
    onWritten: (kept, unkept) => {
      if (isCurrent()) status.addWaitingAudio(kept, unkept, format);
    },
    log,
    format,
  });
  const audio = new AudioLog(
    format.wholeSampleFrames(Math.round(tuning.bufferLimitMs * format.bytesPerMs)),
    (frame) => spill.evicted(frame),
    format,
  );
  const journal = new OutageJournal(id, deps.waitingAudio, format);
  const sink = new TranscriptSink({
    sessionId: id,
    store: deps.transcriptStore,
    emitTranscript: deps.emitTranscript,
    log,
    now: tuning.now,
    // A replay starts a little before the last final's end, so a word that begins right
    // there is heard from its onset; words already final are not shown again (the stitcher).
    onCovered: (seconds) => {
      audio.coverUpTo(format.secondsToBytes(seconds) - replayLeadInMs * format.bytesPerMs);
      journal.covered(audio.startPosition);
    },
    onSaveFailed: () => {
      if (isCurrent()) status.set({ notice: saveFailedNotice });
    },
    channels: format.channels,
  });
  const pump = new AudioPump({
    audio,
    tuning,
    startedAt,
    isCurrent,
    mayFlow: () => sink.hasBegun,
    onAudioChanged: () => status.countAudio(audio),
  });
  const query = listenQueryFromSettings(settings, format);
  const keeper = new ConnectionKeeper({
    sessionId: id,
    endpoint: settings.endpoint,
    query,
    credentials,
    audio,
    pump,
    sink,
    status,
    tuning,
    log,
    isCurrent,
    hasEnded: () => active.ended,
    runningPhase: () => runningPhase(active),
    onFatal: (failure) => context.onFatal(active, failure),
    onConnected: () => {
      journal.connected();
      deps.onConnected?.();
    },
    onDisconnected: () => journal.start(audio.held()),
  });
  const active: ActiveSession = {
    id,
    credentials,
    audio,
    sink,
    pump,
    keeper,
    spill,
    journal,
    query,
    endpoint: settings.endpoint,
    paused: false,
    ended: false,
  };
  return active;
}

/**
 * Tears the session's parts down; the transcript written so far stays, and audio Deepgram
 * has not covered (all of it, when `keepHeldAudio`) is on disk before this resolves.
 */
export async function closeActiveSession(active: ActiveSession, keepHeldAudio: boolean): Promise<void> {
  active.ended = true;
  active.keeper.cancelReconnect();
  active.pump.stop();
  if (keepHeldAudio) {
    const held = active.audio.takeAll();
    active.spill.keep(held.position, held.frames);
  }
  await active.spill.settled();
  // What the journal held is now kept by the spill (or was covered).
  await active.journal.close();
  await active.credentials.release();
  await active.sink.close();
}
