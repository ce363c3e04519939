/** Connects a stretch of kept audio to Deepgram the way a live session would: current settings, fresh credential. */
import type { Settings } from '../../../shared/settings';
import type { Logger, SecretRegistry } from '../logger';
import { openListenConnection } from '../session/listen-connection';
import { audioFormatFor } from '../session/audio-format';
import { listenQueryFromSettings } from '../session/listen-query';
import type { SessionVault } from '../session/session-types';
import { streamingCredentialsFor } from '../session/streaming-credentials';
import type { SessionTuning } from '../session/session-tuning';
import { transcribeStretch, type LateTranscriptionResult } from './late-transcription';
import type { WaitingAudioChunk } from './waiting-audio-store';

export function createLateTranscriber(deps: {
  getSettings: () => Settings;
  vault: SessionVault;
  secrets: SecretRegistry;
  log: Logger;
  tuning: SessionTuning;
}) {
  return async (
    chunk: WaitingAudioChunk,
    audio: Uint8Array,
    options: { finalizeEveryBytes: number | null; signal: { aborted: boolean } },
  ): Promise<LateTranscriptionResult> => {
    const { log, tuning } = deps;
    const settings = deps.getSettings();
    // The query says what the kept file holds (its channel count), not what the source is now.
    const format = audioFormatFor(chunk.channels ?? 1);
    const credentials = await streamingCredentialsFor(settings, { ...deps, now: tuning.now });
    try {
      const credential = await credentials.acquire();
      return await transcribeStretch(
        chunk.sessionId,
        chunk.offsetBytes,
        audio,
        { ...options, format },
        {
          connect: (handlers) =>
            openListenConnection({
              endpoint: settings.endpoint,
              query: listenQueryFromSettings(settings, format),
              auth: credential.auth,
              handlers,
              connectTimeoutMs: tuning.connectTimeoutMs,
              log,
            }),
          timers: tuning.timers,
          now: tuning.now,
          replayRealTimeFactor: tuning.replayRealTimeFactor,
          closeTimeoutMs: tuning.stopTimeoutMs,
        },
      );
    } finally {
      await credentials.release();
    }
  };
}
