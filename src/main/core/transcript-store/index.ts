export { firstWordsCount, openTranscriptStore, type TranscriptStore } from './transcript-store';
