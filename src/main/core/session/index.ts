export { createSessionController, type SessionController } from './session-controller';
export type { SessionTuning } from './session-tuning';
export { ephemeralKeyTtlSeconds } from './streaming-credentials';
export type { SessionTranscriptStore } from './transcript-sink';
