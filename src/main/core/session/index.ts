export {
  createSessionController,
  type SessionController,
  type SessionControllerDeps,
  type SessionTranscriptStore,
  type SessionVault,
} from './session-controller';
export { defaultSessionTuning, type SessionTimers, type SessionTuning } from './session-tuning';
export { accessTokenTtlSeconds, ephemeralKeyTtlSeconds } from './streaming-credentials';
