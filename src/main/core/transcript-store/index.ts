export { openTranscriptStore, type TranscriptStore } from './transcript-store';
